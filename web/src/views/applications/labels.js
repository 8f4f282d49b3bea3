// Labels shared by 网上报名 (parents) and 报名审核 (staff): the eligibility facts, the 随迁子女 documents, the
// statuses, and the server's derivation steps made readable (the rule's key moved out of the sentence).
import { i18n } from '../../i18n/index.js'

const t = (...a) => i18n.global.t(...a)
const te = (k) => i18n.global.te(k)

// The facts a family states (docs/enrollment.md §5). migrant_documents_complete is derived by the server
// from the documents handed in, never ticked.
export const FACTS = ['hukou_in_catchment', 'owns_home_in_catchment', 'rents_in_catchment', 'residence_permit', 'talent_housing', 'migrant']
// The 随迁子女 documents of the profile (enroll.eligibility.migrant_documents), stored by their Chinese names.
export const DOCUMENTS = [
  { value: '居住证', key: 'permit' },
  { value: '就业或经营证明', key: 'employment' },
  { value: '社会保险缴纳证明', key: 'insurance' },
]
export const STATUSES = ['submitted', 'returned', 'approved', 'withdrawn']
export const STATUS_TYPE = { submitted: 'warning', returned: 'danger', approved: 'success', withdrawn: 'info' }

export const factLabel = (k) => (te('applications.facts.' + k) ? t('applications.facts.' + k) : k)
export const statusLabel = (s, zh) => (te('applications.status.' + s) ? t('applications.status.' + s) : zh || s || '–')
export function documentLabel(v) {
  const d = DOCUMENTS.find((x) => x.value === v)
  return d ? t('applications.documents.' + d.key) : v
}
export const heldFacts = (facts) => FACTS.filter((k) => facts && facts[k])

// "第 1 类 · 户籍与房产均在学区", or 无类别 when no tier holds (统筹安排).
export function tierText(e) {
  if (!e) return '–'
  if (e.tier === null || e.tier === undefined) return t('applications.noTier')
  return t('applications.tier', { n: e.tier, name: e.tier_name || '' })
}

// A derivation step of the server ("→ 第 1 类：…（满足 …；enroll.eligibility.tier.1 = 名称: 条件（依据；national））")
// as {text, basis, key}: the sentence, the rule's citation, the policy key (for a tooltip). A line of
// another shape is kept as it is.
export function derivationStep(line) {
  const m = String(line).match(/^(.*?)[；（](enroll\.[\w.]+) = (.*)$/)
  if (!m) return { text: String(line), basis: '', key: '' }
  let [, head, key, rest] = m
  const colon = rest.indexOf(': ') // after the tier's name (which may hold brackets) comes its condition
  const open = rest.indexOf('（', colon >= 0 ? colon : 0)
  // the citation closes twice (its own bracket and the sentence's), after the profile's name
  const basis = open >= 0 ? rest.slice(open + 1).replace(/））$/, '').replace(/；[A-Za-z0-9_-]+$/, '') : ''
  const opened = (head.match(/（/g) || []).length - (head.match(/）/g) || []).length
  if (opened > 0) head += '）'.repeat(opened)
  return { text: head, basis, key }
}

// 入学通知书: issued = 已签发（待报到）, reported = 已报到.
export const NOTICE_STATUSES = ['issued', 'reported', 'revoked']
export const NOTICE_STATUS_TYPE = { issued: 'warning', reported: 'success', revoked: 'danger' }
export const noticeStatusLabel = (s, zh) => (te('notices.status.' + s) ? t('notices.status.' + s) : zh || s || '–')
