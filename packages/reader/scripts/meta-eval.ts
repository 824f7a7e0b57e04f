// Per-field accuracy of the reader's metadata against the gold labels of ../shared/corpus/{seeds,dev}.
// Usage (from packages/reader): pnpm run meta-eval [--verbose]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../src/index.js';

const root = process.env.FAZHI_CORPUS ?? join(import.meta.dirname ?? '.', '../../../../shared/corpus');
const verbose = process.argv.includes('--verbose');
const fields = ['place', 'issuer', 'admin_level', 'report_year', 'publish_date', 'script'] as const;
const T2S: Record<string, string> = { 龍: '龙', 門: '门', 鄉: '乡', 縣: '县', 鎮: '镇', 區: '区', 數: '数', 據: '据', 內: '内' };
const norm = (s: unknown) => (s == null ? null : String(s).replace(/./gu, (c) => T2S[c] ?? c).replace(/人民政府$/, '').trim());

async function main() {
  const ok: Record<string, number> = {};
  const n: Record<string, number> = {};
  for (const dir of ['seeds', 'dev']) {
    const d = join(root, dir);
    if (!existsSync(join(d, 'labels.json'))) continue;
    const labels = JSON.parse(readFileSync(join(d, 'labels.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [name, g] of Object.entries(labels)) {
      const doc = await readDocument(join(d, `${name}.txt`));
      const m = doc.meta;
      const got: Record<string, unknown> = {
        place: norm(m.place.value), issuer: m.issuer.value, admin_level: m.adminLevel.value,
        report_year: m.reportYear.value, publish_date: m.publishDate.value, script: m.script,
      };
      const want: Record<string, unknown> = { ...g, place: norm(g.place), publish_date: g.publish_date == null ? null : String(g.publish_date).slice(0, 10) };
      for (const f of fields) {
        n[f] = (n[f] ?? 0) + 1;
        const a = got[f] ?? null;
        const b = want[f] ?? null;
        if (String(a) === String(b)) ok[f] = (ok[f] ?? 0) + 1;
        else if (verbose) console.log(`${name} ${f}: got ${JSON.stringify(a)} want ${JSON.stringify(b)}`);
      }
    }
  }
  let tot = 0;
  let totN = 0;
  for (const f of fields) {
    console.log(`${f.padEnd(14)} ${((100 * (ok[f] ?? 0)) / (n[f] ?? 1)).toFixed(1).padStart(5)}%  (${ok[f] ?? 0}/${n[f] ?? 0})`);
    tot += ok[f] ?? 0;
    totN += n[f] ?? 0;
  }
  console.log(`${'all'.padEnd(14)} ${((100 * tot) / totN).toFixed(1).padStart(5)}%  (${tot}/${totN})`);
}
await main();
