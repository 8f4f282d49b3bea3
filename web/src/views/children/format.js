// Display helpers of a child's 成长档案 (page 我的孩子) and of the 综合素质 写实记录 shared with the staff's
// 成长画像. Parents see levels only (001): no points, totals, index or order — so the 五育 record that holds the
// 体质健康学年总分 is named after the test and shows no number.
import { i18n } from '../../i18n/index.js'
import { indicatorLabel, indicatorValue } from '../health/format.js'

const t = (...a) => i18n.global.t(...a)
const te = (k) => i18n.global.te(k)

// 视力 status as the server names it -> key of children.dev.vision.status and the level colour.
const VISION_KEYS = { 正常: 'normal', 视力不良: 'poor', 近视: 'myopia' }
export const VISION_CLASS = { 正常: 'lv-excellent', 视力不良: 'lv-pass', 近视: 'lv-fail' }
export const visionLabel = (s) => (VISION_KEYS[s] ? t('children.dev.vision.status.' + VISION_KEYS[s]) : s || '–')

export const FITNESS_LEVEL_CLASS = { 优秀: 'lv-excellent', 良好: 'lv-good', 及格: 'lv-pass', 不及格: 'lv-fail' }
export const BAND_CLASS = { 正常: 'lv-excellent', 低体重: 'lv-good', 超重: 'lv-pass', 肥胖: 'lv-fail' }

// A record whose value is a test score (the profile marks it score=yes) reaches parents as its level
// (value_is_level, 001); the label names the test, not a total.
const POINT_INDICATORS = new Set(['fitness_total'])
export const parentIndicatorLabel = (k) => (POINT_INDICATORS.has(k) ? t('children.dev.wuyu.fitnessIndicator') : indicatorLabel(k))
export const parentIndicatorValue = (row) =>
  row.value_is_level ? row.value || '–' : POINT_INDICATORS.has(row.indicator) ? t('children.dev.wuyu.fitnessValue') : indicatorValue(row.indicator, row.value)

// A dimension's level (the server sends parents levels, not scores) as a radar ring: 优秀 outermost.
const LEVEL_RING = { 优秀: 100, 良好: 75, 合格: 50, 待合格: 25 }
export const levelRing = (v) => (typeof v === 'number' ? v : LEVEL_RING[v] || 0)

// Who entered a record: the demo loader's account by a readable name, anyone else by their user name.
const userKey = (u) => 'children.enteredBy.' + String(u).replace(/\W/g, '_')
export const enteredByLabel = (u) => (!u ? '–' : te(userKey(u)) ? t(userKey(u)) : u)

// 综合素质 aspects: the locale's name, else the server's label, else the key.
export const aspectLabel = (key, serverLabel) => (te('quality.aspects.' + key) ? t('quality.aspects.' + key) : serverLabel || key)

// Characters as the server counts them (code points, not UTF-16 units).
export const charCount = (s) => [...String(s || '')].length

// 6 -> 六年级 (the locale's grade names), else the number as it is.
export function gradeName(g) {
  const names = i18n.global.tm('grades')
  const name = Array.isArray(names) ? names[Number(g) - 1] : null
  if (name) return i18n.global.rt(name)
  return g === null || g === undefined || g === '' ? '–' : String(g)
}
