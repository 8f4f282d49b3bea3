import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'

const KEY = 'youjun.locale'
export const LOCALES = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
]

function initialLocale() {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved && LOCALES.some((l) => l.value === saved)) return saved
  } catch {
    /* storage disabled */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(value) {
  i18n.global.locale.value = value
  document.documentElement.lang = value
  try {
    localStorage.setItem(KEY, value)
  } catch {
    /* storage disabled */
  }
}
document.documentElement.lang = i18n.global.locale.value
