// Names of the schools applications name. Staff pages ask GET /schools/{code} (one request per code, kept for
// the session); a code the user may not read, or an unknown one, stays without a name. Parents may not read
// schools: GET /my/applications names every school its items mention (`school_names`, kept in `givenNames`
// and preferred); while filling in the form, the names come from the 学区查询 answers (by coordinates or by
// address) the parent looked up, kept in localStorage for a school typed before it is in an application.
import { reactive } from 'vue'
import { api } from '../../api.js'

const KEY = 'youjun.schoolNames'
export const schoolNames = reactive({})
// {code: name} the server sent with the data shown (GET /my/applications `school_names`): preferred.
export const givenNames = reactive({})
const asked = new Set()
const remembered = {} // what rememberSchoolNames was given, as stored

try {
  const saved = JSON.parse(localStorage.getItem(KEY) || '{}')
  if (saved && typeof saved === 'object')
    for (const [code, name] of Object.entries(saved)) if (typeof name === 'string') schoolNames[code] = remembered[code] = name
} catch {
  /* storage disabled or spoiled: names come again from the next lookup */
}

export async function loadSchoolNames(codes) {
  const wanted = [...new Set(codes.filter((c) => c && !asked.has(c)))]
  wanted.forEach((c) => asked.add(c))
  await Promise.all(
    wanted.map(async (code) => {
      try {
        const r = await api.school(code)
        if (r && r.school && r.school.name) schoolNames[code] = r.school.name
      } catch {
        /* shown as the code */
      }
    }),
  )
}

// The `school_names` of an answer: the server's names win over remembered or looked-up ones.
export function setGivenNames(names) {
  for (const [code, name] of Object.entries(names || {})) if (code && typeof name === 'string' && name) givenNames[code] = name
}

// The name of a school code ('' when unknown): the server's, else one looked up or remembered.
export const nameOf = (code) => (code && (givenNames[code] || schoolNames[code])) || ''

// [{code, name}] of a 学区查询 answer: remembered for this browser (public facts: a school's name).
export function rememberSchoolNames(schools) {
  let changed = false
  for (const s of schools || []) {
    if (s && s.code && s.name && remembered[s.code] !== s.name) {
      schoolNames[s.code] = remembered[s.code] = s.name
      changed = true
    }
  }
  if (!changed) return
  try {
    localStorage.setItem(KEY, JSON.stringify(remembered))
  } catch {
    /* storage disabled: names last for this page */
  }
}

// "绍兴市越城区树人小学（3306023136）", or the code alone when the name is unknown.
export const schoolLabel = (code) => (nameOf(code) ? `${nameOf(code)}（${code}）` : code || '–')
