import { initAll } from './govuk-frontend.min.js'

initAll()

// A background job's page asks how the job is getting on every two seconds, shows the step
// reached, and reloads itself once the job is ready or has failed. (Without script, the page
// refreshes itself through a <noscript> meta refresh.)
const POLL_MS = 2000

function followJob (element) {
  const url = element.dataset.progressUrl
  const bar = element.querySelector('progress')
  const status = element.querySelector('[data-progress-status]')
  const done = element.querySelector('[data-progress-done]')
  const total = element.querySelector('[data-progress-total]')
  async function poll () {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) return setTimeout(poll, POLL_MS * 2)
      const job = await response.json()
      if (job.state === 'done' || job.state === 'failed') return window.location.reload()
      bar.max = job.total
      bar.value = job.done
      bar.textContent = `${job.done} of ${job.total}`
      done.textContent = job.done
      total.textContent = job.total
      const text = `${job.label}: ${job.step}`
      if (status.textContent !== text) status.textContent = text
    } catch (error) {
      return setTimeout(poll, POLL_MS * 2)
    }
    setTimeout(poll, POLL_MS)
  }
  setTimeout(poll, POLL_MS)
}

document.querySelectorAll('[data-module="app-job-progress"]').forEach(followJob)
