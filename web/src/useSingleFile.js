// One file chosen with <el-upload :auto-upload="false" :limit="1">: `file` is the File, `fileList` what the picker
// shows. A second file chosen replaces the first (the picker's limit would refuse it). `onPick` runs whenever a
// file is chosen, e.g. to clear the last answer's messages.
import { ref } from 'vue'

export function useSingleFile(onPick = () => {}) {
  const file = ref(null)
  const fileList = ref([])
  function pick(uploadFile, uploadFiles) {
    file.value = uploadFile.raw
    fileList.value = uploadFiles.slice(-1)
    onPick()
  }
  function unpick() {
    file.value = null
    fileList.value = []
  }
  function exceed(files) {
    const f = files[0]
    if (!f) return
    file.value = f
    fileList.value = [{ name: f.name, size: f.size, raw: f, status: 'ready', uid: Date.now() }]
    onPick()
  }
  return { file, fileList, pick, unpick, exceed }
}
