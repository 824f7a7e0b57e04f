// The page's CJK font, served by this app (never from the network): @fontsource/noto-sans-sc's
// 400-weight subsets. The browser fetches only the subsets whose unicode-range the page uses, so
// a clerk's machine without a Chinese system font (some Linux desktops) still shows text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let dir: string | undefined | null;
function fontDir(): string | undefined {
  if (dir !== undefined) return dir ?? undefined;
  try {
    const req = createRequire(import.meta.url);
    dir = dirname(req.resolve('@fontsource/noto-sans-sc/400.css'));
  } catch {
    dir = null; // not installed: the page falls back to system fonts
  }
  return dir ?? undefined;
}

let css: string | undefined;
/** The @font-face rules with URLs under /fonts/ (woff2 only). Empty when the package is absent. */
export function fontCss(): string {
  if (css !== undefined) return css;
  const d = fontDir();
  css = d
    ? readFileSync(join(d, '400.css'), 'utf8')
        .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\),\s*url\([^)]+\) format\('woff'\)/g, "url(/fonts/$1) format('woff2')")
        .replace(/\/\*[^*]*\*\//g, '')
    : '';
  return css;
}

const NAME = /^noto-sans-sc-[a-z0-9]+-400-normal\.woff2$/;
/** A font file by its exact name (whitelisted pattern: no path from the request reaches the disk). */
export function fontFile(name: string): Buffer | undefined {
  const d = fontDir();
  if (!d || !NAME.test(name)) return undefined;
  try {
    return readFileSync(join(d, 'files', name));
  } catch {
    return undefined;
  }
}
