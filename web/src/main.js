import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
// Styles of the services called from script (the template components bring their own CSS).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n } from './i18n/index.js'
import { vLoading } from 'element-plus'
import 'element-plus/es/components/loading/style/css'

createApp(App).use(i18n).use(router).directive('loading', vLoading).mount('#app')
