import { initAll } from './govuk-frontend.min.js'

initAll()

// A radio that reveals questions says so through aria-controls. GOV.UK Frontend also marks it
// aria-expanded, which ARIA does not allow on a radio (axe-core reports it as a critical
// violation), so the attribute is taken off again each time Frontend sets it.
function dropRadioExpanded () {
  document.querySelectorAll('input[type="radio"][aria-expanded]').forEach((radio) => radio.removeAttribute('aria-expanded'))
}
dropRadioExpanded()
document.addEventListener('click', dropRadioExpanded)
window.addEventListener('pageshow', dropRadioExpanded)

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

// An item's similar learning comes from a page of its own (a search that can take a second on a
// national index); the item's page fetches that page and shows its results in place. Without
// script, or if the fetch fails, the link to that page stays.
async function showSimilar (element) {
  const results = element.querySelector('[data-similar-results]')
  const placeholder = element.querySelector('[data-similar-placeholder]')
  placeholder.insertAdjacentHTML('beforeend', ' <span class="govuk-body-s">(finding them…)</span>')
  try {
    const response = await fetch(element.dataset.similarUrl, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
    if (!response.ok) throw new Error(`similar learning answered ${response.status}`)
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    const found = page.querySelector('.app-similar-results')
    if (!found) throw new Error('similar learning page had no results')
    results.replaceChildren(document.importNode(found, true))
    placeholder.remove()
  } catch (error) {
    placeholder.querySelector('span')?.remove()
  }
}

document.querySelectorAll('[data-module="app-similar"]').forEach(showSimilar)
