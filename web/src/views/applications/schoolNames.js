// Names of the schools applications name, for staff pages (GET /schools/{code}, one request per code, kept
// for the session). A code the user may not read, or an unknown one, stays without a name.
import { reactive } from 'vue'
import { api } from '../../api.js'

export const schoolNames = reactive({})
const asked = new Set()

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
