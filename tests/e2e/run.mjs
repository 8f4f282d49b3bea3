#!/usr/bin/env node
// Browser tests of the youjun web UI against a running server (the real C++ server with a demo database).
//
//   YOUJUN_URL=http://127.0.0.1:18080 YOUJUN_USER=admin YOUJUN_PASSWORD=… node tests/e2e/run.mjs
//   (or: cd web && npm run test:e2e)
//
// Optional: YOUJUN_CHROMIUM (default /usr/bin/chromium), YOUJUN_E2E_TIMEOUT_MS (per step, default 20000),
// YOUJUN_E2E_TIMING=1 (durations as "#" lines).
// Uses playwright-core from web/node_modules with the system Chromium; never downloads a browser.
// Prints "ok - name" / "not ok - name" per test, then exactly one line "e2e: N passed, M failed";
// exits 1 if any test failed. Full-page screenshots go to build/e2e-screenshots/ (repo root).
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const SHOTS = path.join(ROOT, 'build', 'e2e-screenshots')
const BASE = (process.env.YOUJUN_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const USER = process.env.YOUJUN_USER || ''
const PASSWORD = process.env.YOUJUN_PASSWORD || ''
const CHROMIUM = process.env.YOUJUN_CHROMIUM || '/usr/bin/chromium'
const TIMEOUT = Number(process.env.YOUJUN_E2E_TIMEOUT_MS || 20000)
// Demo accounts of other roles (same password as YOUJUN_USER) for the 体质健康与视力 tests.
const STAFF_USER = process.env.YOUJUN_STAFF_USER || 'staff'
const SCHOOL_USER = process.env.YOUJUN_SCHOOL_USER || 'school'
// A parent whose child has results (the demo's `parent`: a 六年级 pupil) for the 我的孩子 test.
const PARENT_USER = process.env.YOUJUN_PARENT_USER || 'parent'
// A parent whose child is a 九年级 student with a published 中考 round (the demo's `parent2`), and an auditor.
const PARENT2_USER = process.env.YOUJUN_PARENT2_USER || 'parent2'
const AUDITOR_USER = process.env.YOUJUN_AUDITOR_USER || 'auditor'
// 网上报名 of the demo (docs/enrollment.md §8): the younger child linked to `parent` (no application yet), a
// school of the demo city, and a valid ID number linked to nobody.
const APPLY_CHILD_ID = '330602202103155177'
const APPLY_CHILD_NAME = '周小宇'
const APPLY_SCHOOL = '3306023136'
const UNLINKED_ID = '11010519491231002X'

const results = []
function finish() {
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  console.log(`e2e: ${passed} passed, ${failed} failed`)
  process.exitCode = failed ? 1 : 0
}

if (!USER || !PASSWORD) {
  console.log('# YOUJUN_USER and YOUJUN_PASSWORD must be set (and YOUJUN_URL, default ' + BASE + ')')
  results.push({ name: 'environment', ok: false })
  console.log('not ok - environment')
  finish()
  process.exit()
}

let chromium
try {
  chromium = createRequire(path.join(ROOT, 'web', 'package.json'))('playwright-core').chromium
} catch (e) {
  console.log('# playwright-core not found: run `npm ci` in web/ first (' + e.message + ')')
  results.push({ name: 'environment', ok: false })
  console.log('not ok - environment')
  finish()
  process.exit()
}

fs.mkdirSync(SHOTS, { recursive: true })
for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f))

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
// Start every run in Chinese, whatever an earlier run left in localStorage.
await context.addInitScript(() => {
  if (!sessionStorage.getItem('e2e-init')) {
    sessionStorage.setItem('e2e-init', '1')
    localStorage.removeItem('youjun.locale')
  }
})
const page = await context.newPage()
page.setDefaultTimeout(TIMEOUT)
const consoleErrors = []
page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message))
page.on('console', (m) => {
  // 401/422 answers are expected in these flows; the browser logs each failed fetch as an error
  if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
    consoleErrors.push('console: ' + m.text())
})

let shotNo = 0
// fullPage: false for what is fixed to the viewport (a drawer): the viewport only.
async function shot(name, { fullPage = true } = {}) {
  shotNo++
  const file = path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`)
  await page.mouse.move(0, 0)
  await page.evaluate(() => {
    window.scrollTo(0, 0)
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur()
  })
  await page.waitForTimeout(400) // let transitions and chart animations settle
  await page.screenshot({ path: file, fullPage })
  return file
}

const tid = (id) => `[data-testid="${id}"]`
// Element Plus puts the test id of <el-input> on the <input> itself; accept a wrapper too.
const inp = (id) => `input${tid(id)}, ${tid(id)} input`
const digits = (s) => Number(String(s).replace(/[^\d]/g, '') || 0)

let loggedIn = false
async function test(name, fn, { needsLogin = true } = {}) {
  const before = consoleErrors.length
  if (needsLogin && !loggedIn) {
    results.push({ name, ok: false })
    console.log(`not ok - ${name}`)
    console.log('#   skipped: not logged in')
    return
  }
  const started = Date.now()
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`ok - ${name}`)
    if (process.env.YOUJUN_E2E_TIMING) console.log(`#   ${Date.now() - started} ms`)
  } catch (e) {
    results.push({ name, ok: false })
    console.log(`not ok - ${name}`)
    for (const line of String(e && e.stack ? e.stack : e).split('\n').slice(0, 8)) console.log('#   ' + line)
    try {
      shotNo++
      await page.screenshot({ path: path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-FAILED-${name.replace(/[^\w-]+/g, '_')}.png`), fullPage: true })
    } catch {
      /* page gone */
    }
  }
  for (const line of consoleErrors.slice(before)) console.log('#   browser ' + line.slice(0, 300))
}

// Options of an Element Plus select live in a popper teleported to <body>.
async function chooseOption(selectTestId, optionTestId) {
  await page.locator(tid(selectTestId)).click()
  await page.locator(tid(optionTestId)).click()
}

// An Element Plus select (a locator) set to the option whose text is `text` (the dropdown is teleported to <body>).
async function chooseOptionText(select, text) {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

// Log out whoever is logged in and log in as `user` (the demo accounts share one password).
async function loginAs(user, password = PASSWORD) {
  if (await page.locator(tid('logout')).count()) {
    await page.locator(tid('logout')).click()
  } else {
    await page.goto(BASE + '/#/login')
  }
  await page.locator(tid('login-page')).waitFor()
  await page.locator(inp('login-username')).fill(user)
  await page.locator(inp('login-password')).fill(password)
  await page.locator(tid('login-submit')).click()
  await page.locator(tid('app-header')).waitFor()
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json())
  assert.equal(me.user.username, user, `logged in as ${user}`)
  // let the 已退出登录 / 登录成功 toasts go before any screenshot
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
  return me.user
}
const getJson = (url) => page.evaluate(async (u) => {
  const r = await fetch(u, { credentials: 'same-origin' })
  return { status: r.status, body: await r.json() }
}, url)
const pct1 = (x) => (100 * x).toFixed(1) + '%'
// A state-changing call in the page with the session's CSRF token (for what another person does meanwhile).
const sendJson = (method, url, body) => page.evaluate(async ([m, u, b]) => {
  const me = await (await fetch('/api/v1/auth/me')).json()
  const r = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify(b) })
  return { status: r.status, body: await r.json() }
}, [method, url, body])
// The answer of the next `method` request to exactly `pathname` (query ignored).
const apiAnswer = (method, pathname) =>
  page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname)
// Element Plus checkboxes: tick or untick to `on`.
async function setCheckbox(scope, id, on) {
  const box = scope.locator(tid(id))
  const checked = await box.evaluate((el) => el.classList.contains('is-checked') || !!el.querySelector('.is-checked'))
  if (checked !== on) await box.click()
}

// ---------------------------------------------------------------------------------------------------
try {
  await test('login page shows the server error for bad credentials', async () => {
    const res = await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' })
    assert.ok(res && res.ok(), `GET / answered ${res && res.status()}`)
    await page.locator(tid('login-page')).waitFor()
    await page.locator(inp('login-username')).fill('e2e-no-such-user')
    await page.locator(inp('login-password')).fill('wrong-password')
    await page.locator(tid('login-submit')).click()
    const err = page.locator(tid('login-error'))
    await err.waitFor()
    const text = (await err.innerText()).trim()
    assert.ok(/[\u4e00-\u9fff]/.test(text), `error message should be Chinese, got "${text}"`)
    await shot('login-error')
  }, { needsLogin: false })

  await test('log in', async () => {
    await page.locator(inp('login-username')).fill(USER)
    await page.locator(inp('login-password')).fill(PASSWORD)
    await page.locator(tid('login-submit')).click()
    await page.locator(tid('app-header')).waitFor()
    const who = await page.locator(tid('current-user')).innerText()
    assert.ok(who.trim().length > 0, 'current user shown in the header')
    assert.match(await page.locator(tid('product-name')).innerText(), /优均/)
    loggedIn = true
    await shot('logged-in')
  }, { needsLogin: false })

  await test('overview shows school count and chart', async () => {
    await page.locator(tid('nav-overview')).click()
    await page.locator(tid('overview-page')).waitFor()
    const value = page.locator(tid('stat-schools') + ' ' + tid('stat-value'))
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel)
        return el && /[1-9]/.test(el.textContent)
      },
      tid('stat-schools') + ' ' + tid('stat-value'),
    )
    const schools = digits(await value.innerText())
    assert.ok(schools > 0, `school count ${schools} > 0`)
    const canvas = page.locator(tid('overview-chart') + ' canvas').first()
    await canvas.waitFor()
    const box = await canvas.boundingBox()
    assert.ok(box && box.width > 100 && box.height > 100, 'chart canvas has a size')
    assert.ok((await page.locator(tid('district-table') + ' tbody tr').count()) > 0, 'district table has rows')
    await shot('overview')
  })

  let schoolName = ''
  await test('search a school by part of its name and open its detail page', async () => {
    await page.locator(tid('nav-schools')).click()
    await page.locator(tid('schools-page')).waitFor()
    const firstLink = page.locator(tid('school-table') + ' tbody tr ' + tid('school-link')).first()
    await firstLink.waitFor()
    schoolName = (await firstLink.innerText()).trim()
    assert.ok(schoolName.length >= 2, `school name "${schoolName}"`)
    // a part of the name: 3 characters just before its last one, which skips the city/district prefix
    // that many names share ("绍兴市越城区树人小学" -> "树人小"); the whole name when it is short
    const chars = [...schoolName]
    const part = chars.length >= 5 ? chars.slice(chars.length - 4, chars.length - 1).join('') : schoolName
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/schools?') && decodeURIComponent(r.url()).includes('q=' + part))
    await page.locator(inp('school-search')).fill(part)
    await page.locator(inp('school-search')).press('Enter')
    const resp = await searched
    assert.equal(resp.status(), 200)
    await page.waitForFunction(
      ([sel, p]) => {
        const links = [...document.querySelectorAll(sel)]
        return links.length > 0 && links.every((a) => a.textContent.includes(p))
      },
      [tid('school-table') + ' tbody tr ' + tid('school-link'), part],
    )
    const names = await page.locator(tid('school-table') + ' tbody tr ' + tid('school-link')).allInnerTexts()
    assert.ok(names.every((n) => n.includes(part)), `every result contains "${part}"`)
    await shot('school-search')

    const target = names.map((n) => n.trim()).includes(schoolName) ? schoolName : names[0].trim()
    await page.locator(tid('school-table') + ' tbody tr ' + tid('school-link'), { hasText: target }).first().click()
    await page.locator(tid('school-detail-page')).waitFor()
    await page.locator(tid('school-name')).waitFor()
    assert.equal((await page.locator(tid('school-name')).innerText()).trim(), target)
    await page.locator(tid('school-basic')).waitFor()
    await page.locator(`${tid('school-facts')}, ${tid('facts-empty')}`).first().waitFor()
    if (await page.locator(tid('school-facts')).count()) {
      await page.locator(tid('grade-chart') + ' canvas').first().waitFor()
    }
    await shot('school-detail')
  })

  await test('school detail student list shows masked ID numbers', async () => {
    await page.locator(tid('school-tabs') + ' .el-tabs__item', { hasText: '学生名单' }).click()
    await page.locator(tid('student-table')).waitFor()
    await page.waitForFunction((sel) => {
      const t = document.querySelector(sel)
      return t && !t.querySelector('.el-loading-mask:not([style*="display: none"])')
    }, tid('student-table'))
    const ids = await page.locator(tid('student-id')).allInnerTexts()
    for (const id of ids) {
      assert.ok(id.includes('*'), `ID "${id}" is masked`)
      assert.ok(!/^\d{17}[\dXx]$/.test(id.trim()), `ID "${id}" is not a full ID number`)
    }
    await shot('school-students')
  })

  await test('school detail 优质均衡 tab: the 7 indicators against their floors, as the API computes them', async () => {
    await page.locator(tid('school-tabs') + ' .el-tabs__item', { hasText: '优质均衡指标' }).click()
    await page.locator(tid('school-balance')).waitFor()
    const codeInUrl = decodeURIComponent(page.url().split('/schools/')[1] || '').split(/[?#]/)[0]
    const api = await page.evaluate(async (c) => {
      const r = await fetch(`/api/v1/schools/${encodeURIComponent(c)}/balance`)
      return { status: r.status, body: await r.json() }
    }, codeInUrl)
    if (api.status === 404) {
      assert.ok((await page.locator(tid('school-balance')).innerText()).includes('没有'), 'explains there are no facts')
    } else {
      await page.locator(tid('school-balance') + ' tbody tr').first().waitFor()
      const rows = await page.locator(tid('school-balance') + ' tbody tr').count()
      assert.equal(rows, 7 * api.body.schools.length, 'seven indicator rows per level')
      const text = await page.locator(tid('school-balance')).innerText()
      const p = api.body.schools[0]
      assert.ok(text.includes(`${p.met_count} / 7`), `met count ${p.met_count} / 7 shown`)
      assert.ok(text.includes(Number(p.values.teaching_area_per_student).toFixed(2)), 'teaching area per pupil shown')
    }
    await shot('school-balance')
  })

  await test('import rejects a schools file with a bad 学段 and lists the row error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-'))
    const file = path.join(dir, 'e2e-bad-schools.csv')
    const rows = [
      '学校代码,学校名称,区县代码,区县名称,学段,办学性质,城乡类别,地址,经度,纬度',
      '3399990001,端到端测试第一小学,339999,测试区,小学,公办,城区,测试路1号,120.15,30.28',
      '3399990002,端到端测试第二中学,339999,测试区,初中,公办,镇区,测试路2号,120.16,30.29',
      '3399990003,端到端测试幼儿园,339999,测试区,幼儿园,民办,乡村,测试路3号,120.17,30.30',
    ]
    const BAD_ROW = 4 // header is row 1
    fs.writeFileSync(file, rows.join('\r\n') + '\r\n', 'utf8')
    try {
      await page.locator(tid('nav-import')).click()
      await page.locator(tid('import-page')).waitFor()
      await page.waitForFunction((sel) => {
        const el = document.querySelector(sel)
        return el && !el.querySelector('.el-loading-mask:not([style*="display: none"])')
      }, '.upload-panel')
      await chooseOption('import-kind', 'import-kind-schools')
      await page.locator(tid('import-columns')).getByText('学段', { exact: true }).first().waitFor()
      await page.locator(tid('import-upload') + ' input[type=file]').setInputFiles(file)
      const posted = page.waitForResponse((r) => r.url().includes('/api/v1/import/schools') && r.request().method() === 'POST')
      await page.locator(tid('import-submit')).click()
      const resp = await posted
      assert.equal(resp.status(), 422, 'server rejects the file with 422')
      await page.locator(tid('import-errors')).waitFor()
      const rowsText = await page.locator(tid('import-errors') + ' tbody tr').allInnerTexts()
      const hit = await page.locator(tid('import-errors') + ' tbody tr').evaluateAll(
        (trs, [row, col]) =>
          trs.some((tr) => {
            const r = tr.querySelector('[data-testid="err-row"]')
            const c = tr.querySelector('[data-testid="err-column"]')
            return r && c && r.textContent.trim() === String(row) && c.textContent.trim() === col
          }),
        [BAD_ROW, '学段'],
      )
      assert.ok(hit, `error table has row ${BAD_ROW}, column 学段; got:\n${rowsText.join('\n')}`)
      assert.ok((await page.locator(tid('import-error')).innerText()).trim().length > 0, 'error message shown')
      await shot('import-errors')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  await test('随迁子女 page: a row per district and the city, shares against the cited 85 % line', async () => {
    await page.locator(tid('nav-migrant')).click()
    await page.locator(tid('migrant-page')).waitFor()
    await page.locator(tid('migrant-chart') + ' canvas').first().waitFor()
    const rule = (await page.locator(tid('migrant-rule')).innerText()).trim()
    assert.ok(rule.includes('85%'), `the page cites the rule, got "${rule}"`)
    const rows = await page.locator(tid('migrant-table') + ' tbody tr').allInnerTexts()
    assert.ok(rows.length >= 2, `district rows and the city row, got ${rows.length}`)
    assert.ok(rows[rows.length - 1].includes('全市'), `last row is the city: "${rows[rows.length - 1]}"`)
    const shares = rows.map((r) => r.match(/(\d+\.\d)%/)).filter(Boolean)
    assert.ok(shares.length >= 2, 'shares shown as percentages')
    await shot('migrant-share')
  })

  await test('优质均衡: counties with their CVs against the cited limit, a chart, a map and the failing schools with a plan', async () => {
    await page.locator(tid('nav-balance')).click()
    await page.locator(tid('balance-page')).waitFor()
    await page.locator(tid('balance-counties') + ' tbody tr').first().waitFor()
    await page.locator(tid('balance-cv-chart') + ' canvas').first().waitFor()
    await page.locator(tid('balance-map') + ' canvas').first().waitFor()
    const api = await page.evaluate(async () => (await fetch('/api/v1/balance/evaluation')).json())
    const rows = await page.locator(tid('balance-counties') + ' tbody tr').allInnerTexts()
    assert.equal(rows.length, api.counties.length, 'one row per county and level')
    const first = api.counties[0]
    const maxCv = Math.max(...Object.values(first.cv)).toFixed(4)
    assert.ok(rows[0].includes(first.county) && rows[0].includes(maxCv), `first row shows ${first.county} and its largest CV ${maxCv}: "${rows[0]}"`)
    const summary = await page.locator(tid('balance-summary')).innerText()
    assert.ok(summary.includes(`${api.summary.compliant_parts} / ${api.summary.parts}`), `summary shows compliant parts: "${summary}"`)
    await shot('balance')
  })

  await test('五大创建: the table of districts × creations as the API (behind count, 新昌县 cell by cell), another year, a bad file\'s row errors and nothing stored; auditors read only', async () => {
    await page.locator(tid('nav-creations')).click()
    await page.locator(tid('creations-page')).waitFor()
    await page.locator(tid('creations-row')).first().waitFor()
    const api = (await getJson('/api/v1/balance/creations')).body
    assert.ok(api.file, 'the demo stored an achievements file')
    assert.equal(digits(await page.locator(tid('creations-behind')).innerText()), api.behind, 'the behind count')
    assert.equal(await page.locator(tid('creations-row')).count(), api.districts.length, 'a row per district and the city')
    const columns = await page.locator(tid('creations-table') + ' thead th[data-creation]').evaluateAll((th) => th.map((x) => x.dataset.creation))
    assert.equal(columns.length, 5, 'the five creations')
    for (const d of api.districts)
      assert.equal(digits(await page.locator(`${tid('creations-row')}[data-district="${d.district_code}"] ${tid('creations-row-behind')}`).innerText()), d.behind, `${d.district} behind`)
    // 新昌县 cell by cell: status, target year and words, what was achieved; its missing 省教育现代化县 cell
    const xc = api.districts.find((d) => d.district === '新昌县')
    assert.ok(xc, '新昌县 in the schedule')
    const pct = (x) => +(100 * x).toFixed(1) + '%'
    const ZH = { achieved: '已达成', achieved_late: '逾期达成', pending: '未到期', due: '今年到期', behind: '落后于进度', no_data: '缺数据' }
    for (const key of columns) {
      const cell = page.locator(`${tid('creations-row')}[data-district="${xc.district_code}"] ${tid('creations-cell')}[data-creation="${key}"]`)
      const c = xc.creations.find((x) => x.creation === key)
      if (!c) {
        assert.equal(await cell.getAttribute('data-status'), 'none')
        assert.equal((await cell.innerText()).trim(), '进度安排未列此项')
        continue
      }
      assert.equal(await cell.getAttribute('data-status'), c.status, key)
      assert.equal((await cell.locator(tid('creations-status')).innerText()).trim(), ZH[c.status])
      assert.equal(ZH[c.status], c.status_zh, 'the server\'s words')
      assert.equal((await cell.locator(tid('creations-target-year')).innerText()).trim(), `${c.target_year} 年`)
      assert.equal((await cell.locator(tid('creations-target')).innerText()).trim(), c.target)
      const measure = (await cell.locator(tid('creations-measure')).innerText()).trim()
      if (c.achieved_year) assert.equal(measure, `${c.achieved_year} 年达成`)
      else if (c.rate !== null) assert.equal(measure, `创建率 ${pct(c.rate)}，要求 ≥ ${pct(c.required_rate)}`)
      assert.equal(await cell.locator('.cell').getAttribute('title'), c.cite)
    }
    assert.equal(xc.behind, 2, 'the demo: 新昌县 behind on 示范乡镇 and 现代化学校')
    const cite = await page.locator(tid('creations-cite')).innerText()
    assert.ok(cite.includes('绍政办发〔2021〕2号') && cite.includes('附件 进度安排') && cite.includes('004'), cite)
    assert.equal((await page.locator(tid('creations-file-version')).innerText()).trim(), `v${api.file.version}`)
    assert.equal((await page.locator(tid('creations-file-name')).innerText()).trim(), api.file.file_name)
    // another year: 2023 as the API answers it
    const y2023 = (await getJson('/api/v1/balance/creations?year=2023')).body
    const answer = apiAnswer('GET', '/api/v1/balance/creations')
    await chooseOption('creations-year', 'creations-year-2023')
    assert.equal((await answer).status(), 200)
    await page.waitForFunction(([s, v]) => (document.querySelector(s)?.textContent || '').replace(/\D/g, '') === v, [tid('creations-behind'), String(y2023.behind)])
    const pending = y2023.districts.flatMap((d) => d.creations).filter((c) => c.status === 'pending').length
    assert.equal(digits(await page.locator(tid('creations-count-pending')).innerText()), pending, 'the 未到期 count of 2023')
    await chooseOption('creations-year', 'creations-year-' + api.year)
    await page.waitForFunction(([s, v]) => (document.querySelector(s)?.textContent || '').replace(/\D/g, '') === v, [tid('creations-behind'), String(api.behind)])

    // a bad file: its row errors listed, nothing stored
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-creations-'))
    try {
      const bad = path.join(dir, 'creations_bad.csv')
      fs.writeFileSync(bad, 'district,creation,achieved_year,rate,province_average,province_rank\n330624,national_quality_balanced_county,2025,,,\n330624,city_demo_towns,,120%,,\n镜湖新区,city_modern_schools,,1,,\n', 'utf8')
      await page.locator(tid('creations-file-input') + ' input[type=file]').setInputFiles(bad)
      const posted = apiAnswer('POST', '/api/v1/balance/creations')
      await page.locator(tid('creations-submit')).click()
      const res = await posted
      assert.equal(res.status(), 422, 'refused')
      const errors = (await res.json()).errors
      assert.deepEqual(errors.map((e) => [e.row, e.column]), [[3, 'rate'], [4, 'district']])
      await page.locator(tid('creations-errors') + ' tbody tr').first().waitFor()
      const rows = (await page.locator(tid('creations-errors') + ' tbody tr').allInnerTexts()).map((x) => x.split(/\t|\n/).map((c) => c.trim()).filter(Boolean))
      assert.deepEqual(rows, errors.map((e) => [e.file, String(e.row), e.column, e.message]))
      assert.ok((await page.locator(tid('creations-upload-error')).innerText()).includes('未保存'))
      const now = (await getJson('/api/v1/balance/creations')).body
      assert.deepEqual(now.file, api.file, 'the file in force is unchanged')
      assert.equal(now.behind, api.behind)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
    await shot('creations')
    // auditors read the table, with no upload form
    try {
      await loginAs(AUDITOR_USER)
      await page.locator(tid('nav-creations')).click()
      await page.locator(tid('creations-row')).first().waitFor()
      assert.equal(digits(await page.locator(tid('creations-behind')).innerText()), api.behind)
      assert.equal(await page.locator(tid('creations-upload')).count(), 0, 'no upload form for auditors')
    } finally {
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  await test('学区预警: schools with their lights, worst first, the seat map, and the data versions in force', async () => {
    const warned = apiAnswer('GET', '/api/v1/enroll/warnings')
    await page.locator(tid('nav-warnings')).click()
    await page.locator(tid('warnings-page')).waitFor()
    await page.locator(tid('warnings-table') + ' tbody tr').first().waitFor()
    // 学位地图: drawn, and per light as many points as the API's schools with coordinates (no_data listed only when any)
    const answered = await (await warned).json()
    const located = answered.schools.filter((x) => x.lon !== null && x.lat !== null)
    const mapCounts = async () => {
      const out = {}
      for (const k of ['red', 'amber', 'green', 'no_data']) {
        const el = page.locator(tid('warnings-map-count-' + k))
        out[k] = (await el.count()) ? digits(await el.innerText()) : 0
      }
      return out
    }
    const perLight = (list) => Object.fromEntries(['red', 'amber', 'green', 'no_data'].map((k) => [k, list.filter((x) => x.light === k).length]))
    const canvas = page.locator(tid('warnings-map') + ' canvas').first()
    await canvas.waitFor()
    assert.deepEqual(await mapCounts(), perLight(located), 'the legend counts the API\'s schools with coordinates per light')
    const legend = await page.locator(tid('warnings-map-legend')).innerText()
    for (const w of ['红', '黄', '绿']) assert.ok(legend.includes(w), `legend names ${w}: "${legend}"`)
    assert.ok((await page.locator(tid('warnings-map-note')).innerText()).includes(String(located.length)), 'the note says how many are shown')
    // the points in the table's colours (Element Plus danger / warning / success; the canvas is transparent, so as they are)
    // (polled: the points grow in with ECharts' animation)
    const colours = (c) => {
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
      const want = { red: [245, 108, 108], amber: [230, 162, 60], green: [103, 194, 58] }
      const n = { red: 0, amber: 0, green: 0 }
      for (let i = 0; i < px.length; i += 4)
        for (const [k, rgb] of Object.entries(want)) {
          const d = rgb.reduce((a, v, j) => a + Math.abs(v - px[i + j]), 0)
          if (px[i + 3] > 128 && d < 30) n[k]++
        }
      return n
    }
    let drawn = {}
    for (let i = 0; i < 25; i++) {
      drawn = await canvas.evaluate(colours)
      if (['red', 'amber', 'green'].every((k) => drawn[k] > 20 || !perLight(located)[k])) break
      await page.waitForTimeout(200)
    }
    for (const k of ['red', 'amber', 'green']) assert.equal(drawn[k] > 20, perLight(located)[k] > 0, `${k} points drawn: ${JSON.stringify(drawn)}`)
    // a school without coordinates is left off and counted below the map (the API's answer changed in the browser)
    const gone = located[0]
    const warningsUrl = (u) => u.pathname === '/api/v1/enroll/warnings'
    await page.route(warningsUrl, async (route) => {
      const res = await route.fetch()
      const body = await res.json()
      for (const x of body.schools) if (x.school_id === gone.school_id && x.stage === gone.stage) x.lat = null
      await route.fulfill({ response: res, json: body })
    })
    try {
      await page.locator(tid('warnings-page') + ' .filters > .el-button').click()
      await page.locator(tid('warnings-map-note'), { hasText: '1 所学校没有坐标' }).waitFor()
      const less = perLight(located)
      less[gone.light]--
      assert.deepEqual(await mapCounts(), less, 'one point fewer')
    } finally {
      await page.unroute(warningsUrl)
    }
    await page.locator(tid('warnings-page') + ' .filters > .el-button').click()
    await page.locator(tid('warnings-map-note'), { hasText: '全部' }).waitFor()
    const lights = await page.locator(tid('warnings-table') + ' ' + tid('warning-light')).allInnerTexts()
    const rank = { 红: 0, 黄: 1, 无数据: 2, 绿: 3 }
    assert.ok(lights.length > 0 && lights.every((l) => l.trim() in rank), `lights: ${lights.slice(0, 5)}`)
    for (let i = 1; i < lights.length; i++) assert.ok(rank[lights[i - 1].trim()] <= rank[lights[i].trim()], 'worst first')
    const counted = ['red', 'amber', 'green', 'no_data'].map(async (k) => digits(await page.locator(tid('warnings-count-' + k)).innerText()))
    const total = (await Promise.all(counted)).reduce((a, b) => a + b, 0)
    assert.equal(total, lights.length, 'the summary counts every school once')
    const versions = await page.locator(tid('datasets-panel') + ' tbody tr').allInnerTexts()
    assert.ok(versions.some((v) => v.includes('学区范围') && v.includes('v1')), `data versions: ${versions}`)
    // 地址库: listed with its columns; the upload waits for the coordinate system; a bad file is refused whole
    const data = (await getJson('/api/v1/enroll/data')).body.items
    const book = data.find((d) => d.kind === 'addresses')
    assert.ok(book && book.version, 'the demo stored an address book')
    const row = page.locator(tid('datasets-panel') + ' tbody tr', { hasText: '地址库' })
    assert.ok((await row.innerText()).includes('address_id,address,lon,lat'), 'the columns of the address book')
    assert.ok(await row.locator(tid('dataset-upload-addresses') + ' button').isDisabled(), 'no upload before the coordinate system is chosen')
    await row.locator(tid('dataset-crs')).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'GCJ-02' }).click()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-addr-'))
    try {
      const bad = path.join(dir, 'addresses.csv')
      fs.writeFileSync(bad, 'address_id,address,lon,lat\nT1,测试路1号,120.58,30.00\nT2,测试路2号,东经120度,30.01\n', 'utf8')
      const answer = apiAnswer('POST', '/api/v1/enroll/data/addresses')
      await row.locator(tid('dataset-upload-addresses') + ' input[type=file]').setInputFiles(bad)
      const res = await answer
      assert.equal(res.status(), 422, 'refused')
      const errors = (await res.json()).errors
      const shown = (await page.locator(tid('dataset-errors') + ' tbody tr').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim())
      assert.equal(shown.length, errors.length)
      assert.ok(shown[0].startsWith('3 lon'), `行 3, 列 lon: "${shown[0]}"`)
      const after = (await getJson('/api/v1/enroll/data')).body.items.find((d) => d.kind === 'addresses')
      assert.equal(after.version, book.version, 'nothing stored')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
    await shot('seat-warnings')
  })

  await test('学区查询: a public primary school\'s own location finds its catchment and the school', async () => {
    const school = await page.evaluate(async () => {
      const r = await (await fetch('/api/v1/schools?level=primary&ownership=public&page_size=50', { credentials: 'same-origin' })).json()
      return r.items.find((s) => s.lon !== null && s.lat !== null)
    })
    assert.ok(school, 'a public primary school with coordinates')
    await page.locator(tid('nav-locate')).click()
    await page.locator(tid('locate-page')).waitFor()
    await page.locator(inp('locate-lon')).fill(String(school.lon))
    await page.locator(inp('locate-lat')).fill(String(school.lat))
    await page.locator('.el-select').first().click()
    await page.locator('.el-select-dropdown__item', { hasText: 'WGS-84' }).click()
    await page.locator(tid('locate-submit')).click()
    await page.locator(tid('locate-catchment')).first().waitFor()
    const schools = await page.locator(tid('locate-school')).allInnerTexts()
    assert.ok(schools.some((s) => s.includes(school.name)), `"${school.name}" in ${schools}`)
    await shot('catchment-lookup')
  })

  await test('学区查询 by address: part of a demo address typed, the matches as the API, the chosen one shows its catchments and schools', async () => {
    // an address of the demo's 地址库 in both a primary and a junior catchment
    const book = (await getJson('/api/v1/enroll/addresses?q=' + encodeURIComponent('路') + '&limit=50')).body
    const item = book.items.find((a) => a.catchments.length >= 2) || book.items.find((a) => a.catchments.length)
    assert.ok(item, 'a demo address with a catchment')
    // the words typed: the street and number after the district ("健康路228号12幢" → "健康路 228号"), with a space
    const street = item.address.split('区').pop()
    const words = street.replace(/(\d+号)/, ' $1').replace(/\d+幢$/, '').trim()
    const q = (await getJson('/api/v1/enroll/addresses?q=' + encodeURIComponent(words))).body
    assert.ok(q.items.some((a) => a.address_id === item.address_id), `"${words}" finds ${item.address}`)
    await page.locator(tid('nav-locate')).click()
    await page.locator(tid('locate-page')).waitFor()
    const answer = apiAnswer('GET', '/api/v1/enroll/addresses')
    await page.locator(inp('locate-addr-q')).fill(words)
    await page.locator(tid('locate-addr-submit')).click()
    assert.equal((await answer).status(), 200)
    const match = page.locator(`${tid('locate-addr-match')}[data-id="${item.address_id}"]`)
    await match.waitFor()
    const listed = await page.locator(tid('locate-addr-match')).evaluateAll((b) => b.map((x) => x.dataset.id))
    assert.deepEqual(listed, q.items.map((a) => a.address_id), 'the matches as GET /enroll/addresses')
    assert.equal((await match.locator(tid('locate-addr-address')).innerText()).trim(), item.address)
    await match.click()
    const result = page.locator(`${tid('locate-result')}[data-address="${item.address_id}"]`)
    await result.waitFor()
    assert.equal((await result.locator(tid('locate-place-address')).innerText()).trim(), item.address)
    const zones = result.locator(tid('locate-catchment'))
    assert.equal(await zones.count(), item.catchments.length, 'a block per catchment')
    for (let i = 0; i < item.catchments.length; i++) {
      const c = item.catchments[i]
      assert.equal((await zones.nth(i).locator(tid('locate-catchment-name')).innerText()).trim(), c.name || c.catchment_id)
      const names = (await zones.nth(i).locator(tid('locate-school-name')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(names, c.schools.map((x) => x.name || x.code), `the schools of ${c.catchment_id}`)
    }
    // words in no address: the page says so
    await page.locator(inp('locate-addr-q')).fill('无此地址 99999号')
    await page.locator(tid('locate-addr-submit')).click()
    await page.locator(tid('locate-addr-none')).waitFor()
    await page.locator(inp('locate-addr-q')).fill(words)
    await page.locator(tid('locate-addr-submit')).click()
    await match.waitFor()
    await shot('catchment-address')
  })

  await test('电脑派位: register a list (digest = sha256 of the canonical file), draw once with a seed, publish and lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-run-'))
    const applicants = path.join(dir, 'applicants.csv')
    const seats = path.join(dir, 'seats.csv')
    fs.writeFileSync(applicants, 'applicant_id,school_id,tier,fallback_school_id\nE3,M1,2,G1\nE1,M1,1,\nE2,M1,2,G2\nE4,M1,2,G1\n', 'utf8')
    fs.writeFileSync(seats, 'school_id,seats,sector\nM1,2,民办\n', 'utf8')
    const canonical = 'applicant_id,school_id,tier\nE1,M1,1\nE2,M1,2\nE3,M1,2\nE4,M1,2\n'
    const digest = crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')
    try {
      await page.locator(tid('nav-runs')).click()
      await page.locator(tid('runs-page')).waitFor()
      await page.locator(inp('run-title')).fill('端到端测试派位')
      await page.locator(tid('run-applicants') + ' input[type=file]').setInputFiles(applicants)
      await page.locator(tid('run-seats') + ' input[type=file]').setInputFiles(seats)
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/enroll/runs') && r.request().method() === 'POST')
      await page.locator(tid('run-submit')).click()
      assert.equal((await posted).status(), 201, 'the list is registered')
      const row = page.locator(tid('run-table') + ' tbody tr', { hasText: '端到端测试派位' }).first()
      await row.locator(tid('run-status'), { hasText: '已登记' }).waitFor()
      assert.equal((await row.locator(tid('run-digest')).getAttribute('title')).trim(), digest, 'digest = sha256 of the canonical file')

      await row.locator(tid('run-draw')).click()
      await page.locator('.el-message-box__input input').fill('00ff')
      const drawn = page.waitForResponse((r) => r.url().includes('/draw'))
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await drawn).status(), 200, 'drawn')
      await row.locator(tid('run-status'), { hasText: '已派位' }).waitFor()
      assert.equal((await row.locator(tid('run-seed')).innerText()).trim(), '00ff')
      assert.equal(await row.locator(tid('run-draw')).count(), 0, 'no second draw')

      await row.locator(tid('run-publish')).click()
      const published = page.waitForResponse((r) => r.url().includes('/publish'))
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await published).status(), 200, 'published')
      await row.locator(tid('run-status'), { hasText: '已公布' }).waitFor()
      assert.equal(await row.locator(tid('run-publish')).count(), 0, 'locked')

      await row.click()
      await page.locator(tid('run-schools') + ' tbody tr').first().waitFor()
      const school = (await page.locator(tid('run-schools') + ' tbody tr').first().innerText()).replace(/\s+/g, ' ')
      assert.match(school, /M1 民办 2 4 2 2 2/, `M1: 2 seats, 4 applied, 2 admitted, 2 waiting, 2 to fallback; got "${school}"`)
      await shot('lottery-run')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  // 多校划片 runs (docs/enrollment.md §6): the Chinese of each outcome, as the page renders an explanation's choice
  const MATCH_OUTCOME = {
    admitted: () => '录取',
    not_needed: () => '未参与（已被更靠前的志愿录取）',
    no_seats: () => '该校本次无学位',
    filled_in_earlier_round: () => '该校学位已在更早的志愿轮次录满',
    below_cutoff: (c, voice = '该生') =>
      c.cutoff ? `未录取：该校录取线为 类别 ${c.cutoff.tier}、号码 ${c.cutoff.lottery.slice(0, 16)}…，${voice}类别更靠后或同类别号码更大` : '未录取：该校学位已满',
  }
  const cutoffCell = (s) => (s.cutoff ? `类别 ${s.cutoff.tier} · ${s.cutoff.lottery.slice(0, 16)}…` : s.seats ? '未录满' : '无学位')
  // A multipart POST in the page with the session's CSRF token; a field {name, text} is sent as a file.
  const sendForm = (url, fields) => page.evaluate(async ([u, f]) => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    const form = new FormData()
    for (const [k, v] of Object.entries(f)) {
      if (v && typeof v === 'object') form.append(k, new Blob([v.text], { type: 'text/csv' }), v.name)
      else form.append(k, String(v))
    }
    const r = await fetch(u, { method: 'POST', headers: { 'X-CSRF-Token': me.csrf_token }, body: form })
    return { status: r.status, body: await r.json() }
  }, [url, fields])

  await test('多校划片 (staff): the demo\'s match run — each school\'s seats, admitted and cutoff as the API, counts by choice; a student of `unassigned` explained as 统筹安排', async () => {
    const DEMO_TITLE = '演示：小学多校划片志愿匹配'
    // every demo city, the e2e one (scale 0.05) too, has a primary 多校划片 zone at its centre and this published run
    const runs = (await getJson('/api/v1/enroll/runs')).body.items
    const demo = runs.find((r) => r.title === DEMO_TITLE && r.method === 'match' && r.status === 'published')
    assert.ok(demo, `the demo's published match run "${DEMO_TITLE}"`)
    const R = (await getJson('/api/v1/enroll/runs/' + demo.id)).body.result
    assert.ok(R.unassigned.length > 0, 'some children are left to 统筹安排')

    await page.locator(tid('nav-runs')).click()
    await page.locator(tid('runs-page')).waitFor()
    const row = page.locator(tid('run-table') + ' tbody tr', { hasText: demo.title }).first()
    await row.waitFor()
    assert.equal((await row.locator(tid('run-method-tag')).innerText()).trim(), '多校划片')
    await row.click()
    const detail = page.locator(`${tid('run-detail')}[data-run="${demo.id}"][data-method="match"]`)
    await detail.waitFor()
    const rows = detail.locator(tid('run-match-schools') + ' tbody tr')
    await rows.first().waitFor()
    assert.equal(await rows.count(), R.schools.length, 'a row per school')
    const first = {}
    for (const a of R.assignments) if (a.choice_rank === 1) first[a.school_id] = (first[a.school_id] || 0) + 1
    for (let i = 0; i < R.schools.length; i++) {
      const s = R.schools[i]
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((x) => x.trim())
      assert.ok(cells[0].includes(s.school_id), `${cells[0]} names ${s.school_id}`)
      assert.deepEqual(cells.slice(1), [String(s.seats), String(s.filled), String(first[s.school_id] || 0), String(s.seats - s.filled), cutoffCell(s)], s.school_id)
    }
    const byRank = {}
    for (const a of R.assignments) if (a.school_id) byRank[a.choice_rank] = (byRank[a.choice_rank] || 0) + 1
    for (const [rank, n] of Object.entries(byRank))
      assert.equal(digits(await detail.locator(`${tid('run-match-choice')}[data-rank="${rank}"] b`).innerText()), n, `第 ${rank} 志愿`)
    assert.equal(await detail.locator(tid('run-match-choice')).count(), Object.keys(byRank).length)
    assert.equal(digits(await detail.locator(tid('run-match-unassigned')).innerText()), R.unassigned.length)
    assert.equal(digits(await detail.locator(tid('run-match-students')).innerText()), R.stats.students)
    const files = await detail.locator(tid('run-files') + ' a').evaluateAll((as) => as.map((a) => a.dataset.file))
    assert.deepEqual(files, ['students.csv', 'schools.csv', 'canonical.csv', 'result.json'])
    assert.equal((await detail.locator(tid('run-verify')).innerText()).trim(),
      `youjun enroll verify --result result.json --students students.csv --schools schools.csv --seed ${demo.seed}`)

    // a child of `unassigned`: explained choice by choice, as GET …/explain
    const who = R.unassigned[0]
    const answer = apiAnswer('GET', `/api/v1/enroll/runs/${demo.id}/explain`)
    await detail.locator(`${tid('run-unassigned-id')}[data-id="${who}"]`).click()
    assert.equal((await answer).status(), 200)
    const E = (await getJson(`/api/v1/enroll/runs/${demo.id}/explain?student_id=${encodeURIComponent(who)}`)).body
    const box = detail.locator(`${tid('run-explained')}[data-student="${who}"]`)
    await box.waitFor()
    assert.equal((await box.locator(tid('run-explained-outcome')).innerText()).trim(), '未录取，由教育局统筹安排')
    assert.equal((await box.locator(tid('run-explained-lottery')).innerText()).trim(), E.explanation.lottery)
    const choices = box.locator(tid('match-choice'))
    assert.equal(await choices.count(), E.explanation.choices.length)
    for (let i = 0; i < E.explanation.choices.length; i++) {
      const c = E.explanation.choices[i]
      assert.notEqual(c.result, 'admitted', 'an unassigned child was admitted nowhere')
      assert.equal(await choices.nth(i).getAttribute('data-result'), c.result)
      assert.equal((await choices.nth(i).locator(tid('match-choice-outcome')).innerText()).trim(), MATCH_OUTCOME[c.result](c))
    }
    assert.ok(E.text.includes('统筹安排'), E.text)
    assert.equal(await box.locator(tid('run-explained-text')).textContent(), E.text)
    await shot('match-run-demo')
  })

  await test('多校划片 (staff): a match run registered through the form (3 children, 2 one-seat schools), drawn with a seed — the result worked out by hand', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-match-'))
    const students = path.join(dir, 'students.csv')
    const seats = path.join(dir, 'schools.csv')
    fs.writeFileSync(students, 'student_id,prefs,tier\nQ3,K2|K1,1\nQ1,K1|K2,1\nQ2,K1|K2,1\n', 'utf8')
    fs.writeFileSync(seats, 'school_id,seats\nK1,1\nK2,1\n', 'utf8')
    // canonical: sorted by id, the tiers column empty (one tier for every choice)
    const canonical = 'student_id,prefs,tier,tiers\nQ1,K1|K2,1,\nQ2,K1|K2,1,\nQ3,K2|K1,1,\n'
    const digest = crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')
    // Worked out by hand with seed abc123 (`printf '%s' 'abc123:Q1' | sha256sum`, …):
    //   Q1 954cc1d072d6c2c0…, Q2 7d2894c0b5a47b15…, Q3 ec6cdc7ab5b03c8f…  — all tier 1, so the order is Q2, Q1, Q3:
    //   Q2 takes K1 (第 1 志愿); Q1 finds K1 full and takes K2 (第 2 志愿); Q3 finds K2 and K1 full: 统筹安排.
    //   Cutoffs: K1 = tier 1, Q2's number; K2 = tier 1, Q1's number.
    const N = { Q1: '954cc1d072d6c2c0', Q2: '7d2894c0b5a47b15', Q3: 'ec6cdc7ab5b03c8f' }
    for (const id of Object.keys(N)) assert.ok(crypto.createHash('sha256').update(`abc123:${id}`).digest('hex').startsWith(N[id]), id)
    const title = '端到端测试：多校划片志愿匹配'
    try {
      await page.locator(tid('nav-runs')).click()
      await page.locator(tid('runs-page')).waitFor()
      await page.locator(tid('run-method-match')).click()
      await page.locator(tid('run-students')).waitFor()
      assert.equal(await page.locator(tid('run-applicants')).count(), 0, 'a match takes a students file, not an applicants file')
      assert.ok((await page.locator(tid('run-register')).innerText()).includes('student_id,prefs,tier[,tiers]'), 'the column hint')
      await page.locator(inp('run-title')).fill(title)
      await page.locator(tid('run-students') + ' input[type=file]').setInputFiles(students)
      await page.locator(tid('run-seats') + ' input[type=file]').setInputFiles(seats)
      const posted = apiAnswer('POST', '/api/v1/enroll/runs')
      await page.locator(tid('run-submit')).click()
      const res = await posted
      assert.equal(res.status(), 201, 'registered')
      const run = (await res.json()).run
      assert.equal(run.method, 'match')
      assert.equal(run.applicants_sha256, digest, 'digest = sha256 of the canonical students file')
      const row = page.locator(tid('run-table') + ' tbody tr', { hasText: title }).first()
      await row.locator(tid('run-status'), { hasText: '已登记' }).waitFor()
      assert.equal((await row.locator(tid('run-method-tag')).innerText()).trim(), '多校划片')
      assert.equal((await row.locator(tid('run-digest')).getAttribute('title')).trim(), digest)

      await row.locator(tid('run-draw')).click()
      await page.locator('.el-message-box__input input').fill('abc123')
      const drawn = apiAnswer('POST', `/api/v1/enroll/runs/${run.id}/draw`)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await drawn).status(), 200, 'drawn')
      await row.locator(tid('run-status'), { hasText: '已派位' }).waitFor()

      await row.click()
      const detail = page.locator(`${tid('run-detail')}[data-run="${run.id}"]`)
      const rows = detail.locator(tid('run-match-schools') + ' tbody tr')
      await rows.first().waitFor()
      const cells = async (i) => (await rows.nth(i).locator('td').allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(await cells(0), ['K1', '1', '1', '1', '0', `类别 1 · ${N.Q2}…`])
      assert.deepEqual(await cells(1), ['K2', '1', '1', '0', '0', `类别 1 · ${N.Q1}…`])
      assert.equal(digits(await detail.locator(`${tid('run-match-choice')}[data-rank="1"] b`).innerText()), 1, '第 1 志愿: Q2')
      assert.equal(digits(await detail.locator(`${tid('run-match-choice')}[data-rank="2"] b`).innerText()), 1, '第 2 志愿: Q1')
      assert.equal(digits(await detail.locator(tid('run-match-unassigned')).innerText()), 1)
      assert.deepEqual(await detail.locator(tid('run-unassigned-id')).allInnerTexts(), ['Q3'])
      assert.ok((await detail.locator(tid('run-verify')).innerText()).includes('--students students.csv --schools schools.csv --seed abc123'))
      const stored = await page.evaluate(async (u) => (await fetch(u)).text(), `/api/v1/enroll/runs/${run.id}/files/canonical.csv`)
      assert.equal(stored, canonical, 'canonical.csv as stored')

      // Q1: 第 2 志愿 K2, its first choice below K1's cutoff (Q2's number)
      const explain = async (id) => {
        await detail.locator(inp('run-explain-id')).fill(id)
        const answer = apiAnswer('GET', `/api/v1/enroll/runs/${run.id}/explain`)
        await detail.locator(tid('run-explain-submit')).click()
        assert.equal((await answer).status(), 200)
        const box = detail.locator(`${tid('run-explained')}[data-student="${id}"]`)
        await box.waitFor()
        return box
      }
      let box = await explain('Q1')
      assert.equal((await box.locator(tid('run-explained-outcome')).innerText()).trim(), '第 2 志愿 K2 录取')
      let outcomes = (await box.locator(tid('match-choice-outcome')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(outcomes, [`未录取：该校录取线为 类别 1、号码 ${N.Q2}…，该生类别更靠后或同类别号码更大`, '录取'])
      box = await explain('Q2')
      assert.equal((await box.locator(tid('run-explained-outcome')).innerText()).trim(), '第 1 志愿 K1 录取')
      assert.deepEqual((await box.locator(tid('match-choice-outcome')).allInnerTexts()).map((x) => x.trim()), ['录取', '未参与（已被更靠前的志愿录取）'])
      // Q3 (clicked in the 统筹安排 list): below both cutoffs
      await detail.locator(`${tid('run-unassigned-id')}[data-id="Q3"]`).click()
      box = detail.locator(`${tid('run-explained')}[data-student="Q3"]`)
      await box.waitFor()
      assert.equal((await box.locator(tid('run-explained-outcome')).innerText()).trim(), '未录取，由教育局统筹安排')
      assert.ok((await box.locator(tid('run-explained-lottery')).innerText()).trim().startsWith(N.Q3))
      outcomes = (await box.locator(tid('match-choice-outcome')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(outcomes, [
        `未录取：该校录取线为 类别 1、号码 ${N.Q1}…，该生类别更靠后或同类别号码更大`,
        `未录取：该校录取线为 类别 1、号码 ${N.Q2}…，该生类别更靠后或同类别号码更大`,
      ])
      // an id not in the run: the server's 404 message
      await detail.locator(inp('run-explain-id')).fill('Q9')
      await detail.locator(tid('run-explain-submit')).click()
      await detail.locator(tid('run-explain-error'), { hasText: 'Q9' }).waitFor()

      await row.locator(tid('run-publish')).click()
      const published = apiAnswer('POST', `/api/v1/enroll/runs/${run.id}/publish`)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await published).status(), 200, 'published')
      await row.locator(tid('run-status'), { hasText: '已公布' }).waitFor()
      await explain('Q3')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('match-run-register')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  await test('高中招生: quota shares against the floor, a quota edit (audited), admission with a seed, cutoffs and a student\'s reasons', async () => {
    await page.locator(tid('nav-admit')).click()
    await page.locator(tid('admit-page')).waitFor()
    await page.locator(tid('admit-rounds') + ' tbody tr').first().waitFor()
    const rounds = await page.evaluate(async () => (await fetch('/api/v1/admit/rounds')).json())
    const draft = rounds.items.find((r) => r.status === 'draft')
    assert.ok(draft, 'the demo has a draft round')
    await page.locator(tid('admit-rounds') + ' tbody tr', { hasText: draft.id }).first().click()
    await page.locator(tid('admit-share-table') + ' tbody tr').first().waitFor()
    const before = await page.evaluate(async (id) => (await fetch('/api/v1/admit/rounds/' + id)).json(), draft.id)
    const shareRows = await page.locator(tid('admit-share-table') + ' tbody tr').count()
    assert.equal(shareRows, before.quota_shares.length, 'one row per quality school')
    for (const s of before.quota_shares) assert.ok(s.share_of_plan + 1e-9 >= s.floor_share, `${s.hs_id} meets the floor`)
    // Raise the first junior's quota at the selected school by one through the spinner.
    const hsId = before.quota_shares[0].hs_id
    const firstRow = page.locator(tid('admit-quota-table') + ' tbody tr').first()
    const jsId = (await firstRow.locator('td').first().innerText()).trim()
    const seatsBefore = before.quota.high_schools.find((h) => h.hs_id === hsId).by_junior[jsId] || 0
    const put = page.waitForResponse((r) => r.url().endsWith('/quota') && r.request().method() === 'PUT')
    await firstRow.locator('.el-input-number__increase').click()
    assert.equal((await put).status(), 200, 'the edit is accepted')
    await page.locator(tid('admit-quota-total'), { hasText: String(before.quota.high_schools.find((h) => h.hs_id === hsId).quota_total + 1) }).waitFor()
    const after = await page.evaluate(async (id) => (await fetch('/api/v1/admit/rounds/' + id)).json(), draft.id)
    assert.equal(after.quota.high_schools.find((h) => h.hs_id === hsId).by_junior[jsId], seatsBefore + 1)
    assert.equal(after.round.version, draft.version + 1, 'the row version moved on')
    const audit = await page.evaluate(async () => (await fetch('/api/v1/audit?limit=5')).json())
    assert.ok(audit.items.some((e) => e.action === 'admit.quota.edit' && e.detail.js_id === jsId && e.detail.to === seatsBefore + 1), 'the edit is audited')

    // Admit with a seed: the batches' counts and the cutoff table equal the API's result.
    await page.locator(tid('admit-rounds') + ' tbody tr', { hasText: draft.id }).first().locator(tid('admit-run')).click()
    await page.locator('.el-message-box__input input').fill('5eed')
    const admitted = page.waitForResponse((r) => r.url().endsWith('/admit') && r.request().method() === 'POST')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    assert.equal((await admitted).status(), 200, 'admitted')
    await page.locator(tid('admit-cutoff-table') + ' tbody tr').first().waitFor()
    const done = await page.evaluate(async (id) => (await fetch('/api/v1/admit/rounds/' + id)).json(), draft.id)
    assert.equal(digits(await page.locator(tid('admit-batch-quota')).innerText()), done.result.admitted_by_batch.quota)
    assert.equal(await page.locator(tid('admit-cutoff-table') + ' tbody tr').count(), done.result.high_schools.length)
    const firstCut = (await page.locator(tid('admit-cutoff-table') + ' tbody tr').first().innerText()).replace(/\s+/g, ' ')
    const h0 = done.result.high_schools[0]
    assert.ok(firstCut.includes(` ${h0.plan} ${h0.quota_seats} ${h0.quota_filled} ${h0.quota_returned} ${h0.unified_filled} `), `row ${firstCut} vs ${JSON.stringify(h0)}`)
    assert.equal(await page.locator(tid('admit-quota-table') + ' .el-input-number').count(), 0, 'the quota table is locked')
    // The workbook link downloads an XLSX (a ZIP: "PK") for this round, and the download is audited.
    const href = await page.locator(tid('admit-export')).getAttribute('href')
    assert.equal(href, `/api/v1/admit/rounds/${encodeURIComponent(draft.id)}/export.xlsx`)
    const book = await page.evaluate(async (u) => { const r = await fetch(u); const b = new Uint8Array(await r.arrayBuffer()); return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(b[0], b[1]), size: b.length } }, href)
    assert.equal(book.status, 200)
    assert.equal(book.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.equal(book.head, 'PK')
    const exported = await page.evaluate(async () => (await fetch('/api/v1/audit?limit=5')).json())
    assert.ok(exported.items.some((e) => e.action === 'admit.export' && e.target === draft.id), 'the download is audited')

    // A student admitted below their first choice: the page says why.
    const result = await page.evaluate(async (id) => (await fetch(`/api/v1/admit/rounds/${id}/files/result.json`)).json(), draft.id)
    const who = result.assignments.find((a) => a.batch === 'unified' && a.choice_rank > 1)
    assert.ok(who, 'someone got a lower choice')
    await page.locator(inp('admit-student-id')).fill(who.student_id)
    await page.locator(tid('admit-student-go')).click()
    const text = await page.locator(tid('admit-student-text')).innerText()
    assert.ok(text.includes(`全体位次第 ${who.position}`) && text.includes('已由排在你前面的考生录满'), text)
    const scores = await page.locator(tid('admit-student-scores')).innerText()
    assert.ok(scores.includes('total') && scores.includes(String(who.total)), scores)
    await page.locator(tid('admit-share-chart') + ' canvas').first().waitFor()
    await shot('admission')
  })

  await test('高中招生 新建招生: a bad students file shows its row errors and creates nothing; three small files make a draft with the quota worked out by hand', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-round-'))
    const file = (name, text) => {
      const f = path.join(dir, name)
      fs.writeFileSync(f, text, 'utf8')
      return f
    }
    // 2 high schools (one 优质, plan 10), 2 juniors (30 and 10 graduates), 4 students (docs/admission.md)
    const hs = file('high_schools.csv', 'hs_id,name,plan,quality,county\nEH1,端到端第一高级中学,10,1,越城区\nEH2,端到端第二高级中学,20,0,越城区\n')
    const js = file('juniors.csv', 'js_id,name,county,graduates\nEJ1,端到端甲初级中学,越城区,30\nEJ2,端到端乙初级中学,越城区,10\n')
    const head = 'student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\n'
    const good = file('students.csv', head + 'EK001,EJ1,600,100,100,100,1,EH1,EH1|EH2\nEK002,EJ2,590,99,99,99,1,EH1,EH1|EH2\nEK003,EJ1,580,98,98,98,0,,EH1|EH2\nEK004,EJ2,575.5,97,97,97,1,EH1,EH2\n')
    const bad = file('students_bad.csv', head + 'EK001,EJ1,六百,100,100,100,1,EH1,EH1|EH2\nEK002,EJ9,590,99,99,99,1,EH1,EH1|EH2\n')
    const title = '端到端测试：上传三个文件新建招生'
    try {
      await page.locator(tid('nav-admit')).click()
      await page.locator(tid('admit-page')).waitFor()
      await page.locator(tid('admit-rounds') + ' tbody tr').first().waitFor()
      const before = (await getJson('/api/v1/admit/rounds')).body.items
      await page.locator(tid('admit-create-open')).click()
      const form = page.locator(tid('admit-create'))
      await form.waitFor()
      for (const c of ['hs_id,name,plan,quality[,county]', 'js_id,name,county,graduates', 'student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs'])
        assert.ok((await form.innerText()).includes(c), `the column hint ${c}`)
      // nothing chosen: the form says what is missing, no request
      await form.locator(tid('admit-create-submit')).click()
      await form.locator(tid('admit-create-error'), { hasText: '请填写名称和年份，并选择三个文件' }).waitFor()
      await form.locator(inp('admit-create-title')).fill(title)
      await form.locator(inp('admit-create-year')).fill('2026')
      await chooseOptionText(form.locator(tid('admit-create-policy')), '绍兴市')
      await form.locator(tid('admit-create-high_schools') + ' input[type=file]').setInputFiles(hs)
      await form.locator(tid('admit-create-juniors') + ' input[type=file]').setInputFiles(js)
      await form.locator(tid('admit-create-students') + ' input[type=file]').setInputFiles(bad)
      let posted = apiAnswer('POST', '/api/v1/admit/rounds')
      await form.locator(tid('admit-create-submit')).click()
      let res = await posted
      assert.equal(res.status(), 422, 'refused')
      const errors = (await res.json()).errors
      assert.deepEqual(errors.map((e) => [e.file, e.row, e.column]), [['students_bad.csv', 2, 'total'], ['students_bad.csv', 3, 'js_id']])
      await form.locator(tid('admit-create-errors') + ' tbody tr').first().waitFor()
      const rows = (await form.locator(tid('admit-create-errors') + ' tbody tr').allInnerTexts()).map((x) => x.split(/\t|\n/).map((c) => c.trim()).filter(Boolean))
      assert.deepEqual(rows, errors.map((e) => [e.file, String(e.row), e.column, e.message]))
      assert.ok((await form.locator(tid('admit-create-error')).innerText()).includes('未创建'))
      assert.equal((await getJson('/api/v1/admit/rounds')).body.items.length, before.length, 'no round created')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('admit-create-errors')

      // the students file corrected: a draft with the quota computed
      await form.locator(tid('admit-create-students') + ' input[type=file]').setInputFiles(good)
      posted = apiAnswer('POST', '/api/v1/admit/rounds')
      await form.locator(tid('admit-create-submit')).click()
      res = await posted
      assert.equal(res.status(), 201, 'created')
      const round = (await res.json()).round
      assert.equal(round.status, 'draft')
      assert.equal(round.student_count, 4)
      assert.equal(round.policy, 'shaoxing', 'the policy chosen')
      assert.equal(round.year, 2026)
      assert.equal(round.title, title)
      assert.equal(await page.locator(tid('admit-create')).count(), 0, 'the form closes')
      const row = page.locator(tid('admit-rounds') + ' tbody tr', { hasText: round.id }).first()
      await row.waitFor()
      assert.ok((await row.innerText()).includes(title))
      assert.equal((await row.locator(tid('admit-status')).innerText()).trim(), '草稿')
      // the new round is opened: 指标到校 worked out by hand — ⌈10 × 60 %⌉ = 6 seats over 30 and 10 graduates:
      // 4.5 and 1.5, the last seat to the larger remainder (equal: more graduates) → EJ1 5, EJ2 1
      await page.locator(tid('admit-summary'), { hasText: round.id }).waitFor()
      const share = page.locator(tid('admit-share-table') + ' tbody tr')
      await share.first().waitFor()
      assert.equal(await share.count(), 1, 'one quality school')
      const cells = (await share.first().locator('td').allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(cells.slice(0, 6), ['端到端第一高级中学', '越城区', '10', '6', '60.0 %', '2'])
      const quota = (await page.locator(tid('admit-quota-table') + ' tbody tr').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim())
      assert.equal(quota.length, 2)
      assert.equal(await page.locator(inp('admit-seats-EJ1')).inputValue(), '5')
      assert.equal(await page.locator(inp('admit-seats-EJ2')).inputValue(), '1')
      const api = (await getJson('/api/v1/admit/rounds/' + round.id)).body
      assert.deepEqual(api.quota.high_schools.find((h) => h.hs_id === 'EH1').by_junior, { EJ1: 5, EJ2: 1 })
      const audit = (await getJson('/api/v1/audit?limit=10')).body
      assert.ok(audit.items.some((e) => e.action === 'admit.round.create' && e.target === round.id), 'audited')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await page.waitForTimeout(800) // the share chart's bars grow from the previous round's
      await shot('admit-create')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  await test('体质健康与视力 (staff): city cards equal the dataset, vision change vs target, a school\'s students by level only, a bad upload refused', async () => {
    try {
      await loginAs(STAFF_USER)
      await page.locator(tid('nav-health')).click()
      await page.locator(tid('health-page')).waitFor()
      const sets = (await getJson('/api/v1/evaluate/datasets')).body.items
      const newest = (kind) => sets.filter((d) => d.kind === kind).sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id, undefined, { numeric: true }))[0]
      const fit = newest('fitness')
      const vis = newest('vision')
      assert.ok(fit && vis, 'the demo has a fitness and a vision dataset')
      const F = (await getJson('/api/v1/evaluate/datasets/' + fit.id)).body.summary
      const V = (await getJson('/api/v1/evaluate/datasets/' + vis.id)).body.summary
      const schools = {}
      for (const s of (await getJson('/api/v1/schools?page_size=200')).body.items) schools[s.code] = s

      // 体质健康: the newest datasets are picked; the city cards are the dataset's figures
      await page.locator(tid('fitness-card-students') + ' ' + tid('fitness-card-value')).waitFor()
      assert.ok((await page.locator(tid('health-fitness-dataset')).innerText()).includes(fit.title), 'newest fitness dataset picked')
      assert.ok((await page.locator(tid('health-vision-dataset')).innerText()).includes(vis.title), 'newest vision dataset picked')
      const city = F.aggregates.find((a) => a.scope === 'all')
      assert.equal(digits(await page.locator(tid('fitness-card-students') + ' ' + tid('fitness-card-value')).innerText()), fit.records, '学生数 = the dataset\'s records')
      assert.equal(city.students, fit.records)
      assert.equal((await page.locator(tid('fitness-card-pass_rate') + ' ' + tid('fitness-card-value')).innerText()).trim(), pct1(city.pass_rate))
      assert.equal((await page.locator(tid('fitness-card-good_rate') + ' ' + tid('fitness-card-value')).innerText()).trim(), pct1(city.good_rate))
      const passTarget = (await page.locator(tid('fitness-card-pass_rate') + ' ' + tid('fitness-card-target')).innerText()).trim()
      if (F.targets.pass_rate > 0) assert.ok(passTarget.includes('目标'), passTarget)
      else assert.equal(passTarget, '本策略未设目标')
      await page.locator(tid('fitness-level-chart') + ' canvas').first().waitFor()
      const items = await page.locator(tid('fitness-item-table') + ' ' + tid('fitness-item')).allInnerTexts()
      assert.equal(items.length, Object.keys(city.items).length, 'one row per tested item')
      assert.ok(items.includes('体重指数（BMI）') && items.includes('肺活量'), `items: ${items}`)
      const schoolAggs = F.aggregates.filter((a) => a.scope === 'school')
      assert.equal(await page.locator(tid('fitness-school-table') + ' tbody tr').count(), schoolAggs.length, 'one row per school')
      const names = await page.locator(tid('fitness-school-table') + ' ' + tid('fitness-school-name')).allInnerTexts()
      assert.equal(names[0].trim(), schools[schoolAggs[0].school_id].name, 'schools are named')

      // 视力: the city change row says 达到 / 未达到 as the API's target_met
      const change = V.changes.filter((c) => c.scope === 'all').sort((a, b) => b.to_year - a.to_year)[0]
      const verdict = change.target_met ? '达到' : '未达到'
      const firstChange = page.locator(tid('vision-change-table') + ' tbody tr').first()
      await firstChange.waitFor()
      assert.equal((await firstChange.locator(tid('vision-change-scope')).innerText()).trim(), '全市')
      assert.equal((await firstChange.locator(tid('vision-change-met')).innerText()).trim(), verdict)
      assert.equal((await page.locator(tid('vision-city-met')).innerText()).trim(), verdict)
      const sign = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(2)
      const rowText = await firstChange.innerText()
      assert.ok(rowText.includes(sign(change.change_points)) && rowText.includes(sign(change.same_grade_mix_change_points)), `change and same-grade-mix change in "${rowText}"`)
      assert.ok((await page.locator(tid('vision-same-mix-note')).innerText()).includes('排除年级构成变化的影响'), 'the same-grade-mix change is explained')
      assert.equal((await page.locator(tid('vision-definition-text')).innerText()).trim(), V.definition.trim())
      await page.locator(tid('vision-grade-chart') + ' canvas').first().waitFor()
      assert.equal(await page.locator(tid('vision-cohort-table') + ' tbody tr').count(), V.cohorts.length, 'one row per cohort')
      const behind = await page.locator(tid('vision-behind-table') + ' ' + tid('vision-behind-name')).allInnerTexts()
      assert.equal(behind.length, V.schools_behind.length)
      assert.equal(behind[0].trim(), schools[V.schools_behind[0].school_id].name, 'the school furthest behind is named')

      // 查看学生等级: student_id and level only, in student_id order, with the 001 note; no total, no rank
      const school = schoolAggs[0].school_id
      const listed = page.waitForResponse((r) => r.url().includes(`/evaluate/datasets/${fit.id}/students`))
      await page.locator(tid('fitness-students-' + school)).click()
      const resp = await listed
      assert.equal(resp.status(), 200)
      assert.ok(!resp.url().includes('order='), 'no order by score asked for')
      const api = await resp.json()
      assert.equal(api.grades_only, true)
      await page.locator(tid('fitness-student-table') + ' tbody tr').first().waitFor()
      const heads = (await page.locator(tid('fitness-student-table') + ' thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean)
      assert.deepEqual(heads, ['学号', '等级'], `student columns: ${heads}`)
      for (const t of [tid('fitness-student-table'), tid('fitness-class-table')]) {
        const text = await page.locator(t).innerText()
        assert.ok(!/总分|排名|名次|标准分|位次/.test(text), `no total, score or rank shown: ${text.slice(0, 200)}`)
      }
      assert.ok((await page.locator(tid('fitness-grade-note')).innerText()).includes('结果以等级呈现，不排名（001）'))
      const ids = await page.locator(tid('fitness-student-id')).allInnerTexts()
      const lv = await page.locator(tid('fitness-student-level')).allInnerTexts()
      assert.deepEqual(ids.map((s) => s.trim()), api.students.slice(0, ids.length).map((s) => s.student_id), 'student_id order, as the API')
      assert.ok(lv.length > 0 && lv.every((l) => ['优秀', '良好', '及格', '不及格'].includes(l.trim())), `levels: ${lv.slice(0, 5)}`)
      assert.equal(digits(await page.locator(tid('fitness-students')).getByText(/共 [\d,]+ 名学生/).innerText()), api.students.length)

      // Upload: a screening with a bad cell is refused whole (422, the row and column shown, nothing stored)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-health-'))
      const file = path.join(dir, 'screenings.csv')
      fs.writeFileSync(file, 'student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,grade,school_id\nE2E-1,2026-05-11,5.0,4.8,0.25,-1.00,3,S1\nE2E-2,2026-05-11,9.9,5.1,0.50,0.25,3,S1\n', 'utf8')
      try {
        await page.locator(tid('health-upload-kind-vision')).click()
        await page.locator(inp('health-upload-title')).fill('端到端测试视力筛查')
        await page.locator(tid('health-upload-file') + ' input[type=file]').setInputFiles(file)
        const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluate/datasets') && r.request().method() === 'POST')
        await page.locator(tid('health-upload-submit')).click()
        assert.equal((await posted).status(), 422, 'the file is refused')
        await page.locator(tid('health-upload-errors') + ' tbody tr').first().waitFor()
        const row = page.locator(tid('health-upload-errors') + ' tbody tr').first()
        assert.equal((await row.locator(tid('err-row')).innerText()).trim(), '3')
        assert.equal((await row.locator(tid('err-column')).innerText()).trim(), 'left_uncorrected')
        assert.equal((await getJson('/api/v1/evaluate/datasets')).body.items.length, sets.length, 'nothing stored')
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
      await shot('health')
    } finally {
      if (!(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status === 200))) loggedIn = false
    }
  })

  // 五育综合评价 (staff): the first school with records for term 2026-1 (the demo creates them for three
  // primary schools by code), the radar of its means, the classes' counts, a student's portrait and one edit.
  const WUYU_TERM = '2026-1'
  const natural = (a, b) => String(a).localeCompare(String(b), undefined, { numeric: true })
  let wuyuCodes = [] // school codes seen by the staff test: a school user gets none but their own
  await test('五育综合评价 (staff): radar of 德智体美劳, class counts equal the school, a portrait of 9 records, one value changed', async () => {
    try {
      const me = (await getJson('/api/v1/auth/me')).body
      if (!me.user || me.user.username !== STAFF_USER) await loginAs(STAFF_USER)
      await page.locator(tid('nav-health')).click()
      await page.locator(tid('wuyu-section')).waitFor()

      // the first school (primary schools first, by code) whose term has records
      const all = []
      for (let p = 1; p <= 50; p++) {
        const r = (await getJson(`/api/v1/schools?page=${p}&page_size=200`)).body
        all.push(...r.items)
        if (!r.items.length || all.length >= r.total) break
      }
      const primary = (s) => (s.level === 'primary' || s.level === 'nine_year' ? 0 : 1)
      const candidates = all.sort((a, b) => primary(a) - primary(b) || a.code.localeCompare(b.code))
      let W = null
      let code = ''
      for (const s of candidates.slice(0, 30)) {
        const r = await getJson(`/api/v1/evaluate/wuyu?school_id=${encodeURIComponent(s.code)}&term=${WUYU_TERM}`)
        assert.equal(r.status, 200, `GET /evaluate/wuyu for ${s.code}`)
        if (r.body.groups.some((g) => g.scope === 'school')) {
          W = r.body
          code = s.code
          break
        }
      }
      assert.ok(W, 'a school with 五育 records for ' + WUYU_TERM)
      wuyuCodes = candidates.slice(0, 5).map((x) => x.code)
      assert.equal(W.grades_only, false, 'bureau staff get the analysts\' view from the API')
      const schoolGroup = W.groups.find((g) => g.scope === 'school')
      const classes = W.groups.filter((g) => g.scope === 'class').map((g) => ({ ...g, id: g.key.slice(code.length + 1) })).sort((a, b) => natural(a.id, b.id))

      // pick the school (the picker may already show it: the first school by code is its default)
      await chooseOption('wuyu-school', 'wuyu-school-option-' + code)
      await page.waitForFunction(
        ([sel, n]) => {
          const el = document.querySelector(sel)
          return el && Number(el.textContent.replace(/[^\d]/g, '')) === n
        },
        [tid('wuyu-school-students'), schoolGroup.students],
      )
      assert.ok((await page.locator(tid('wuyu-school')).innerText()).includes(code), 'the picked school is shown')

      // the radar: five axes 德 智 体 美 劳 with their weights; the school and the first class drawn
      const radar = tid('wuyu-radar')
      assert.equal(await page.locator(`${radar} ${tid('radar-axis')}`).count(), 5, 'five axes')
      const axisNames = (await page.locator(`${radar} ${tid('radar-axis-name')}`).allTextContents()).map((x) => x.trim())
      assert.deepEqual(axisNames, ['德', '智', '体', '美', '劳'])
      const subs = (await page.locator(`${radar} ${tid('radar-axis-sub')}`).allTextContents()).map((x) => x.trim())
      assert.deepEqual(subs, W.dimensions.map((d) => `权重 ${d.weight}%`), 'the weights under the axes')
      assert.equal(await page.locator(`${radar} ${tid('radar-series')}`).count(), 2, 'the school and one class')
      const legend = (await page.locator(`${radar} ${tid('radar-legend-item')}`).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(legend, ['全校均值', classes[0].id.replace(/^(\d+)-(\d+)$/, '$1年级$2班') + '均值'])

      // the class table: one row per class, whose student counts add up to the school's
      const counts = (await page.locator(tid('wuyu-class-students')).allInnerTexts()).map(digits)
      assert.equal(counts.length, classes.length, 'one row per class')
      assert.equal(counts.reduce((a, b) => a + b, 0), schoolGroup.students, 'the classes add up to the school')
      assert.equal(digits(await page.locator(tid('wuyu-school-students')).innerText()), schoolGroup.students)

      // another class over the school; its students by level only, in student_id order
      const other = classes[Math.min(1, classes.length - 1)]
      await chooseOption('wuyu-class', 'wuyu-class-option-' + other.id)
      const otherLabel = other.id.replace(/^(\d+)-(\d+)$/, '$1年级$2班')
      await page.locator(tid('wuyu-students-title'), { hasText: otherLabel }).waitFor()
      assert.ok((await page.locator(`${radar} ${tid('radar-legend')}`).innerText()).includes(otherLabel + '均值'))
      const inClass = W.students.filter((x) => x.class_id === other.id).sort((a, b) => natural(a.student_id, b.student_id))
      const ids = (await page.locator(tid('wuyu-student-id')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(ids, inClass.slice(0, ids.length).map((x) => x.student_id), 'the class\'s students in student_id order')
      const heads = (await page.locator(tid('wuyu-student-table') + ' thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean)
      assert.deepEqual(heads, ['学号', '等级', '成长画像'], `student columns: ${heads}`)
      assert.ok(!/指数|总分|排名|名次/.test(await page.locator(tid('wuyu-student-table')).innerText()), 'no index, score or rank per student')
      assert.ok((await page.locator(tid('wuyu-grade-note')).innerText()).includes('结果以等级呈现，不排名（001）'))
      const levels = (await page.locator(tid('wuyu-student-level')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(levels, inClass.slice(0, levels.length).map((x) => x.level))
      await shot('wuyu')

      // 成长画像: the records of the term (9 indicators), the level of the term
      const student = inClass[0].student_id
      await page.locator(tid('wuyu-portrait-' + student)).click()
      await page.locator(tid('wuyu-record-table') + ' tbody tr').first().waitFor()
      const P = (await getJson('/api/v1/evaluate/wuyu/students/' + encodeURIComponent(student))).body
      assert.equal(await page.locator(tid('wuyu-record-table') + ' tbody tr').count(), 9, 'nine records')
      assert.equal(P.records.length, 9)
      const indicators = (await page.locator(tid('wuyu-record-indicator')).allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(indicators, ['思想品德等级', '志愿服务时长', '学业水平等级', '体质健康学年总分', '每天锻炼 1 小时的天数', '艺术素养等级', '艺术实践时长', '劳动实践时长', '劳动素养等级'])
      assert.equal((await page.locator(tid('wuyu-portrait-level')).first().innerText()).trim(), P.terms[0].level)
      assert.equal(await page.locator(tid('wuyu-portrait') + ' ' + tid('radar-axis')).count(), 5, 'a radar per term')

      // change 志愿服务时长: a bad value is refused (400), a stale version is a conflict (409), then saved
      const before = P.records.find((r) => r.indicator === 'service_hours')
      await page.locator(tid('wuyu-record-edit-service_hours')).click()
      assert.equal(await page.locator(inp('wuyu-edit-value')).inputValue(), before.value, 'the form shows the record')
      await page.locator(inp('wuyu-edit-value')).fill('-2')
      let put = page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluate/wuyu/records') && r.request().method() === 'PUT')
      await page.locator(tid('wuyu-edit-save')).click()
      assert.equal((await put).status(), 400, 'a negative number of hours is refused')
      assert.match(await page.locator(tid('wuyu-edit-error')).innerText(), /未保存：值不符合要求[\s\S]*非负数值/)

      // someone else saves the record meanwhile
      const meNow = (await getJson('/api/v1/auth/me')).body
      const meanwhile = await page.evaluate(async ([rec, csrf]) => {
        const r = await fetch('/api/v1/evaluate/wuyu/records', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ ...rec, value: String(Number(rec.value) === 5 ? 6 : 5), note: '端到端测试：他人修改' }),
        })
        return { status: r.status, body: await r.json() }
      }, [before, meNow.csrf_token])
      assert.equal(meanwhile.status, 200)
      assert.equal(meanwhile.body.record.version, before.version + 1)
      const wanted = ['13', '14', '15'].find((v) => v !== before.value && v !== meanwhile.body.record.value)
      await page.locator(inp('wuyu-edit-value')).fill(wanted)
      put = page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluate/wuyu/records') && r.request().method() === 'PUT')
      await page.locator(tid('wuyu-edit-save')).click()
      assert.equal((await put).status(), 409, 'the form\'s version is stale')
      assert.match(await page.locator(tid('wuyu-edit-error')).innerText(), /已被他人修改/)
      await page.locator(tid('wuyu-edit-reload')).click()
      await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [inp('wuyu-edit-value'), meanwhile.body.record.value])
      assert.equal(await page.locator(tid('wuyu-edit-error')).count(), 0, 'the conflict is cleared after reloading')

      await page.locator(inp('wuyu-edit-value')).fill(wanted)
      await page.locator(inp('wuyu-edit-note')).fill('端到端测试：核对后更正')
      put = page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluate/wuyu/records') && r.request().method() === 'PUT')
      await page.locator(tid('wuyu-edit-save')).click()
      assert.equal((await put).status(), 200, 'saved')
      const row = page.locator(tid('wuyu-record-table') + ' tbody tr', { hasText: '志愿服务时长' })
      await row.locator(tid('wuyu-record-value'), { hasText: `${wanted} 小时` }).waitFor()
      assert.equal((await row.locator(tid('wuyu-record-by')).innerText()).trim(), STAFF_USER)
      const after = (await getJson('/api/v1/evaluate/wuyu/students/' + encodeURIComponent(student))).body.records.find((r) => r.indicator === 'service_hours')
      assert.equal(after.value, wanted)
      assert.equal(after.version, before.version + 2, 'the version moved on with each save')
      assert.equal(after.note, '端到端测试：核对后更正')
      assert.ok((await page.locator(tid('wuyu-edit-version')).innerText()).includes(`版本 ${after.version}`))
      // the drawer is fixed to the viewport: a taller viewport shows all of it, without the 已保存 toast
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await page.setViewportSize({ width: 1440, height: 1400 })
      await shot('wuyu-portrait', { fullPage: false })
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.keyboard.press('Escape')
      await page.locator(tid('wuyu-portrait')).waitFor({ state: 'hidden' })
    } finally {
      if (!(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status === 200))) loggedIn = false
    }
  })

  await test('体质健康与视力 (school user): only their own school, its students by level, no upload', async () => {
    try {
      const me = await loginAs(SCHOOL_USER)
      assert.equal(me.role, 'school_admin')
      const own = me.school_code
      await page.locator(tid('nav-health')).click()
      await page.locator(tid('health-page')).waitFor()
      await page.locator(tid('fitness-school-table') + ' tbody tr').first().waitFor()
      const name = (await getJson('/api/v1/schools/' + own)).body
      const ownName = (name.school || name).name
      const names = (await page.locator(tid('fitness-school-table') + ' ' + tid('fitness-school-name')).allInnerTexts()).map((n) => n.trim())
      assert.deepEqual(names, [ownName], `only the own school: ${names}`)
      assert.equal(await page.locator(tid('fitness-districts')).count(), 0, 'no district table')
      const scopes = (await page.locator(tid('vision-change-table') + ' ' + tid('vision-change-scope')).allInnerTexts()).map((n) => n.trim())
      assert.deepEqual(scopes, ['全市', ownName], `vision: the city and the own school: ${scopes}`)
      assert.equal(await page.locator(tid('vision-behind')).count(), 0, 'no other schools')
      assert.equal(await page.locator(tid('health-upload')).count(), 0, 'no upload form')
      await page.locator(tid('fitness-students-' + own)).click()
      await page.locator(tid('fitness-student-table') + ' tbody tr').first().waitFor()
      const ids = await page.locator(tid('fitness-student-id')).allInnerTexts()
      assert.ok(ids.length > 0 && ids.every((id) => id.startsWith(own)), 'own students only')
      const heads = (await page.locator(tid('fitness-student-table') + ' thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean)
      assert.deepEqual(heads, ['学号', '等级'])
      const fit = (await getJson('/api/v1/evaluate/datasets')).body.items.find((d) => d.kind === 'fitness')
      const other = (await getJson(`/api/v1/evaluate/datasets/${fit.id}/students?order=total`)).status
      assert.equal(other, 403, 'a school gets no list in score order')
      await shot('health-school')
    } finally {
      // back to the suite's user for the remaining tests
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  await test('五育综合评价 (school user): only their own school, students by level only', async () => {
    try {
      const me = await loginAs(SCHOOL_USER)
      const own = me.school_code
      await page.locator(tid('nav-health')).click()
      await page.locator(tid('wuyu-section')).waitFor()
      const ownName = (await getJson('/api/v1/schools/' + own)).body
      const name = (ownName.school || ownName).name
      // the picker is fixed to their school
      await page.locator(tid('wuyu-school') + ' .is-disabled').first().waitFor()
      assert.ok((await page.locator(tid('wuyu-school')).innerText()).includes(name), 'the own school is shown')
      assert.ok((await page.locator(tid('wuyu-own-school-note')).innerText()).includes('只能查看本校'))
      const W = await getJson(`/api/v1/evaluate/wuyu?school_id=${own}&term=${WUYU_TERM}`)
      assert.equal(W.status, 200)
      assert.equal(W.body.grades_only, true, 'a school gets levels only')
      assert.ok(W.body.students.every((x) => !('index' in x) && !('dimensions' in x)), 'no index or dimensions per student')
      const another = wuyuCodes.find((c) => c !== own)
      if (another) assert.equal((await getJson(`/api/v1/evaluate/wuyu?school_id=${another}&term=${WUYU_TERM}`)).status, 403, 'another school is refused')
      const schoolGroup = W.body.groups.find((g) => g.scope === 'school')
      assert.ok(schoolGroup, 'the demo school user\'s school has 五育 records')
      await page.waitForFunction(
        ([sel, n]) => {
          const el = document.querySelector(sel)
          return el && Number(el.textContent.replace(/[^\d]/g, '')) === n
        },
        [tid('wuyu-school-students'), schoolGroup.students],
      )
      await page.locator(tid('wuyu-student-table') + ' tbody tr').first().waitFor()
      const heads = (await page.locator(tid('wuyu-student-table') + ' thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean)
      assert.deepEqual(heads, ['学号', '等级', '成长画像'])
      const ids = (await page.locator(tid('wuyu-student-id')).allInnerTexts()).map((x) => x.trim())
      assert.ok(ids.length > 0 && ids.every((id) => id.startsWith(own)), 'own students only')
      const levels = (await page.locator(tid('wuyu-student-level')).allInnerTexts()).map((x) => x.trim())
      assert.ok(levels.every((l) => ['优秀', '良好', '合格', '待合格'].includes(l)), `levels: ${levels.slice(0, 5)}`)
      assert.ok(!/指数|总分|排名|名次/.test(await page.locator(tid('wuyu-student-table')).innerText()), 'no index, score or rank per student')
      // the portrait: levels and dimensions per term, no index
      await page.locator(tid('wuyu-portrait-' + ids[0])).click()
      await page.locator(tid('wuyu-record-table') + ' tbody tr').first().waitFor()
      const P = (await getJson('/api/v1/evaluate/wuyu/students/' + encodeURIComponent(ids[0]))).body
      assert.ok(P.terms.every((x) => !('index' in x)), 'the portrait has no index for a school')
      assert.equal((await page.locator(tid('wuyu-portrait-level')).first().innerText()).trim(), P.terms[0].level)
      await page.keyboard.press('Escape')
      await page.locator(tid('wuyu-portrait')).waitFor({ state: 'hidden' })
    } finally {
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  // 我的孩子 (parent): the child's 成长档案 — 体质健康 levels, two vision screenings, the 五育 level and records, the
  // 写实记录 — as the API answers, and nowhere a score, total, index or rank (001). No 即将上线 entry for 学生发展.
  await test('我的孩子 (parent): the 成长档案 shows fitness, vision and 五育 as levels only, as the API answers', async () => {
    try {
      const me = await loginAs(PARENT_USER)
      assert.equal(me.role, 'parent')
      assert.equal(await page.locator(tid('nav-future-development')).count(), 0, 'no 即将上线 item for 学生发展')
      assert.ok(!(await page.locator(tid('side-menu')).innerText()).includes('学生发展'), 'the nav does not list 学生发展 as planned')

      await page.locator(tid('nav-children')).click()
      await page.locator(tid('children-table') + ' tbody tr').first().waitFor()
      const kids = (await getJson('/api/v1/my/children')).body.items
      const child = kids.find((c) => c.student_no)
      assert.ok(child, 'the parent has a child with a 学号')
      const open = page.locator(tid('child-dev-open-' + child.student_no))
      if (await open.count()) await open.click() // one child: opened by itself
      const dev = page.locator(`${tid('child-dev')}[data-student="${child.student_no}"]`)
      await dev.locator(tid('child-dev-fitness')).waitFor()
      const D = await getJson('/api/v1/my/children/' + encodeURIComponent(child.student_no) + '/development')
      assert.equal(D.status, 200)
      assert.equal(D.body.grades_only, true)
      assert.ok((await dev.locator(tid('child-dev-title')).innerText()).includes(child.name), 'the child is named')
      assert.equal((await dev.locator(tid('child-dev-banner-title')).innerText()).trim(), '结果以等级呈现，不显示分数和排名（依据：001）')
      // another parent's child (or any other number) is not found
      assert.equal((await getJson('/api/v1/my/children/' + encodeURIComponent(child.student_no + '9') + '/development')).status, 404)

      // 体质健康: the overall level of each test as the API's, each item by its Chinese name
      assert.ok(D.body.fitness.length >= 1, 'the demo child has a fitness result')
      const levels = (await dev.locator(tid('child-fitness-level')).allInnerTexts()).map((x) => x.trim())
      assert.ok(levels.every((l) => ['优秀', '良好', '及格', '不及格'].includes(l)), `fitness levels: ${levels}`)
      assert.deepEqual(levels, D.body.fitness.map((f) => f.level))
      const card = dev.locator(tid('child-fitness-card')).first()
      const items = (await card.locator(tid('child-fitness-item-name')).allInnerTexts()).map((x) => x.trim())
      assert.equal(items.length, Object.keys(D.body.fitness[0].items).length, 'one row per tested item')
      assert.ok(items.every((x) => /[\u4e00-\u9fff]/.test(x) && !/[a-z]_/.test(x)), `item names: ${items}`)
      const itemLevels = await card.locator(tid('child-fitness-item')).evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.dataset.item, e.querySelector('[data-testid="child-fitness-item-level"]').textContent.trim()])),
      )
      assert.deepEqual(itemLevels, D.body.fitness[0].items, 'each item\'s level as the API\'s')

      // 视力: one box per screening year, oldest first, and the trend line
      const years = await dev.locator(tid('child-vision-year')).evaluateAll((els) => els.map((e) => Number(e.dataset.year)))
      const apiYears = D.body.vision.map((v) => v.year).sort((a, b) => a - b)
      assert.equal(years.length, 2, 'two screenings')
      assert.deepEqual(years, apiYears)
      const statuses = (await dev.locator(tid('child-vision-status')).allInnerTexts()).map((x) => x.trim())
      const byYear = [...D.body.vision].sort((a, b) => a.year - b.year)
      assert.deepEqual(statuses, byYear.map((v) => v.status))
      assert.ok((await dev.locator(tid('child-vision-trend')).innerText()).includes(byYear.map((v) => `${v.year} ${v.status}`).join(' → ')), 'the trend')

      // 五育: the newest term's level, a radar of five axes without numbers, the term's records
      const W = D.body.wuyu
      assert.ok(W && W.terms.length, 'the demo child has 五育 records')
      const newest = [...W.terms].sort((a, b) => natural(b.term, a.term))[0]
      assert.equal((await dev.locator(tid('child-wuyu-level')).innerText()).trim(), newest.level)
      assert.ok(['优秀', '良好', '合格', '待合格'].includes(newest.level))
      assert.equal(await dev.locator(`${tid('child-wuyu-radar')} ${tid('radar-axis')}`).count(), 5, 'five axes')
      assert.equal(await dev.locator(`${tid('child-wuyu-radar')} ${tid('radar-axis-sub')}`).count(), 0, 'no numbers under the axes')
      // the dimensions come as levels (001), shown beside the radar in the profile's order
      const dimLevels = W.dimensions.map((d) => newest.dimensions[d.key])
      assert.ok(dimLevels.every((l) => ['优秀', '良好', '合格', '待合格'].includes(l)), `dimension levels, not scores: ${dimLevels}`)
      const shownLevels = await dev.locator(tid('child-wuyu-dimension-levels') + ' .level-tag').allInnerTexts()
      assert.deepEqual(shownLevels.map((x) => x.trim()), dimLevels)
      assert.equal(W.records.length, 9)
      assert.equal(await dev.locator(tid('child-wuyu-records') + ' tbody tr').count(), 9, 'nine records')
      const values = (await dev.locator(tid('child-wuyu-record-value')).allInnerTexts()).map((x) => x.trim())
      const fitnessRow = dev.locator(tid('child-wuyu-records') + ' tbody tr', { hasText: '体质健康测试' })
      assert.equal(await fitnessRow.count(), 1, 'the 体质健康 record is named after the test')
      assert.ok(!/\d/.test(await fitnessRow.locator(tid('child-wuyu-record-value')).innerText()), 'no 体质健康 points')
      const fitnessRecord = W.records.find((r) => r.indicator === 'fitness_total')
      // the API sends the 学年总分's level by the fitness standard: the same as the 体质健康 card (the demo's
      // 五育 record holds the child's real total)
      assert.ok(fitnessRecord.value_is_level, 'the API sends a level, not the total')
      assert.equal(fitnessRecord.value, D.body.fitness[0].level)
      assert.equal((await fitnessRow.locator(tid('child-wuyu-record-value')).innerText()).trim(), fitnessRecord.value)
      assert.ok(values.includes(`${W.records.find((r) => r.indicator === 'service_hours').value} 小时`), 'hours as entered')

      // 写实记录: each record's text under its term (read-only)
      const Q = W.quality || []
      const quality = dev.locator(tid('child-dev-quality'))
      for (const r of Q) {
        const text = await quality.locator(`${tid('quality-term')}[data-term="${r.term}"] ${tid('quality-aspect-' + r.aspect)} ${tid('quality-text')}`).innerText()
        assert.equal(text.trim(), r.text)
      }
      if (!Q.length) await quality.locator(tid('quality-empty')).waitFor()
      assert.equal(await quality.locator('button').count(), 0, 'read-only for parents')

      // no score, total, index or rank anywhere (the banner saying so aside), no raw keys
      const banner = await dev.locator(tid('child-dev-banner')).innerText()
      const text = (await page.locator(tid('children-page')).innerText()).replace(banner, '')
      const bad = text.match(/总分|排名|名次|指数|标准分/)
      assert.ok(!bad, `the page says "${bad && bad[0]}"`)
      assert.ok(!/\b[a-z]+_[a-z0-9_]+\b/.test(text), 'no raw keys such as run_50m')
      await shot('children-development')
    } finally {
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  // 综合素质 写实记录 (staff): in a student's 成长画像, one aspect's text changed — an empty and a too long text are
  // refused with the server's message (400), a save after someone else's is a conflict (409, reload), then saved.
  await test('综合素质 写实记录 (staff): an aspect edited in the 成长画像 — 400 messages, a 409 reload, then saved with the next version', async () => {
    try {
      const me = (await getJson('/api/v1/auth/me')).body
      if (!me.user || me.user.username !== STAFF_USER) await loginAs(STAFF_USER)
      await page.locator(tid('nav-health')).click()
      await page.locator(tid('wuyu-section')).waitFor()

      // a school whose students have 写实记录 for the term: the first student of its first class
      let found = null
      const codes = wuyuCodes.length ? wuyuCodes : []
      for (const code of codes) {
        const r = await getJson(`/api/v1/evaluate/wuyu?school_id=${encodeURIComponent(code)}&term=${WUYU_TERM}`)
        if (r.status !== 200 || !r.body.students.length) continue
        const classes = [...new Set(r.body.students.map((x) => x.class_id))].sort(natural)
        const first = r.body.students.filter((x) => x.class_id === classes[0]).sort((a, b) => natural(a.student_id, b.student_id))[0]
        const P = (await getJson('/api/v1/evaluate/wuyu/students/' + encodeURIComponent(first.student_id))).body
        if ((P.quality || []).some((q) => q.term === WUYU_TERM)) {
          found = { code, classId: classes[0], student: first.student_id, P }
          break
        }
      }
      assert.ok(found, 'a student with 写实记录 for ' + WUYU_TERM)
      const { P } = found
      assert.deepEqual(P.quality_aspects.map((a) => a.label), ['思想品德', '学业水平', '身心健康', '艺术素养', '社会实践'])

      await chooseOption('wuyu-school', 'wuyu-school-option-' + found.code)
      await chooseOption('wuyu-class', 'wuyu-class-option-' + found.classId)
      await page.locator(tid('wuyu-portrait-' + found.student)).click()
      const drawer = page.locator(tid('wuyu-portrait'))
      const term = drawer.locator(`${tid('quality-term')}[data-term="${WUYU_TERM}"]`)
      await term.waitFor()
      const labels = (await term.locator('.q-label').allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(labels, ['思想品德', '学业水平', '身心健康', '艺术素养', '社会实践'], 'the five aspects in order')

      const aspect = 'practice'
      const before = P.quality.find((q) => q.term === WUYU_TERM && q.aspect === aspect)
      assert.ok(before, 'the student has a 社会实践 record')
      const row = term.locator(tid('quality-aspect-' + aspect))
      assert.equal((await row.locator(tid('quality-text')).innerText()).trim(), before.text)
      await row.locator(tid('quality-edit-' + aspect)).click()
      const area = `textarea${tid('quality-edit-text')}, ${tid('quality-edit-text')} textarea`
      const box = row.locator(area)
      assert.equal(await box.inputValue(), before.text, 'the editor shows the record')

      const putQuality = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluate/quality/records') && r.request().method() === 'PUT')
      // empty, then too long: refused with the server's Chinese message
      for (const bad of ['', '长'.repeat(600)]) {
        await box.fill(bad)
        const put = putQuality()
        await row.locator(tid('quality-edit-save')).click()
        const res = await put
        assert.equal(res.status(), 400, `refused: ${bad.length} characters`)
        const msg = (await res.json()).error
        assert.ok(/[\u4e00-\u9fff]/.test(msg), 'a Chinese message')
        await page.waitForFunction(([sel, m]) => document.querySelector(sel)?.textContent.includes(m), [tid('quality-edit-error-message'), msg])
        assert.match(await row.locator(tid('quality-edit-error')).innerText(), /未保存：内容不符合要求/)
      }
      assert.ok(/不超过/.test(await row.locator(tid('quality-edit-error-message')).innerText()), 'the length limit is named')

      // someone else saves the record meanwhile: a conflict, reloaded
      const csrf = (await getJson('/api/v1/auth/me')).body.csrf_token
      const meanwhile = await page.evaluate(async ([rec, token]) => {
        const r = await fetch('/api/v1/evaluate/quality/records', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
          body: JSON.stringify({ ...rec, text: '端到端测试：他人修改的写实记录' }),
        })
        return { status: r.status, body: await r.json() }
      }, [{ student_id: before.student_id, term: before.term, aspect, school_id: before.school_id, class_id: before.class_id, version: before.version }, csrf])
      assert.equal(meanwhile.status, 200)
      assert.equal(meanwhile.body.record.version, before.version + 1)
      const wanted = '端到端测试：参加学校科技节志愿讲解 3 次，共 6 小时'
      await box.fill(wanted)
      let put = putQuality()
      await row.locator(tid('quality-edit-save')).click()
      assert.equal((await put).status(), 409, 'the editor\'s version is stale')
      assert.match(await row.locator(tid('quality-edit-error')).innerText(), /已被他人修改/)
      await row.locator(tid('quality-edit-reload')).click()
      await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [area, meanwhile.body.record.text])
      assert.equal(await row.locator(tid('quality-edit-error')).count(), 0, 'the conflict is cleared after reloading')
      assert.ok((await row.locator(tid('quality-edit-lost')).innerText()).includes(wanted), 'the unsaved text stays readable')

      // saved: the new text, the next version, 填写人 staff
      await box.fill(wanted)
      put = putQuality()
      await row.locator(tid('quality-edit-save')).click()
      assert.equal((await put).status(), 200, 'saved')
      await row.locator(tid('quality-text'), { hasText: wanted }).waitFor()
      const after = (await getJson('/api/v1/evaluate/wuyu/students/' + encodeURIComponent(found.student))).body.quality.find((q) => q.term === WUYU_TERM && q.aspect === aspect)
      assert.equal(after.text, wanted)
      assert.equal(after.version, before.version + 2, 'the version moved on with each save')
      assert.equal(after.entered_by, STAFF_USER)
      assert.equal((await row.locator(tid('quality-version')).innerText()).trim(), `版本 ${after.version}`)
      assert.ok((await row.locator(tid('quality-meta')).innerText()).startsWith(`${STAFF_USER} 于 `), 'who saved it')

      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await page.setViewportSize({ width: 1440, height: 1400 })
      await term.scrollIntoViewIfNeeded()
      await shot('quality-records', { fullPage: false })
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })
    } finally {
      if (!(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status === 200))) loggedIn = false
    }
  })

  // 网上报名 → 报名审核 → 派位 (docs/enrollment.md §8), in the order the state needs: the parent applies, staff
  // return it, the parent corrects it, staff approve it and register a 派位 from the approved applications; once
  // that run is drawn and published the parent sees the lottery number. Then an auditor (read-only) and parent2's
  // 中考 results. Every figure is compared with the API's answer fetched in the page.
  let applied = null // the parent's new application (POST answer)
  const myApplication = async (id) => (await getJson('/api/v1/my/applications')).body.items.find((a) => a.id === id)
  const queueOf = async (query = '') => (await getJson('/api/v1/enroll/applications' + query)).body

  // 多校划片 application (docs/enrollment.md §8): the parent finds one school by its coordinates (学区查询, primary)
  // and one by an address of the 地址库, types one more code, ranks them with 上移 and sends `prefs`; the card lists
  // them in that order, each with its name from `school_names` of GET /my/applications (also the typed one, never
  // looked up). The application is then withdrawn, so the tests below apply for the same child again (a withdrawn
  // application is reopened). `ranked` keeps the schools for the matched result at the end.
  let ranked = null // {A, B, C}: schools of the demo city ({code, name, lon, lat}); A found by coordinates, B by address
  await test('网上报名 (parent): 多校划片 — schools found by coordinates, by address and typed, ranked with 上移, sent as prefs; the card lists them in order with the API\'s names', async () => {
    // as staff: a public primary school whose own location finds it in a primary catchment, and another in the
    // primary catchment of a demo address
    const list = (await getJson('/api/v1/schools?level=primary&ownership=public&page_size=50')).body.items
    let A = null
    for (const s of list.filter((x) => x.lon !== null && x.lat !== null)) {
      const L = (await getJson(`/api/v1/enroll/locate?lon=${s.lon}&lat=${s.lat}&crs=WGS-84&stage=primary`)).body
      if ((L.catchments || []).some((c) => c.schools.some((x) => x.code === s.code))) A = s
      if (A) break
    }
    assert.ok(A, 'a public primary school found by its own location')
    let B = null
    let address = null
    for (const q of ['路', '街', '道']) {
      const book = (await getJson(`/api/v1/enroll/addresses?q=${encodeURIComponent(q)}&stage=primary&limit=50`)).body
      for (const item of book.items) {
        const codes = item.catchments.filter((c) => c.stage === 'primary').flatMap((c) => c.schools.map((x) => x.code))
        B = list.find((s) => s.code !== A.code && codes.includes(s.code))
        if (B) {
          address = item
          break
        }
      }
      if (B) break
    }
    assert.ok(B, 'a public primary school found by a demo address')
    const C = list.find((s) => s.code !== A.code && s.code !== B.code)
    ranked = { A, B, C }
    try {
      await loginAs(PARENT_USER)
      await page.locator(tid('nav-apply')).click()
      await page.locator(tid('apply-page')).waitFor()
      assert.equal((await getJson('/api/v1/my/applications')).body.items.length, 0, 'the demo parent has not applied yet')
      const panel = page.locator(tid('apply-new-panel'))
      await panel.waitFor()
      await panel.locator(inp('apply-id-number')).fill(APPLY_CHILD_ID)
      await panel.locator(inp('apply-name')).fill(APPLY_CHILD_NAME)
      await panel.locator(tid('apply-mode-match')).click()
      await panel.locator(inp('apply-addr-q')).waitFor() // the finder starts with the address
      assert.equal(await panel.locator(inp('apply-school')).count(), 0, 'no single school field for a ranked application')
      assert.equal(await panel.locator(inp('apply-fallback')).count(), 0, 'no 公民同招 fallback either')
      // A by its coordinates (WGS-84)
      await panel.locator(tid('apply-find-by-coords')).click()
      await panel.locator(tid('apply-find-wgs')).click()
      await panel.locator(inp('apply-find-lon')).fill(String(A.lon))
      await panel.locator(inp('apply-find-lat')).fill(String(A.lat))
      const located = apiAnswer('GET', '/api/v1/enroll/locate')
      await panel.locator(tid('apply-find')).click()
      assert.equal((await located).status(), 200)
      const addA = panel.locator(`${tid('apply-found-add')}[data-code="${A.code}"]`)
      await addA.waitFor()
      assert.ok((await panel.locator(tid('apply-found')).innerText()).includes(A.name), 'the school by its name')
      await addA.click()
      // B by part of a demo address: the address chosen, its zone's schools listed by name
      await panel.locator(tid('apply-find-by-address')).click()
      const words = address.address.split('区').pop().replace(/\d+幢$/, '')
      await panel.locator(inp('apply-addr-q')).fill(words)
      const found = apiAnswer('GET', '/api/v1/enroll/addresses')
      await panel.locator(tid('apply-addr-submit')).click()
      assert.equal((await found).status(), 200)
      await panel.locator(`${tid('apply-addr-match')}[data-id="${address.address_id}"]`).click()
      assert.equal((await panel.locator(tid('apply-found-address')).innerText()).trim(), `住址：${address.address}`)
      const addB = panel.locator(`${tid('apply-found-add')}[data-code="${B.code}"]`)
      await addB.waitFor()
      assert.ok((await panel.locator(tid('apply-found')).innerText()).includes(B.name), 'the school by its name')
      await addB.click()
      await panel.locator(inp('apply-pref-code')).fill(C.code)
      await panel.locator(tid('apply-pref-add')).click()
      // the same school twice is refused in the form
      await panel.locator(inp('apply-pref-code')).fill(A.code)
      await panel.locator(tid('apply-pref-add')).click()
      await panel.locator(tid('apply-error'), { hasText: `学校 ${A.code} 已在志愿中` }).waitFor()
      await panel.locator(inp('apply-pref-code')).fill('')
      const order = () => panel.locator(tid('apply-pref')).evaluateAll((li) => li.map((x) => x.dataset.code))
      assert.deepEqual(await order(), [A.code, B.code, C.code])
      await panel.locator(tid('apply-pref')).nth(1).locator(tid('apply-pref-up')).click()
      assert.deepEqual(await order(), [B.code, A.code, C.code], 'B moved up to 第 1 志愿')
      const texts = await panel.locator(tid('apply-pref')).allInnerTexts()
      assert.ok(texts[0].includes('第 1 志愿') && texts[0].includes(B.name), texts[0])
      assert.ok(texts[1].includes('第 2 志愿') && texts[1].includes(A.name), texts[1])
      await setCheckbox(panel, 'apply-fact-hukou_in_catchment', true)
      const answer = apiAnswer('POST', '/api/v1/my/applications')
      await panel.locator(tid('apply-submit')).click()
      const res = await answer
      assert.equal(res.status(), 201, 'submitted')
      const sent = JSON.parse(res.request().postData())
      assert.deepEqual(sent.prefs, [B.code, A.code, C.code], 'prefs in the ranked order')
      const app = (await res.json()).application
      assert.deepEqual(app.prefs, [B.code, A.code, C.code])
      assert.equal(app.school_id, B.code, 'the first choice is the school applied for')
      const card = page.locator(`${tid('app-card')}[data-id="${app.id}"]`)
      await card.locator(tid('app-prefs')).waitFor()
      assert.equal((await card.locator(tid('app-prefs-tag')).innerText()).trim(), '多校划片')
      assert.deepEqual(await card.locator(tid('app-pref')).evaluateAll((li) => li.map((x) => x.dataset.code)), [B.code, A.code, C.code])
      // the names come from GET /my/applications (`school_names`), not from what this browser looked up: forget
      // those and load the page again — C was only typed as a code, yet it is named
      const mine = (await getJson('/api/v1/my/applications')).body
      for (const s of [A, B, C]) assert.equal(mine.school_names[s.code], s.name, `school_names names ${s.code}`)
      await page.evaluate(() => localStorage.removeItem('youjun.schoolNames'))
      await page.reload()
      await card.locator(tid('app-prefs')).waitFor()
      const shown = (await card.locator(tid('app-pref')).allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim())
      assert.equal(shown[0], `第 1 志愿 ${B.name} ${B.code}`)
      assert.equal(shown[1], `第 2 志愿 ${A.name} ${A.code}`)
      assert.equal(shown[2], `第 3 志愿 ${C.name} ${C.code}`, 'the typed school by its name')
      assert.equal((await card.locator(tid('app-status')).innerText()).trim(), '待审核')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('application-ranked')
      // withdrawn: the child applies again below (the same application is reopened)
      await card.locator(tid('app-withdraw')).click()
      const withdrawn = apiAnswer('POST', `/api/v1/my/applications/${app.id}/withdraw`)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await withdrawn).status(), 200)
      await page.locator(`${tid('app-card')}[data-id="${app.id}"][data-status="withdrawn"]`).waitFor()
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  await test('网上报名 (parent): an application for the younger child is 待审核 with tier 1; a second is refused (409), a child not linked too (403)', async () => {
    try {
      const me = await loginAs(PARENT_USER)
      assert.equal(me.role, 'parent')
      await page.locator(tid('nav-apply')).click()
      await page.locator(tid('apply-page')).waitFor()
      const before = (await getJson('/api/v1/my/applications')).body
      assert.ok(before.items.every((a) => a.status === 'withdrawn'), 'the demo parent has no application in force (the ranked one was withdrawn)')
      const panel = page.locator(tid('apply-new-panel'))
      if (before.items.length) await page.locator(tid('apply-new')).click()
      await panel.waitFor() // nothing in force: the form is (or is now) open
      const fill = async (idNumber) => {
        await panel.locator(inp('apply-id-number')).fill(idNumber)
        await panel.locator(inp('apply-name')).fill(APPLY_CHILD_NAME)
        await panel.locator(inp('apply-school')).fill(APPLY_SCHOOL)
        await setCheckbox(panel, 'apply-fact-hukou_in_catchment', true)
        await setCheckbox(panel, 'apply-fact-owns_home_in_catchment', true)
        await panel.locator(inp('apply-home')).fill('HOME9001')
        await panel.locator(inp('apply-household')).fill('HH9001')
      }
      const submit = async () => {
        const answer = apiAnswer('POST', '/api/v1/my/applications')
        await panel.locator(tid('apply-submit')).click()
        return answer
      }
      // the labels are Chinese, and 随迁子女材料齐全 is no box to tick
      const labels = (await panel.locator('.el-checkbox').allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(labels, ['户籍在学区', '在学区有房产', '在学区租房', '持有居住证', '住人才房', '随迁子女'])
      await fill(APPLY_CHILD_ID)
      const res = await submit()
      assert.equal(res.status(), 201, 'submitted')
      applied = (await res.json()).application
      const card = page.locator(`${tid('app-card')}[data-id="${applied.id}"]`)
      await card.waitFor()
      const A = await myApplication(applied.id)
      assert.equal(A.status, 'submitted')
      assert.equal(A.eligibility.tier, 1)
      assert.equal(A.eligibility.tier_name, '户籍与房产均在学区')
      assert.equal((await card.locator(tid('app-status')).innerText()).trim(), '待审核')
      const tier = card.locator(tid('app-tier'))
      assert.equal(await tier.getAttribute('data-tier'), String(A.eligibility.tier))
      assert.equal((await tier.innerText()).trim(), `第 ${A.eligibility.tier} 类 · ${A.eligibility.tier_name}`)
      assert.equal(await card.locator(tid('app-derivation') + ' li').count(), A.eligibility.derivation.length, 'every derivation step')
      const cardText = await card.innerText()
      assert.ok(cardText.includes(A.child_id_masked) && cardText.includes(A.school_id) && cardText.includes('HOME9001'), cardText)
      assert.ok(!(await page.locator(tid('apply-page')).innerText()).includes(APPLY_CHILD_ID), 'the full ID number is not shown')
      assert.equal(await card.locator(tid('app-withdraw')).count(), 1, 'can be withdrawn while waiting')

      // the same child again: 409, the server's message shown
      await page.locator(tid('apply-new')).click()
      await panel.waitFor()
      await fill(APPLY_CHILD_ID)
      let refused = await submit()
      assert.equal(refused.status(), 409)
      let msg = (await refused.json()).error
      assert.ok(msg.includes('已报名') && msg.includes(applied.id), msg)
      await panel.locator(tid('apply-error'), { hasText: msg }).waitFor()
      // a valid ID number not linked to this account: 403
      await panel.locator(inp('apply-id-number')).fill(UNLINKED_ID)
      refused = await submit()
      assert.equal(refused.status(), 403)
      msg = (await refused.json()).error
      assert.ok(/[\u4e00-\u9fff]/.test(msg), msg)
      await panel.locator(tid('apply-error'), { hasText: msg }).waitFor()
      assert.equal((await getJson('/api/v1/my/applications')).body.items.length, 1, 'nothing more stored')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('application-parent')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  await test('报名审核 (staff): the tabs count as the API; 退回 without a reason is blocked, with one the application is 已退回', async () => {
    assert.ok(applied, 'the parent applied')
    await loginAs(STAFF_USER)
    await page.locator(tid('nav-review')).click()
    await page.locator(tid('review-page')).waitFor()
    await page.locator(tid('review-row-' + applied.id)).waitFor()
    const Q = await queueOf()
    assert.equal(Q.year, applied.year, 'the coming intake by default')
    assert.equal(Number(await page.locator(inp('review-year')).inputValue()), Q.year)
    for (const s of ['submitted', 'returned', 'approved', 'withdrawn'])
      assert.equal(digits(await page.locator(tid('review-tab-count-' + s)).innerText()), Q.counts[s] || 0, `tab ${s}`)
    assert.equal(digits(await page.locator(tid('review-tab-count-all')).innerText()), Q.total)
    const waiting = await queueOf('?status=submitted')
    assert.equal(await page.locator(tid('review-table') + ' tbody tr').count(), Math.min(50, waiting.total), 'the 待审核 tab lists the waiting ones')
    assert.equal(await page.locator(tid('review-table') + ' .el-tag', { hasText: '待审核' }).count(), Math.min(50, waiting.total))

    const A = waiting.items.find((a) => a.id === applied.id)
    const row = page.locator(tid('review-table') + ' tbody tr', { has: page.locator(tid('review-row-' + applied.id)) })
    assert.equal((await row.locator(tid('review-row-tier')).innerText()).trim(), `第 ${A.eligibility.tier} 类 · ${A.eligibility.tier_name}`)
    await page.locator(tid('review-open-' + applied.id)).click()
    const detail = page.locator(`${tid('review-detail')}[data-id="${applied.id}"]`)
    await detail.waitFor()
    assert.ok((await detail.locator('[data-fact="hukou_in_catchment"]').innerText()).includes('✓ 户籍在学区'))
    assert.ok((await detail.locator('[data-fact="migrant"]').innerText()).includes('✗ 随迁子女'))
    assert.equal(await detail.locator(tid('app-derivation') + ' li').count(), A.eligibility.derivation.length)

    // 退回 without a reason: refused in the dialog, nothing sent
    let posts = 0
    const count = (r) => r.method() === 'POST' && r.url().includes('/review') && posts++
    page.on('request', count)
    await detail.locator(tid('review-return')).click()
    const dialog = page.locator('.el-dialog', { has: page.locator(tid('review-reason')) })
    await dialog.waitFor()
    await dialog.locator(tid('review-return-confirm')).click()
    await dialog.locator(tid('review-reason-error'), { hasText: '请填写退回原因' }).waitFor()
    await page.waitForTimeout(300)
    assert.equal(posts, 0, 'no request without a reason')
    page.off('request', count)
    const reason = '房产证复印件不清晰，请重新上传'
    await dialog.locator(`textarea${tid('review-reason')}, ${tid('review-reason')} textarea`).fill(reason)
    const answer = apiAnswer('POST', `/api/v1/enroll/applications/${applied.id}/review`)
    await dialog.locator(tid('review-return-confirm')).click()
    assert.equal((await answer).status(), 200, 'returned')
    await page.locator(`${tid('review-detail')}[data-status="returned"]`).waitFor()
    assert.equal((await page.locator(tid('review-detail-reason')).innerText()).trim(), reason)
    const after = (await queueOf('?status=returned')).items.find((a) => a.id === applied.id)
    assert.equal(after.review_reason, reason)
    assert.equal(after.reviewed_by, STAFF_USER)
    await page.locator(tid('review-tab-count-returned'), { hasText: String((Q.counts.returned || 0) + 1) }).waitFor()
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
    await shot('application-review-detail', { fullPage: false })
    await page.keyboard.press('Escape')
  })

  await test('网上报名 (parent): the return reason is shown; corrected without the home it is 待审核 again with tier 3', async () => {
    assert.ok(applied, 'the parent applied')
    try {
      await loginAs(PARENT_USER)
      await page.locator(tid('nav-apply')).click()
      const A = await myApplication(applied.id)
      assert.equal(A.status, 'returned')
      const card = page.locator(`${tid('app-card')}[data-id="${applied.id}"]`)
      await card.locator(tid('app-status'), { hasText: '已退回' }).waitFor()
      assert.equal((await card.locator(tid('app-return-reason')).innerText()).trim(), A.review_reason)
      await card.locator(tid('app-edit')).click()
      const form = card.locator(tid('app-edit-form'))
      assert.equal(await form.locator(inp('apply-id-number')).count(), 0, 'the ID number is not asked again')
      assert.equal(await form.locator(inp('apply-school')).inputValue(), APPLY_SCHOOL, 'prefilled')
      await setCheckbox(form, 'apply-fact-owns_home_in_catchment', false)
      const answer = apiAnswer('PUT', '/api/v1/my/applications/' + applied.id)
      await form.locator(tid('apply-submit')).click()
      assert.equal((await answer).status(), 200, 'sent again')
      const again = page.locator(`${tid('app-card')}[data-id="${applied.id}"][data-status="submitted"]`)
      await again.waitFor()
      const B = await myApplication(applied.id)
      assert.equal(B.status, 'submitted')
      assert.equal(B.eligibility.tier, 3)
      assert.equal(B.eligibility.tier_name, '户籍在学区')
      assert.equal(B.home_id, '', 'no home without the fact')
      assert.equal((await again.locator(tid('app-status')).innerText()).trim(), '待审核')
      assert.equal((await again.locator(tid('app-tier')).innerText()).trim(), `第 3 类 · ${B.eligibility.tier_name}`)
      assert.equal(await again.locator(tid('app-returned')).count(), 0, 'the reason is gone once sent again')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  let run = null // the 派位 registered from the approved applications
  await test('报名审核 (staff): 通过 → 审核通过; a 派位 registered from the approved applications with typed seats', async () => {
    assert.ok(applied, 'the parent applied')
    await loginAs(STAFF_USER)
    await page.locator(tid('nav-review')).click()
    await page.locator(tid('review-open-' + applied.id)).click()
    const detail = page.locator(`${tid('review-detail')}[data-id="${applied.id}"]`)
    await detail.locator(tid('app-tier'), { hasText: '第 3 类' }).waitFor()
    await detail.locator(tid('review-approve')).click()
    const answer = apiAnswer('POST', `/api/v1/enroll/applications/${applied.id}/review`)
    await page.locator('.el-message-box__btns .el-button--primary').click()
    assert.equal((await answer).status(), 200, 'approved')
    await page.locator(`${tid('review-detail')}[data-status="approved"]`).waitFor()
    assert.equal((await page.locator(tid('review-detail-status')).innerText()).trim(), '审核通过')
    assert.equal(await page.locator(tid('review-approve')).count(), 0, 'reviewed once')
    const Q = await queueOf()
    assert.equal(Q.items.find((a) => a.id === applied.id).status, 'approved')
    await page.locator(tid('review-tab-count-approved'), { hasText: String(Q.counts.approved) }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator(tid('review-detail')).waitFor({ state: 'hidden' })

    // the approved applications of the year at the school, and a run from them with 10 seats
    const approved = (await queueOf(`?year=${Q.year}&status=approved&school_id=${APPLY_SCHOOL}&limit=1000`)).items
    const withTier = approved.filter((a) => a.eligibility && a.eligibility.tier !== null)
    const panel = page.locator(tid('review-run'))
    const schoolRow = panel.locator(tid('review-run-table') + ' tbody tr', { hasText: APPLY_SCHOOL })
    await schoolRow.waitFor()
    assert.equal(digits((await schoolRow.locator('td').nth(1).innerText())), approved.length, 'approved at the school')
    assert.equal(digits((await schoolRow.locator('td').nth(2).innerText())), approved.length - withTier.length, 'without a tier')
    await schoolRow.locator(inp('review-run-seats-' + APPLY_SCHOOL)).fill('10')
    await panel.locator(inp('review-run-title')).fill('端到端测试：网上报名派位')
    const posted = apiAnswer('POST', '/api/v1/enroll/runs')
    await panel.locator(tid('review-run-submit')).click()
    const res = await posted
    assert.equal(res.status(), 201, 'registered')
    const created = await res.json()
    run = created.run
    assert.equal((await panel.locator(tid('review-run-id')).innerText()).trim(), run.id)
    assert.equal((await panel.locator(tid('review-run-digest')).innerText()).trim(), run.applicants_sha256)
    assert.equal(run.applicant_count, withTier.length, 'the approved applications with a tier are the applicants')
    assert.equal(created.without_tier, approved.length - withTier.length)
    if (created.without_tier) assert.ok((await panel.locator(tid('review-run-without-tier')).innerText()).includes(`${created.without_tier} 名审核通过但无类别`))
    const R = (await getJson('/api/v1/enroll/runs/' + run.id)).body
    assert.equal(R.run.status, 'registered')
    assert.equal(await panel.locator(tid('review-run-link')).getAttribute('href'), '#/enroll/runs')
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
    await shot('application-review')
  })

  await test('网上报名 (parent): after the 派位 is drawn and published, the lottery number is sha256(seed:id) and the result as the API', async () => {
    assert.ok(run && applied, 'a run holds the parent\'s application')
    const seed = '2027abcd'
    assert.equal((await sendJson('POST', `/api/v1/enroll/runs/${run.id}/draw`, { seed })).status, 200, 'drawn (as staff)')
    assert.equal((await sendJson('POST', `/api/v1/enroll/runs/${run.id}/publish`, {})).status, 200, 'published')
    try {
      await loginAs(PARENT_USER)
      await page.locator(tid('nav-apply')).click()
      const A = await myApplication(applied.id)
      assert.equal(A.results.length, 1, 'one published run holds it')
      const r = A.results[0]
      assert.equal(r.lottery_number, crypto.createHash('sha256').update(`${seed}:${applied.id}`, 'utf8').digest('hex'))
      const box = page.locator(`${tid('app-card')}[data-id="${applied.id}"] ${tid('app-result')}[data-run="${run.id}"]`)
      await box.waitFor()
      assert.equal((await box.locator(tid('app-lottery-number')).innerText()).trim(), r.lottery_number)
      assert.equal((await box.locator(tid('app-lottery-check')).innerText()).trim(), `printf '%s' '${seed}:${applied.id}' | sha256sum`)
      // the school by its name (`school_names` of the answer) and code
      const names = (await getJson('/api/v1/my/applications')).body.school_names
      assert.ok(names[r.school_id], `school_names names ${r.school_id}`)
      const school = `${names[r.school_id]}（${r.school_id}）`
      const outcome = (await box.locator(tid('app-result-outcome')).innerText()).trim()
      if (r.admitted) assert.equal(outcome, `录取：${school}`)
      else assert.equal(outcome, `${school} 候补第 ${r.waitlist_place} 位`)
      await shot('application-result')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  // 入学通知书 and 报到: staff issue the notices of that published run, the parent sees the
  // notice and downloads the PDF, anyone checks the 查验码 without logging in, the school registers the 报到.
  let notice = null // the parent's notice as GET /enroll/notices?run= lists it
  const noticesOf = async (query = '') => (await getJson('/api/v1/enroll/notices' + query)).body
  // waits until the digits of `sel` read `n` (a count shown once the list has loaded)
  const countIs = (sel, n) =>
    page.waitForFunction(([s, v]) => (document.querySelector(s)?.textContent || '').replace(/\D/g, '') === v, [sel, String(n)])
  const REPORT_TIME = '8 月 28 日上午 8:00–11:00'
  const REPORT_NOTE = '请携带户口簿、房产证明原件'
  await test('入学通知书 (staff): 签发 on 电脑派位 for the published run with a 报到时间 and 须知 — the issued count as the API\'s notices of the run; again: 0 new', async () => {
    assert.ok(run && applied, 'a published run holds the parent\'s application')
    await loginAs(STAFF_USER)
    await page.locator(tid('nav-runs')).click()
    await page.locator(tid('runs-page')).waitFor()
    const button = page.locator(`${tid('issue-notices')}[data-run="${run.id}"]`)
    await button.waitFor()
    assert.equal((await button.innerText()).trim(), '签发入学通知书')
    // when and how to report, printed on every notice of this issue
    assert.equal(await page.locator(inp('notice-report-time')).getAttribute('placeholder'), REPORT_TIME)
    await page.locator(inp('notice-report-time')).fill(REPORT_TIME)
    await page.locator(inp('notice-report-note')).fill(REPORT_NOTE)
    await button.click()
    const answer = apiAnswer('POST', `/api/v1/enroll/runs/${run.id}/notices`)
    await page.locator('.el-message-box__btns .el-button--primary').click()
    const res = await answer
    assert.equal(res.status(), 200, 'issued')
    assert.deepEqual(JSON.parse(res.request().postData()), { report_time: REPORT_TIME, report_note: REPORT_NOTE }, 'the POST body')
    const body = await res.json()
    const panel = page.locator(`${tid('notices-issued')}[data-run="${run.id}"]`)
    await panel.waitFor()
    const N = await noticesOf('?run=' + run.id)
    assert.ok(N.items.length > 0, 'the run admitted someone')
    assert.equal(digits(await panel.locator(tid('notices-issued-count')).innerText()), N.items.length, 'shown = the API\'s notices of the run')
    assert.equal(body.issued, N.items.length)
    assert.equal(body.already, 0, 'first issue')
    assert.equal(digits(await panel.locator(tid('notices-already-count')).innerText()), 0)
    assert.equal(digits(await panel.locator(tid('notices-skipped-count')).innerText()), body.skipped.length)
    for (const s of body.skipped) await panel.locator(tid('notices-skipped'), { hasText: s.reason }).waitFor()
    assert.equal(N.counts.issued, N.items.length, 'all 已签发, none reported yet')
    assert.equal(N.counts.reported, 0)
    assert.equal(N.counts.revoked, 0)
    assert.ok(N.items.every((n) => n.report_time === REPORT_TIME && n.report_note === REPORT_NOTE), 'each notice of the issue carries the 报到时间 and 须知')
    assert.ok(body.items.every((n) => n.report_time === REPORT_TIME), 'the answer\'s notices too')
    notice = N.items.find((n) => n.application_id === applied.id)
    assert.ok(notice, 'the parent\'s application was placed by the run: it has a notice')
    assert.match(notice.code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'Crockford base32 XXXX-XXXX-XXXX')
    assert.equal(notice.status, 'issued')
    assert.ok(notice.child_name.includes('*') && notice.child_name !== APPLY_CHILD_NAME, `masked: ${notice.child_name}`)
    assert.equal(await panel.locator(tid('notices-link')).getAttribute('href'), '#/enroll/notices?run=' + encodeURIComponent(run.id))
    // issuing again is harmless: nothing new, all counted as already issued
    const again = await sendJson('POST', `/api/v1/enroll/runs/${run.id}/notices`, {})
    assert.equal(again.status, 200)
    assert.equal(again.body.issued, 0)
    assert.equal(again.body.already, N.items.length)
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
    await shot('notices-issue')
  })

  await test('入学通知书 (parent): the notice with its 查验码 and status on the card; the PDF downloads (200, application/pdf, %PDF)', async () => {
    assert.ok(notice, 'a notice was issued for the parent\'s application')
    try {
      await loginAs(PARENT_USER)
      await page.locator(tid('nav-apply')).click()
      const A = await myApplication(applied.id)
      assert.ok(A.notice, 'GET /my/applications carries the notice')
      assert.equal(A.notice.code, notice.code)
      const block = page.locator(`${tid('app-card')}[data-id="${applied.id}"] ${tid('app-notice')}`)
      await block.waitFor()
      assert.equal((await block.locator(tid('app-notice-code')).innerText()).trim(), A.notice.code)
      assert.equal((await block.locator(tid('app-notice-status')).innerText()).trim(), '已签发（待报到）')
      assert.equal((await block.locator(tid('app-notice-school')).innerText()).trim(), A.notice.school_name || A.notice.school_id)
      assert.equal(await block.locator(tid('app-notice-fallback')).count(), A.notice.fallback ? 1 : 0, '兜底 note only for a fallback placement')
      assert.equal(A.notice.report_time, REPORT_TIME)
      assert.equal((await block.locator(tid('app-notice-report-time')).innerText()).trim(), REPORT_TIME)
      assert.equal((await block.locator(tid('app-notice-report-note')).innerText()).trim(), REPORT_NOTE)
      assert.equal(await block.locator(tid('app-notice-revoked')).count(), 0)
      const href = await block.locator(tid('notice-pdf')).getAttribute('href')
      assert.equal(href, A.notice.pdf)
      const download = (u) => page.evaluate(async (url) => {
        const r = await fetch(url, { credentials: 'include' })
        const bytes = new Uint8Array(await r.arrayBuffer())
        let bin = ''
        for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192))
        return { status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', head: bin.slice(0, 5), size: bytes.length, b64: btoa(bin) }
      }, u)
      const pdf = await download(href)
      assert.equal(pdf.status, 200, 'downloaded')
      assert.ok(pdf.type.startsWith('application/pdf'), pdf.type)
      assert.equal(pdf.head, '%PDF-', 'a PDF')
      assert.ok(pdf.disposition.includes(`notice-${applied.id}.pdf`), pdf.disposition)
      assert.ok(pdf.size > 500, `${pdf.size} bytes`)
      fs.writeFileSync(path.join(SHOTS, 'notice.pdf'), Buffer.from(pdf.b64, 'base64')) // kept beside the screenshots to look at
      // another family's application reads as "no notice"
      const other = applied.id.replace(/\d+$/, (n) => (n.endsWith('1') ? '2' : '1').padStart(n.length, '0'))
      assert.equal((await download(`/api/v1/my/applications/${other}/notice.pdf`)).status, 404, 'another family\'s notice: 404')
      await shot('notice-parent')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  await test('入学通知书查验 (public): logged out, /verify?code= shows 真实有效, the school and the masked name as the API; a wrong code the 404 message', async () => {
    assert.ok(notice, 'a notice was issued')
    await page.locator(tid('logout')).click()
    await page.locator(tid('login-page')).waitFor()
    loggedIn = false
    const link = page.locator(tid('login-verify-link'))
    assert.equal((await link.innerText()).trim(), '入学通知书查验')
    assert.equal(await link.getAttribute('href'), '#/verify')
    // the plain address printed on the notice, the code typed in lower case without dashes
    const typed = notice.code.toLowerCase().replace(/-/g, '')
    await page.goto(BASE + '/verify?code=' + typed)
    const result = page.locator(tid('verify-result'))
    await result.waitFor()
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status), 401, 'nobody logged in')
    const V = await getJson('/api/v1/notices/verify?code=' + typed)
    assert.equal(V.status, 200)
    assert.equal(V.body.valid, true)
    assert.equal(V.body.notice.application_id, applied.id)
    assert.equal((await result.locator(tid('verify-valid')).innerText()).trim(), '真实有效')
    assert.equal((await result.locator(tid('verify-school')).innerText()).trim(), V.body.notice.school_name)
    assert.equal((await result.locator(tid('verify-name')).innerText()).trim(), V.body.notice.child_name)
    assert.ok(V.body.notice.child_name.includes('*') && V.body.notice.child_name !== APPLY_CHILD_NAME, 'masked')
    assert.equal((await result.locator(tid('verify-year')).innerText()).trim(), `${V.body.notice.year} 年秋季入学`)
    assert.equal((await result.locator(tid('verify-status')).innerText()).trim(), '已签发（待报到）')
    assert.ok(!(await page.locator(tid('verify-page')).innerText()).includes(APPLY_CHILD_NAME), 'the full name is not shown')
    await shot('notice-verify')
    // a code this system never issued: the server's 404 message
    const wrong = notice.code.startsWith('ZZZZ') ? 'YYYY-YYYY-YYYY' : 'ZZZZ-ZZZZ-ZZZZ'
    await page.locator(inp('verify-code')).fill(wrong)
    const answer = apiAnswer('GET', '/api/v1/notices/verify')
    await page.locator(tid('verify-submit')).click()
    const res = await answer
    assert.equal(res.status(), 404)
    const msg = (await res.json()).error
    assert.ok(msg.includes('不存在'), msg)
    await page.locator(tid('verify-error'), { hasText: msg }).waitFor()
    assert.equal(await page.locator(tid('verify-result')).count(), 0)
    // the code as copied from the PDF (full-width letters and dashes) is read as the code
    const fullWidth = notice.code.replace(/[-0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
    await page.locator(inp('verify-code')).fill(fullWidth)
    await page.locator(tid('verify-submit')).click()
    await result.locator(tid('verify-school'), { hasText: V.body.notice.school_name }).waitFor()
    assert.equal(await page.locator(tid('verify-error')).count(), 0)
  })

  await test('入学报到 (school): 登记报到 by the 查验码 (own school, else 403 and staff registers); 已报到, a second 报到 is 409', async () => {
    assert.ok(notice, 'a notice was issued')
    try {
      const me = await loginAs(SCHOOL_USER)
      assert.equal(me.role, 'school_admin')
      await page.locator(tid('nav-notices')).click()
      await page.locator(tid('notices-page')).waitFor()
      const L = await noticesOf()
      assert.ok(L.items.every((n) => n.school_id === me.school_code), 'a school sees only its own notices')
      await countIs(tid('notices-tab-count-issued'), L.counts.issued)
      await countIs(tid('notices-tab-count-reported'), L.counts.reported)
      await countIs(tid('notices-tab-count-all'), L.counts.issued + L.counts.reported)
      await page.locator(tid('notices-table') + ' .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
      assert.equal(await page.locator(tid('notices-table') + ' tbody tr').count(), Math.min(50, L.counts.issued), 'the 待报到 tab lists the issued ones')
      assert.equal(await page.locator(`${tid('notices-table')} [data-testid^="notice-revoke-"]`).count(), 0, 'a school cannot 撤销')
      const submit = async (code) => {
        await page.locator(inp('report-code')).fill(code)
        const answer = apiAnswer('POST', `/api/v1/enroll/notices/${code}/report`)
        await page.locator(tid('report-submit')).click()
        return answer
      }
      let reporter = SCHOOL_USER
      if (notice.school_id !== me.school_code) {
        const refused = await submit(notice.code)
        assert.equal(refused.status(), 403, 'another school\'s child')
        const msg = (await refused.json()).error
        await page.locator(tid('report-error'), { hasText: msg }).waitFor()
        reporter = STAFF_USER
        await loginAs(STAFF_USER)
        await page.locator(tid('nav-notices')).click()
        await page.locator(tid('notices-page')).waitFor()
      } else {
        assert.equal(await page.locator(tid('notice-report-' + applied.id)).count(), 1, 'the parent\'s child is listed with a 报到 button')
      }
      const res = await submit(notice.code)
      assert.equal(res.status(), 200, 'registered')
      const done = await res.json()
      assert.equal(done.status, 'reported')
      await page.locator(tid('report-ok')).waitFor()
      const after = (await noticesOf('?run=' + run.id)).items.find((n) => n.application_id === applied.id)
      assert.equal(after.status, 'reported')
      assert.equal(after.reported_by, reporter)
      assert.ok(after.reported_at, 'a time')
      // the 已报到 tab shows it, without a 报到 button
      await page.locator(tid('notices-tab-reported')).click()
      const row = page.locator(tid('notices-table') + ' tbody tr', { has: page.locator(tid('notice-row-' + applied.id)) })
      await row.waitFor()
      assert.equal((await row.locator(tid('notice-row-status')).innerText()).trim(), '已报到')
      assert.equal(await row.locator(tid('notice-report-' + applied.id)).count(), 0)
      // a second 报到: 409 with the time it was registered
      const again = await submit(notice.code)
      assert.equal(again.status(), 409, 'already registered')
      const msg = (await again.json()).error
      assert.ok(msg.includes('已于'), msg)
      await page.locator(tid('report-error'), { hasText: msg }).waitFor()
      const V = await getJson('/api/v1/notices/verify?code=' + notice.code)
      assert.equal(V.body.notice.status, 'reported', 'the public check says 已报到 too')
      await countIs(tid('notices-tab-count-reported'), (await noticesOf()).counts.reported)
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('notices-report')
      // the 报到 button of a row (another child still waiting), after a confirmation
      await page.locator(tid('notices-tab-issued')).click()
      const waiting = (await noticesOf('?status=issued')).items[0]
      if (waiting) {
        await page.locator(tid('notice-report-' + waiting.application_id)).click()
        const answer = apiAnswer('POST', `/api/v1/enroll/notices/${waiting.code}/report`)
        await page.locator('.el-message-box__btns .el-button--primary').click()
        assert.equal((await answer).status(), 200)
        await page.locator(tid('notice-row-' + waiting.application_id)).waitFor({ state: 'detached' })
      }
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  }, { needsLogin: false })

  await test('入学报到 (auditor): read-only — no 登记报到, no 报到 buttons; the audit log has enroll.notices.issue and enroll.notice.report', async () => {
    assert.ok(notice && run, 'a notice was issued')
    try {
      await loginAs(AUDITOR_USER)
      await page.locator(tid('nav-notices')).click()
      await page.locator(tid('notices-readonly')).waitFor()
      const L = await noticesOf()
      await countIs(tid('notices-tab-count-issued'), L.counts.issued)
      await countIs(tid('notices-tab-count-reported'), L.counts.reported)
      assert.equal(await page.locator(tid('report-panel')).count(), 0, 'no 登记报到')
      assert.equal(await page.locator(`${tid('notices-table')} [data-testid^="notice-report-"]`).count(), 0, 'no 报到 buttons')
      assert.equal(await page.locator(`${tid('notices-table')} [data-testid^="notice-revoke-"]`).count(), 0, 'no 撤销 buttons')
      await loginAs(USER)
      const audit = (await getJson('/api/v1/audit?limit=1000')).body
      assert.equal(audit.chain_ok, true)
      const issues = audit.items.filter((e) => e.action === 'enroll.notices.issue' && e.target === run.id)
      assert.equal(issues.length, 2, 'both issues of the run are audited')
      assert.ok(issues.every((e) => e.actor === STAFF_USER))
      assert.ok(issues.some((e) => e.detail.issued > 0) && issues.some((e) => e.detail.issued === 0), JSON.stringify(issues.map((e) => e.detail)))
      const reports = audit.items.filter((e) => e.action === 'enroll.notice.report' && e.target === applied.id)
      assert.equal(reports.length, 1, 'the 报到 is audited once (the refused second one is not a change)')
      assert.equal(reports[0].detail.run, run.id)
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  await test('入学通知书 撤销 (staff): a waiting notice revoked with a reason (none: blocked), listed under 已撤销 with it; the public check says 已撤销 (invalid); a reported notice has no 撤销 (409 学籍)', async () => {
    assert.ok(notice && run, 'a notice was issued')
    const REASON = '核查发现房产证明不实，学位收回统筹安排'
    try {
      await loginAs(STAFF_USER)
      const target = (await noticesOf('?status=issued')).items.find((n) => n.application_id !== applied.id)
      assert.ok(target, 'a notice still waiting (the parent\'s one is reported)')
      await page.locator(tid('nav-notices')).click()
      await page.locator(tid('notices-page')).waitFor()
      await page.locator(tid('notices-table') + ' .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
      const revokeBtn = page.locator(tid('notice-revoke-' + target.application_id))
      assert.equal((await revokeBtn.innerText()).trim(), '撤销')
      await revokeBtn.click()
      const dialog = page.locator(tid('revoke-dialog'))
      await dialog.waitFor()
      // no reason: the dialog says so and sends nothing
      let sent = 0
      const count = (req) => { if (req.url().includes('/revoke')) sent++ }
      page.on('request', count)
      await page.locator(tid('revoke-submit')).click()
      await page.locator(tid('revoke-error'), { hasText: '请填写撤销原因' }).waitFor()
      page.off('request', count)
      assert.equal(sent, 0, 'no request without a reason')
      await page.locator(`textarea${tid('revoke-reason')}, ${tid('revoke-reason')} textarea`).fill(REASON)
      const answer = apiAnswer('POST', `/api/v1/enroll/notices/${target.code}/revoke`)
      await page.locator(tid('revoke-submit')).click()
      const res = await answer
      assert.equal(res.status(), 200, 'revoked')
      const done = await res.json()
      assert.equal(done.status, 'revoked')
      assert.equal(done.status_zh, '已撤销')
      assert.equal(done.revoke_reason, REASON)
      assert.equal(done.revoked_by, STAFF_USER)
      await dialog.waitFor({ state: 'detached' })
      await page.locator(tid('notice-row-' + target.application_id)).waitFor({ state: 'detached' })
      // the 已撤销 tab: its count as the API, the row with its status and reason
      const R = await noticesOf('?status=revoked')
      assert.ok(R.items.some((n) => n.application_id === target.application_id && n.revoke_reason === REASON && n.revoked_at), 'listed by the API as revoked')
      await countIs(tid('notices-tab-count-revoked'), R.counts.revoked)
      await countIs(tid('notices-tab-count-all'), R.counts.issued + R.counts.reported + R.counts.revoked)
      await page.locator(tid('notices-tab-revoked')).click()
      const row = page.locator(tid('notices-table') + ' tbody tr', { has: page.locator(tid('notice-row-' + target.application_id)) })
      await row.waitFor()
      assert.equal((await row.locator(tid('notice-row-status')).innerText()).trim(), '已撤销')
      assert.equal((await row.locator(tid('notice-row-reason')).innerText()).trim(), '原因：' + REASON)
      assert.equal(await row.locator('[data-testid^="notice-report-"], [data-testid^="notice-revoke-"]').count(), 0, 'no actions on a revoked notice')
      await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 }).catch(() => {})
      await shot('notices-revoke')
      // again: 409; 报到 on it: 409
      const again = await sendJson('POST', `/api/v1/enroll/notices/${target.code}/revoke`, { reason: REASON })
      assert.equal(again.status, 409, 'already revoked')
      assert.equal((await sendJson('POST', `/api/v1/enroll/notices/${target.code}/report`, {})).status, 409, 'a revoked notice cannot be reported')
      // the reported notice: no 撤销 in the 已报到 tab, and the API refuses (a change after 报到 goes through 学籍)
      await page.locator(tid('notices-tab-reported')).click()
      await page.locator(tid('notice-row-' + applied.id)).waitFor()
      assert.equal(await page.locator(tid('notice-revoke-' + applied.id)).count(), 0, 'no 撤销 on a reported notice')
      const refused = await sendJson('POST', `/api/v1/enroll/notices/${notice.code}/revoke`, { reason: REASON })
      assert.equal(refused.status, 409, 'a reported notice cannot be revoked')
      assert.ok(refused.body.error.includes('学籍'), refused.body.error)
      // the public check of the revoked code, logged out: 已撤销, not 真实有效
      await page.locator(tid('logout')).click()
      await page.locator(tid('login-page')).waitFor()
      await page.goto(BASE + '/verify?code=' + target.code)
      const result = page.locator(tid('verify-result'))
      await result.waitFor()
      const V = await getJson('/api/v1/notices/verify?code=' + target.code)
      assert.equal(V.status, 200)
      assert.equal(V.body.valid, false, 'a revoked notice is not valid')
      assert.equal(V.body.notice.status, 'revoked')
      assert.equal(await result.getAttribute('data-valid'), 'false')
      assert.equal(await result.locator(tid('verify-valid')).count(), 0, 'not shown as 真实有效')
      assert.equal((await result.locator(tid('verify-invalid')).innerText()).trim(), '已撤销：通知书无效')
      assert.equal((await result.locator(tid('verify-status')).innerText()).trim(), '已撤销')
      assert.ok(!(await page.locator(tid('verify-page')).innerText()).includes('真实有效'))
      assert.equal(await result.evaluate((el) => getComputedStyle(el.querySelector('[data-testid="verify-invalid"]')).color), 'rgb(185, 28, 28)', 'in red')
      await shot('notice-verify-revoked')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
      if (!loggedIn) {
        await loginAs(USER)
        loggedIn = true
      }
    }
  }, { needsLogin: false })

  await test('报名审核 (auditor): read-only — masked names as the API, no 通过/退回, no 派位 registration', async () => {
    try {
      await loginAs(AUDITOR_USER)
      await page.locator(tid('nav-review')).click()
      await page.locator(tid('review-readonly')).waitFor()
      const Q = await queueOf('?status=submitted')
      await page.locator(tid('review-table') + ' tbody tr').first().waitFor()
      const names = (await page.locator(tid('review-table') + ' tbody tr td:nth-child(2)').allInnerTexts()).map((x) => x.trim())
      assert.deepEqual(names, Q.items.slice(0, 50).map((a) => a.child_name))
      assert.ok(names.every((n) => n.includes('*')), `masked: ${names}`)
      await page.locator(tid('review-open-' + Q.items[0].id)).click()
      await page.locator(`${tid('review-detail')}[data-id="${Q.items[0].id}"]`).waitFor()
      assert.equal(await page.locator(tid('review-approve')).count() + (await page.locator(tid('review-return')).count()), 0, 'no review buttons')
      assert.equal(await page.locator(tid('review-run')).count(), 0, 'no run registration')
      await page.keyboard.press('Escape')
    } finally {
      loggedIn = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)) === 200
    }
  })

  await test('我的孩子 (parent2): the 中考 section shows the result, the scores and each choice\'s reason as the API, no 位次', async () => {
    try {
      await loginAs(PARENT2_USER)
      await page.locator(tid('nav-children')).click()
      const kids = (await getJson('/api/v1/my/children')).body.items
      const child = kids.find((c) => c.student_no && c.grade === 9)
      assert.ok(child, 'parent2 has a 九年级 child')
      const open = page.locator(tid('child-dev-open-' + child.student_no))
      if (await open.count()) await open.click()
      const section = page.locator(tid('child-admission'))
      await section.waitFor()
      const A = (await getJson('/api/v1/my/children/' + encodeURIComponent(child.student_no) + '/admission')).body
      assert.ok(A.rounds.length >= 1, 'a published round')
      assert.equal(await section.locator(tid('child-admission-round')).count(), A.rounds.length)
      const R = A.rounds[0]
      const round = section.locator(`${tid('child-admission-round')}[data-round="${R.round.id}"]`)
      const result = (await round.locator(tid('child-admission-result')).innerText()).replace(/\s+/g, ' ').trim()
      if (R.admission.hs_id) {
        assert.ok(result.includes(R.high_schools[R.admission.hs_id]), result)
        assert.ok(result.includes(`第 ${R.admission.choice_rank} 志愿`) && result.includes(R.admission.batch === 'quota' ? '名额分配' : '统一招生'), result)
      } else assert.equal(result, '未被录取')
      assert.equal((await round.locator(`[data-score="total"] ${tid('child-admission-score')}`).innerText()).trim(), String(R.admission.scores.total))
      assert.equal((await round.locator('[data-score="total"]').innerText()).split('\n')[0].trim(), '总分')
      const labels = (await round.locator(tid('child-admission-scores') + ' .score-label').allInnerTexts()).map((x) => x.trim())
      assert.equal(labels.length, Object.keys(R.admission.scores).length)
      assert.ok(labels.every((l) => /^[\u4e00-\u9fff]+$/.test(l)), `Chinese labels: ${labels}`)
      // each batch's choices, the school by name and the reason of each one not admitted
      for (const b of R.admission.batches) {
        const rows = round.locator(`${tid('child-admission-batch')}[data-batch="${b.batch}"] tbody tr`)
        assert.equal(await rows.count(), b.choices.length, `${b.batch}: one row per choice`)
        for (let i = 0; i < b.choices.length; i++) {
          const c = b.choices[i]
          const text = await rows.nth(i).innerText()
          assert.ok(text.includes(R.high_schools[c.hs_id] || c.hs_id) && text.includes(c.result), text)
          if (c.result === '未录取') assert.equal((await rows.nth(i).locator(tid('child-admission-reason')).innerText()).trim(), c.reason)
        }
      }
      const text = await section.innerText()
      assert.ok(!text.includes('位次'), 'no place in the order (位次)')
      assert.ok(!/\b[a-z]+_[a-z0-9_]+\b|\bquota\b|\bunified\b/.test(text), 'no raw keys')
      await section.scrollIntoViewIfNeeded()
      await shot('children-admission')
    } finally {
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  // The ranked application matched: the parent applies for the next intake (2028, through the API: the form
  // takes the coming intake, which the child's 2027 application holds) ranking A then B; staff approve it and
  // register a match run from the approved ranked applications of 2028 on the 电脑派位 page, A with no seats and
  // B with one; drawn and published there. The parent's card: 第 2 志愿 B 录取, A 该校本次无学位.
  await test('多校划片 (staff → parent): a match run from the approved ranked applications; the card shows 第 2 志愿 … 录取 and each choice explained', async () => {
    assert.ok(ranked, 'the schools of the ranked application')
    const { A, B } = ranked
    const year = 2028
    try {
      await loginAs(PARENT_USER)
      const sent = await sendJson('POST', '/api/v1/my/applications', {
        child_id_number: APPLY_CHILD_ID, child_name: APPLY_CHILD_NAME, prefs: [A.code, B.code], facts: { hukou_in_catchment: true }, year,
      })
      assert.equal(sent.status, 201, JSON.stringify(sent.body))
      const app = sent.body.application
      assert.deepEqual(app.prefs, [A.code, B.code])

      await loginAs(STAFF_USER)
      const review = await sendJson('POST', `/api/v1/enroll/applications/${app.id}/review`, { decision: 'approve', version: app.version })
      assert.equal(review.status, 200, 'approved')
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youjun-e2e-match-apps-'))
      const seats = path.join(dir, 'schools.csv')
      fs.writeFileSync(seats, `school_id,seats\n${A.code},0\n${B.code},1\n`, 'utf8')
      const title = '端到端测试：网上报名多校划片匹配'
      let run
      try {
        await page.locator(tid('nav-runs')).click()
        await page.locator(tid('runs-page')).waitFor()
        await page.locator(tid('run-method-match')).click()
        await page.locator(tid('run-source-applications')).click()
        await page.locator(inp('run-app-year')).fill(String(year))
        await page.locator(inp('run-title')).fill(title)
        await page.locator(tid('run-seats') + ' input[type=file]').setInputFiles(seats)
        const posted = apiAnswer('POST', '/api/v1/enroll/runs')
        await page.locator(tid('run-submit')).click()
        const res = await posted
        assert.equal(res.status(), 201, 'registered')
        run = (await res.json()).run
        assert.equal(run.method, 'match')
        assert.equal(run.applicant_count, 1, 'the one approved ranked application of 2028')
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
      const row = page.locator(tid('run-table') + ' tbody tr', { hasText: title }).first()
      await row.locator(tid('run-draw')).click()
      const seed = '2028beef'
      await page.locator('.el-message-box__input input').fill(seed)
      const drawn = apiAnswer('POST', `/api/v1/enroll/runs/${run.id}/draw`)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await drawn).status(), 200, 'drawn')
      await row.locator(tid('run-publish')).click()
      const published = apiAnswer('POST', `/api/v1/enroll/runs/${run.id}/publish`)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await published).status(), 200, 'published')
      await row.locator(tid('run-status'), { hasText: '已公布' }).waitFor()
      const R = (await getJson('/api/v1/enroll/runs/' + run.id)).body.result
      assert.deepEqual(R.assignments, [{ student_id: app.id, school_id: B.code, choice_rank: 2 }])

      await loginAs(PARENT_USER)
      await page.locator(tid('nav-apply')).click()
      const mine = (await getJson('/api/v1/my/applications')).body.items.find((a) => a.id === app.id)
      const r = mine.results.find((x) => x.run_id === run.id)
      assert.equal(r.method, 'match')
      assert.equal(r.lottery_number, crypto.createHash('sha256').update(`${seed}:${app.id}`, 'utf8').digest('hex'))
      const box = page.locator(`${tid('app-card')}[data-id="${app.id}"] ${tid('app-result')}[data-run="${run.id}"][data-method="match"]`)
      await box.waitFor()
      assert.equal((await box.locator(tid('app-result-outcome')).innerText()).trim(), `第 2 志愿 ${B.name} 录取`)
      assert.equal((await box.locator(tid('app-lottery-number')).innerText()).trim(), r.lottery_number)
      assert.equal((await box.locator(tid('app-lottery-check')).innerText()).trim(), `printf '%s' '${seed}:${app.id}' | sha256sum`)
      const choices = box.locator(tid('match-choice'))
      assert.equal(await choices.count(), 2)
      assert.deepEqual(await choices.evaluateAll((li) => li.map((x) => x.dataset.result)), r.explanation.choices.map((c) => c.result))
      assert.deepEqual(r.explanation.choices.map((c) => c.result), ['no_seats', 'admitted'])
      const lines = (await choices.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim())
      assert.ok(lines[0].startsWith(`第 1 志愿 ${A.name}`) && lines[0].endsWith('该校本次无学位'), lines[0])
      assert.ok(lines[1].startsWith(`第 2 志愿 ${B.name}`) && lines[1].endsWith('录取'), lines[1])
      await box.scrollIntoViewIfNeeded()
      await shot('application-match-result')
    } finally {
      try {
        await loginAs(USER)
        loggedIn = true
      } catch {
        loggedIn = false
      }
    }
  })

  await test('switch to English and back to Chinese', async () => {
    await page.locator(tid('lang-en')).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Overview'), tid('nav-overview'))
    await page.locator(tid('nav-overview')).click()
    await page.locator(tid('overview-chart') + ' canvas').first().waitFor()
    await shot('overview-english')
    await page.locator(tid('lang-zh-CN')).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('总览'), tid('nav-overview'))
  })

  await test('log out', async () => {
    await page.locator(tid('logout')).click()
    await page.locator(tid('login-page')).waitFor()
    // the session is gone: a protected page sends us back to the login page
    await page.goto(BASE + '/#/overview')
    await page.locator(tid('login-page')).waitFor()
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).status)
    assert.equal(me, 401, 'GET /api/v1/auth/me after logout answers 401')
    await shot('logged-out')
  })
} finally {
  await browser.close().catch(() => {})
  finish()
}
