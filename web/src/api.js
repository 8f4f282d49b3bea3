// Thin client for the youjun HTTP API (docs/api.md). The session lives in the HTTP-only cookie
// `yj_session`; the CSRF token is kept in memory only and sent on every state-changing request.
import { reactive } from 'vue'

export const session = reactive({
  user: null, // User = {username, display_name, role, school_code, disabled, locked_until}
  csrf: '',
  checked: false, // GET /auth/me has been tried once since the page loaded
})

let onUnauthorized = () => {}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`)
    this.status = status
    this.code = (body && body.code) || ''
    this.body = body || {}
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

// request('GET', '/schools', {query}) / request('POST', '/users', {json}) / request('POST', ..., {form})
export async function request(method, path, { query, json, form, auth401 = true } = {}) {
  let url = '/api/v1' + path
  if (query) {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v))
    }
    const s = qs.toString()
    if (s) url += '?' + s
  }
  const headers = { Accept: 'application/json' }
  let body
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(json)
  } else if (form) {
    body = form // the browser sets the multipart boundary
  }
  if (UNSAFE.has(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf

  let res
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { error: '', code: 'network' })
  }
  let data = null
  const text = await res.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = { error: '', code: 'bad_response' }
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data)
    if (res.status === 401 && auth401) {
      session.user = null
      session.csrf = ''
      onUnauthorized()
    }
    throw err
  }
  return data
}

export const api = {
  login: (username, password) =>
    request('POST', '/auth/login', { json: { username, password }, auth401: false }),
  logout: () => request('POST', '/auth/logout', { auth401: false }),
  me: () => request('GET', '/auth/me', { auth401: false }),
  overview: (query) => request('GET', '/overview', { query }),
  schools: (query) => request('GET', '/schools', { query }),
  school: (code) => request('GET', '/schools/' + encodeURIComponent(code)),
  students: (code, query) => request('GET', '/schools/' + encodeURIComponent(code) + '/students', { query }),
  importKinds: () => request('GET', '/import/kinds'),
  importFile: (kind, file, sheet) => {
    const form = new FormData()
    form.append('file', file, file.name)
    if (sheet) form.append('sheet', sheet)
    return request('POST', '/import/' + encodeURIComponent(kind), { form })
  },
  users: () => request('GET', '/users'),
  createUser: (u) => request('POST', '/users', { json: u }),
  updateUser: (username, patch) => request('PUT', '/users/' + encodeURIComponent(username), { json: patch }),
  audit: (query) => request('GET', '/audit', { query }),
  myChildren: () => request('GET', '/my/children'),
  myChildDevelopment: (studentNo) => request('GET', '/my/children/' + encodeURIComponent(studentNo) + '/development'),
  myChildAdmission: (studentNo) => request('GET', '/my/children/' + encodeURIComponent(studentNo) + '/admission'),
  myApplications: () => request('GET', '/my/applications'),
  submitApplication: (body) => request('POST', '/my/applications', { json: body }),
  resubmitApplication: (id, body) => request('PUT', '/my/applications/' + encodeURIComponent(id), { json: body }),
  withdrawApplication: (id, version) => request('POST', '/my/applications/' + encodeURIComponent(id) + '/withdraw', { json: { version } }),
  applications: (query) => request('GET', '/enroll/applications', { query }),
  reviewApplication: (id, body) => request('POST', '/enroll/applications/' + encodeURIComponent(id) + '/review', { json: body }),
  migrantShare: (query) => request('GET', '/enroll/migrant-share', { query }),
  balanceEvaluation: (query) => request('GET', '/balance/evaluation', { query }),
  balancePlan: (query) => request('GET', '/balance/plan', { query }),
  creations: (query) => request('GET', '/balance/creations', { query }),
  uploadCreations: (file, profile) => {
    const form = new FormData()
    form.append('file', file, file.name)
    if (profile) form.append('profile', profile)
    return request('POST', '/balance/creations', { form })
  },
  schoolBalance: (code, query) => request('GET', `/schools/${encodeURIComponent(code)}/balance`, { query }),
  runs: () => request('GET', '/enroll/runs'),
  admitRounds: () => request('GET', '/admit/rounds'),
  createAdmitRound: (form) => request('POST', '/admit/rounds', { form }),
  admitRound: (id) => request('GET', '/admit/rounds/' + encodeURIComponent(id)),
  editAdmitQuota: (id, body) => request('PUT', '/admit/rounds/' + encodeURIComponent(id) + '/quota', { json: body }),
  admitRoundAdmit: (id, seed) => request('POST', '/admit/rounds/' + encodeURIComponent(id) + '/admit', { json: { seed } }),
  admitRoundPublish: (id) => request('POST', '/admit/rounds/' + encodeURIComponent(id) + '/publish'),
  admitStudent: (id, student) => request('GET', '/admit/rounds/' + encodeURIComponent(id) + '/students/' + encodeURIComponent(student)),
  warnings: (query) => request('GET', '/enroll/warnings', { query }),
  datasets: () => request('GET', '/enroll/data'),
  // `crs` (WGS-84 | GCJ-02) for the 地址库 (addresses): its coordinates are stored converted to WGS-84
  uploadDataset: (kind, file, crs) => {
    const form = new FormData()
    form.append('file', file, file.name)
    if (crs) form.append('crs', crs)
    return request('POST', '/enroll/data/' + encodeURIComponent(kind), { form })
  },
  locate: (query) => request('GET', '/enroll/locate', { query }),
  addresses: (query) => request('GET', '/enroll/addresses', { query }),
  run: (id) => request('GET', '/enroll/runs/' + encodeURIComponent(id)),
  createRun: (form) => request('POST', '/enroll/runs', { form }),
  explainRun: (id, studentId) => request('GET', '/enroll/runs/' + encodeURIComponent(id) + '/explain', { query: { student_id: studentId } }),
  drawRun: (id, seed) => request('POST', '/enroll/runs/' + encodeURIComponent(id) + '/draw', { json: { seed } }),
  publishRun: (id) => request('POST', '/enroll/runs/' + encodeURIComponent(id) + '/publish'),
  // report: {report_time?, report_note?} printed on each notice of the issue (empty = "按学校通知的时间")
  issueNotices: (runId, report = {}) => request('POST', '/enroll/runs/' + encodeURIComponent(runId) + '/notices', { json: report }),
  notices: (query) => request('GET', '/enroll/notices', { query }),
  reportNotice: (code) => request('POST', '/enroll/notices/' + encodeURIComponent(code) + '/report', { json: {} }),
  revokeNotice: (code, reason) => request('POST', '/enroll/notices/' + encodeURIComponent(code) + '/revoke', { json: { reason } }),
  // public (no login): a 401 here must not send the visitor to the login page
  verifyNotice: (code) => request('GET', '/notices/verify', { query: { code }, auth401: false }),
  healthDatasets: () => request('GET', '/evaluate/datasets'),
  healthDataset: (id) => request('GET', '/evaluate/datasets/' + encodeURIComponent(id)),
  healthStudents: (id, query) => request('GET', '/evaluate/datasets/' + encodeURIComponent(id) + '/students', { query }),
  createHealthDataset: (form) => request('POST', '/evaluate/datasets', { form }),
  wuyu: (query) => request('GET', '/evaluate/wuyu', { query }),
  wuyuStudent: (id) => request('GET', '/evaluate/wuyu/students/' + encodeURIComponent(id)),
  setWuyuRecord: (record) => request('PUT', '/evaluate/wuyu/records', { json: record }),
  setQualityRecord: (body) => request('PUT', '/evaluate/quality/records', { json: body }),
}

// Every school the user may see (GET /schools pages by at most 200): for names next to school codes.
export async function allSchools() {
  const items = []
  for (let page = 1; page <= 100; page++) {
    const r = await api.schools({ page, page_size: 200 })
    items.push(...(r.items || []))
    if (!r.items || !r.items.length || items.length >= (r.total || 0)) break
  }
  return items
}

export async function restoreSession() {
  if (session.checked) return session.user
  session.checked = true
  try {
    const r = await api.me()
    session.user = r.user
    session.csrf = r.csrf_token || ''
  } catch {
    session.user = null
    session.csrf = ''
  }
  return session.user
}

// What each role may open (docs/api.md "Roles" and the route table).
const CAPS = {
  overview: ['bureau_admin', 'bureau_staff', 'auditor', 'school_admin'],
  schools: ['bureau_admin', 'bureau_staff', 'auditor', 'school_admin'],
  import: ['bureau_admin', 'bureau_staff', 'school_admin'],
  users: ['bureau_admin'],
  audit: ['bureau_admin', 'auditor'],
  children: ['parent'],
  apply: ['parent'],
  review: ['bureau_admin', 'bureau_staff', 'auditor'],
  reviewWrite: ['bureau_admin', 'bureau_staff'],
  migrant: ['bureau_admin', 'bureau_staff', 'auditor'],
  balance: ['bureau_admin', 'bureau_staff', 'auditor'],
  creations: ['bureau_admin', 'bureau_staff', 'auditor'],
  creationsUpload: ['bureau_admin', 'bureau_staff'],
  runs: ['bureau_admin', 'bureau_staff', 'auditor'],
  warnings: ['bureau_admin', 'bureau_staff', 'auditor'],
  locate: ['bureau_admin', 'bureau_staff', 'auditor', 'school_admin', 'parent'],
  runDraw: ['bureau_admin', 'bureau_staff'],
  notices: ['bureau_admin', 'bureau_staff', 'auditor', 'school_admin'],
  noticeIssue: ['bureau_admin', 'bureau_staff'],
  noticeReport: ['bureau_admin', 'bureau_staff', 'school_admin'],
  noticeRevoke: ['bureau_admin', 'bureau_staff'],
  admit: ['bureau_admin', 'bureau_staff', 'auditor'],
  admitRun: ['bureau_admin', 'bureau_staff'],
  health: ['bureau_admin', 'bureau_staff', 'auditor', 'school_admin'],
  healthUpload: ['bureau_admin', 'bureau_staff'],
  wuyuEdit: ['bureau_admin', 'bureau_staff', 'school_admin'],
}
export function can(cap, user = session.user) {
  return !!user && (CAPS[cap] || []).includes(user.role)
}
export function homeFor(user = session.user) {
  if (!user) return '/login'
  if (can('overview', user)) return '/overview'
  if (can('children', user)) return '/children'
  return '/forbidden'
}
