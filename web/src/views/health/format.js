// Display helpers of the 体质健康与视力 page. The server names levels, BMI bands and item keys in Chinese
// (优秀…, 低体重…) or as keys (bmi…); these turn them into the current locale's words.
import { i18n } from '../../i18n/index.js'

const t = (...a) => i18n.global.t(...a)
const te = (k) => i18n.global.te(k)

export const LEVELS = ['优秀', '良好', '及格', '不及格']
export const BANDS = ['正常', '低体重', '超重', '肥胖']
const LEVEL_KEYS = { 优秀: 'excellent', 良好: 'good', 及格: 'pass', 不及格: 'fail' }
const BAND_KEYS = { 低体重: 'under', 正常: 'normal', 超重: 'over', 肥胖: 'obese' }
export const LEVEL_COLORS = { 优秀: '#18a058', 良好: '#3b82f6', 及格: '#f0a020', 不及格: '#d03050' }
// The order of the 国家学生体质健康标准 items (its 单项指标与权重 table).
export const ITEM_ORDER = ['bmi', 'vital_capacity', 'run_50m', 'sit_reach', 'rope_skip', 'sit_ups', 'run_50x8', 'long_jump', 'pull_ups', 'run_800m', 'run_1000m']

export const levelLabel = (l) => (LEVEL_KEYS[l] ? t('health.levels.' + LEVEL_KEYS[l]) : l)
export const bandLabel = (b) => (BAND_KEYS[b] ? t('health.bands.' + BAND_KEYS[b]) : b)
export const itemLabel = (k) => (te('health.items.' + k) ? t('health.items.' + k) : k)
export const profileLabel = (p) => (te('health.profiles.' + p) ? t('health.profiles.' + p) : p || '–')
export const gradeLabel = (g) => (g === null || g === undefined ? '–' : t('health.gradeLabel', { n: g }))

// 0.9739 -> "97.4%"
export function pct(x, digits = 1) {
  if (x === null || x === undefined || !Number.isFinite(Number(x))) return '–'
  return (100 * Number(x)).toFixed(digits) + '%'
}

// Percentage points with a sign: 0.65 -> "+0.65", -1.62 -> "−1.62"
export function signed(v, digits = 2) {
  if (v === null || v === undefined || !Number.isFinite(Number(v))) return '–'
  const n = Number(v)
  if (Math.abs(n) < 0.5 * 10 ** -digits) return (0).toFixed(digits)
  return (n > 0 ? '+' : '−') + Math.abs(n).toFixed(digits)
}
export const points = (v, digits = 2) => t('health.percentPoints', { v: signed(v, digits) })

// "1-2" (grade 1, class 2) -> 1年级2班; other class ids as they are.
export function classLabel(id) {
  const m = /^(\d{1,2})-(\d{1,3})$/.exec(String(id || ''))
  return m ? t('health.classLabel', { g: Number(m[1]), n: Number(m[2]) }) : id || '–'
}

// The newest first: by upload time, then by id (fitness-2026-002 after -001).
export function newestFirst(list) {
  return [...list].sort(
    (a, b) => String(b.created_at || '').localeCompare(String(a.created_at || '')) || String(b.id).localeCompare(String(a.id), undefined, { numeric: true }),
  )
}

// 五育综合评价: the levels of the index (the server's names), the dimensions in display order and the
// indicators of the national example scheme (policy wuyu.indicator.*), grouped by dimension.
export const WUYU_LEVELS = ['优秀', '良好', '合格', '待合格']
const WUYU_LEVEL_KEYS = { 优秀: 'excellent', 良好: 'good', 合格: 'pass', 待合格: 'below' }
export const WUYU_LEVEL_CLASS = { 优秀: 'lv-excellent', 良好: 'lv-good', 合格: 'lv-pass', 待合格: 'lv-fail' }
export const WUYU_DIMENSIONS = ['moral', 'intellectual', 'physical', 'aesthetic', 'labour']
export const WUYU_INDICATORS = [
  'conduct_grade',
  'service_hours',
  'academic_grade',
  'fitness_total',
  'exercise_days',
  'art_grade',
  'art_practice_hours',
  'labour_hours',
  'labour_grade',
]
// Indicators entered as a grade letter; the others are non-negative numbers (the unit after the value).
export const WUYU_GRADES = ['A', 'B', 'C', 'D']
const GRADE_INDICATORS = new Set(['conduct_grade', 'academic_grade', 'art_grade', 'labour_grade'])
const INDICATOR_UNITS = { service_hours: 'hours', fitness_total: 'points', exercise_days: 'days', art_practice_hours: 'hours', labour_hours: 'hours' }
export const isGradeIndicator = (k) => GRADE_INDICATORS.has(k)

export const wuyuLevelLabel = (l) => (WUYU_LEVEL_KEYS[l] ? t('health.wuyu.levels.' + WUYU_LEVEL_KEYS[l]) : l || '–')
// The dimension's name in the current locale (德 智 体 美 劳), else the server's label.
export const dimensionLabel = (key, serverLabel) => (te('health.wuyu.dims.' + key) ? t('health.wuyu.dims.' + key) : serverLabel || key)
export const indicatorLabel = (k) => (te('health.wuyu.indicators.' + k) ? t('health.wuyu.indicators.' + k) : k)
export function indicatorValue(k, v) {
  if (v === null || v === undefined || v === '') return '–'
  const unit = INDICATOR_UNITS[k]
  return unit ? t('health.wuyu.units.' + unit, { v }) : String(v)
}
// The order of the scheme: by dimension, then as listed above; unknown indicators last, by key.
export function indicatorOrder(a, b) {
  const ia = WUYU_INDICATORS.indexOf(a)
  const ib = WUYU_INDICATORS.indexOf(b)
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || String(a).localeCompare(String(b))
}
// Natural order of ids: 1-2 before 1-10.
export const naturalOrder = (a, b) => String(a).localeCompare(String(b), undefined, { numeric: true })
// The term the demo's records are for, and the section's first choice.
export const WUYU_DEFAULT_TERM = '2026-1'
