// Compiles the Sass and copies the GOV.UK Frontend script and images into dhr/static/.
import { compile } from 'sass'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, 'dhr', 'static')
const frontend = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

for (const dir of ['css', 'js', 'images']) mkdirSync(join(out, dir), { recursive: true })

const css = compile(join(root, 'dhr', 'assets', 'app.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(join(out, 'css', 'app.css'), css.css)

cpSync(join(frontend, 'govuk-frontend.min.js'), join(out, 'js', 'govuk-frontend.min.js'))
cpSync(join(root, 'dhr', 'assets', 'app.mjs'), join(out, 'js', 'app.mjs'))
cpSync(join(root, 'dhr', 'assets', 'app-icon.svg'), join(out, 'images', 'app-icon.svg'))
console.log('assets built into dhr/static')
