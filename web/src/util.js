// Small display helpers shared by the views.
import { i18n } from './i18n/index.js'

const t = (...a) => i18n.global.t(...a)
const te = (k) => i18n.global.te(k)

// Text for a failed API call: the server's Chinese message when there is one, else a generic one.
export function errorText(err) {
  if (!err) return ''
  if (err.body && err.body.error) return err.body.error
  if (err.code === 'network') return t('errors.network')
  if (err.code && te('errors.' + err.code)) return t('errors.' + err.code)
  if (err.status) return t('errors.unknown', { status: err.status })
  return String(err.message || err)
}

export function fmtNumber(v, digits = 0) {
  if (v === null || v === undefined || v === '') return '–'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  return n.toLocaleString(i18n.global.locale.value === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  })
}

export function fmtMoney(v) {
  if (v === null || v === undefined || v === '') return '–'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  if (i18n.global.locale.value !== 'en' && Math.abs(n) >= 10000) {
    return (n / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + ' 万元'
  }
  return fmtNumber(n, 2) + ' ' + t('units.yuan')
}

// Label of a stored enum value ("primary" -> 小学 / Primary); `serverLabel` is the server's Chinese label.
export function enumLabel(kind, value, serverLabel) {
  if (value === null || value === undefined || value === '') return '–'
  const key = `enums.${kind}.${value}`
  if (te(key)) return t(key)
  return serverLabel || String(value)
}

export function enumOptions(kind) {
  const msgs = i18n.global.getLocaleMessage('zh-CN').enums[kind] || {}
  return Object.keys(msgs).map((value) => ({ value, label: enumLabel(kind, value) }))
}

export function roleLabel(role) {
  return te('roles.' + role) ? t('roles.' + role) : role || '–'
}

export function fmtTime(v) {
  if (!v) return '–'
  const d = new Date(typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : v)
  if (Number.isNaN(d.getTime())) return String(v)
  const p = (x) => String(x).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

// Grades a school level teaches (1-12), for the per-grade chart and table.
export function gradesFor(level) {
  switch (level) {
    case 'primary': return [1, 2, 3, 4, 5, 6]
    case 'junior': return [7, 8, 9]
    case 'nine_year': return [1, 2, 3, 4, 5, 6, 7, 8, 9]
    case 'complete_secondary': return [7, 8, 9, 10, 11, 12]
    case 'senior': return [10, 11, 12]
    default: return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  }
}

// Copies text to the clipboard; also where navigator.clipboard is missing (plain http on a LAN address).
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* fall back below */
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(area)
  return ok
}
