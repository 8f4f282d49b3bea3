import { createRouter, createWebHashHistory } from 'vue-router'
import { can, homeFor, restoreSession, session, setUnauthorizedHandler } from './api.js'
import { ElMessage } from 'element-plus'
import { i18n } from './i18n/index.js'
import Login from './views/Login.vue'
import Layout from './views/Layout.vue'

// Hash history: the server only has to serve index.html at "/" (no SPA fallback needed).
const routes = [
  { path: '/login', name: 'login', component: Login, meta: { public: true } },
  // 入学通知书查验: anyone holding a notice, no login
  { path: '/verify', name: 'verify', component: () => import('./views/NoticeVerify.vue'), meta: { public: true, title: 'verify.title' } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', redirect: () => homeFor() },
      { path: 'overview', name: 'overview', component: () => import('./views/Overview.vue'), meta: { cap: 'overview', title: 'nav.overview' } },
      { path: 'schools', name: 'schools', component: () => import('./views/Schools.vue'), meta: { cap: 'schools', title: 'nav.schools' } },
      { path: 'schools/:code', name: 'school', component: () => import('./views/SchoolDetail.vue'), meta: { cap: 'schools', title: 'nav.schools', nav: 'schools' } },
      { path: 'import', name: 'import', component: () => import('./views/Import.vue'), meta: { cap: 'import', title: 'nav.import' } },
      { path: 'users', name: 'users', component: () => import('./views/Users.vue'), meta: { cap: 'users', title: 'nav.users' } },
      { path: 'audit', name: 'audit', component: () => import('./views/Audit.vue'), meta: { cap: 'audit', title: 'nav.audit' } },
      { path: 'enroll/warnings', name: 'warnings', component: () => import('./views/Warnings.vue'), meta: { cap: 'warnings', title: 'nav.warnings' } },
      { path: 'enroll/locate', name: 'locate', component: () => import('./views/Locate.vue'), meta: { cap: 'locate', title: 'nav.locate' } },
      { path: 'enroll/runs', name: 'runs', component: () => import('./views/Runs.vue'), meta: { cap: 'runs', title: 'nav.runs' } },
      { path: 'enroll/apply', name: 'apply', component: () => import('./views/Applications.vue'), meta: { cap: 'apply', title: 'nav.apply', nav: 'enroll/apply' } },
      { path: 'enroll/applications', name: 'review', component: () => import('./views/ApplicationReview.vue'), meta: { cap: 'review', title: 'nav.review', nav: 'enroll/applications' } },
      { path: 'enroll/notices', name: 'notices', component: () => import('./views/Notices.vue'), meta: { cap: 'notices', title: 'nav.notices' } },
      { path: 'enroll/migrant', name: 'migrant', component: () => import('./views/MigrantShare.vue'), meta: { cap: 'migrant', title: 'nav.migrant' } },
      { path: 'admit', name: 'admit', component: () => import('./views/Admission.vue'), meta: { cap: 'admit', title: 'nav.admit' } },
      { path: 'health', name: 'health', component: () => import('./views/Health.vue'), meta: { cap: 'health', title: 'nav.health' } },
      { path: 'balance/creations', name: 'creations', component: () => import('./views/Creations.vue'), meta: { cap: 'creations', title: 'nav.creations', nav: 'balance/creations' } },
      { path: 'balance', name: 'balance', component: () => import('./views/Balance.vue'), meta: { cap: 'balance', title: 'nav.balance' } },
      { path: 'children', name: 'children', component: () => import('./views/Children.vue'), meta: { cap: 'children', title: 'nav.children' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/Message.vue'), props: { kind: 'forbidden' } },
      { path: ':rest(.*)*', name: 'notfound', component: () => import('./views/Message.vue'), props: { kind: 'notFound' } },
    ],
  },
]

// The notice PDF prints the plain address /verify (the server answers index.html for it): open the hash route.
if (window.location.pathname.replace(/\/+$/, '') === '/verify' && !window.location.hash) {
  window.history.replaceState(null, '', '/#/verify' + window.location.search)
}

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  await restoreSession()
  if (to.meta.public) {
    if (session.user && to.name === 'login') return homeFor()
    return true
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.cap && !can(to.meta.cap)) return homeFor()
  return true
})

router.afterEach((to) => {
  const title = to.meta.title ? i18n.global.t(to.meta.title) + ' · ' : ''
  document.title = title + '优均 youjun'
})

// Any 401 from the API (expired or revoked session) -> back to the login page.
let redirecting = false
setUnauthorizedHandler(() => {
  const current = router.currentRoute.value
  if (redirecting || current.name === 'login') return
  redirecting = true
  ElMessage.warning(i18n.global.t('app.sessionExpired'))
  router
    .replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    .finally(() => {
      redirecting = false
    })
})
