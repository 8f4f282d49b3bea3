// The load / loading / error pattern of the read-only views: `data` holds the last answer, `error` the
// Chinese message of the last failure; `load()` runs again on refresh. Loads once when mounted.
import { onMounted, ref } from 'vue'
import { errorText } from './util.js'

export function useLoader(fetcher) {
  const loading = ref(true)
  const error = ref('')
  const data = ref(null)
  async function load() {
    loading.value = true
    error.value = ''
    try {
      data.value = await fetcher()
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)
  return { loading, error, data, load }
}
