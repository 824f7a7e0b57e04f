// Handlebars templates, compiled once per process and cached. `strict: true` so a missing key is
// a bug that throws, never an empty cell. Report and rubric text only ever go through `{{ }}`;
// styles and scripts are static partials (no expressions), so no triple-stash is needed at all.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** Works from src/html/*.ts (tests), src/*.ts and dist/*.js: templates/ sits beside both. */
function templatesDir(): string {
  const candidates = [new URL('../templates/', import.meta.url), new URL('../../templates/', import.meta.url)];
  for (const c of candidates) {
    try {
      readdirSync(c);
      return fileURLToPath(c);
    } catch {
      /* try the next */
    }
  }
  throw new Error('renderer templates/ directory not found');
}

let hb: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const rawPartials = new Map<string, string>();

function env(): typeof Handlebars {
  if (hb) return hb;
  const h = Handlebars.create();
  const dir = templatesDir();
  for (const f of readdirSync(dir)) {
    const m = /^_(.+)\.hbs$/.exec(f);
    if (!m) continue;
    const src = readFileSync(dir + f, 'utf8');
    rawPartials.set(m[1]!, src);
    h.registerPartial(m[1]!, src);
  }
  h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb = h;
  return h;
}

export function template(name: string): Handlebars.TemplateDelegate {
  const h = env();
  let t = compiled.get(name);
  if (!t) {
    const src = readFileSync(templatesDir() + name + '.hbs', 'utf8');
    t = h.compile(src, { strict: true, preventIndent: true });
    compiled.set(name, t);
  }
  return t;
}

/** CSP source for a static script partial: `'sha256-…'` of exactly the text the page carries. */
export function scriptHash(partial: string): string {
  env();
  const src = rawPartials.get(partial);
  if (src === undefined) throw new Error(`no partial ${partial}`);
  return `'sha256-${createHash('sha256').update(src, 'utf8').digest('base64')}'`;
}

/** Inline JSON for a `<script type="application/json">` block: `<` can never close the tag. */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function csp(scriptPartials: string[]): string {
  const scripts = scriptPartials.map(scriptHash).join(' ');
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src ${scripts || "'none'"}; base-uri 'none'; form-action 'none'`;
}
