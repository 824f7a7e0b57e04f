import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DUPLICATE } from '../src/signals.js';
import { run } from './helpers.js';

const fixture = (n: string) => readFileSync(fileURLToPath(new URL(`./fixtures-dup/${n}`, import.meta.url)), 'utf8');
// Three reports of one county that share stock wording (the scorer's copy-detection fixtures).
const scorerFixture = (n: string) => readFileSync(fileURLToPath(new URL(`../../scorer/src/__fixtures__/${n}`, import.meta.url)), 'utf8');
const lines = (fs: ReturnType<typeof run>) => fs.signals.duplicateParagraphs.map((d) => [d.first.line, d.second.line]);

describe('duplicate paragraphs (signals.duplicateParagraphs)', () => {
  it('a paragraph repeated with light edits: both whole paragraphs quoted', () => {
    const text = fixture('dup-edited.txt');
    const fs = run(text);
    expect(lines(fs)).toEqual([[4, 6]]);
    const [pair] = fs.signals.duplicateParagraphs;
    expect(pair!.first.quote).toMatch(/^（一）化解矛盾纠纷。进一步整合各类法治资源.*97\.7%。$/);
    expect(pair!.second.quote).toMatch(/^（三）加强基层法治建设。进一步整合法治资源/);
    for (const d of fs.signals.duplicateParagraphs) for (const e of [d.first, d.second]) expect(text.slice(e.start, e.end)).toBe(e.quote);
  });

  it('one near-identical sentence is not enough when the copy is edited and the paragraphs are short', () => {
    const a = '（一）化解矛盾纠纷。今年以来，北河镇人民调解委员会累计排查各类矛盾纠纷87件，成功调解85件。';
    const b = '（二）基层治理。今年来，北河镇人民调解委员会共排查各类矛盾纠纷87件，调解成功85件。';
    expect(lines(run(`${a}\n${b}\n`))).toEqual([]);
  });

  it('an identical long sentence in two paragraphs is enough', () => {
    const s = '全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年公示执法信息86条。';
    expect(lines(run(`（一）规范执法。${s}\n（五）其他工作。${s}\n`))).toEqual([[1, 2]]);
  });

  it('reports that merely share stock wording have none', () => {
    for (const n of ['copy-a.txt', 'copy-b.txt', 'copy-c.txt']) expect(lines(run(scorerFixture(n))), n).toEqual([]);
  });

  it('digits do not hide a copy: the same template with new figures is still a duplicate', () => {
    const p = (n: number) =>
      `镇人民调解委员会累计排查各类矛盾纠纷${n}件，成功调解${n - 2}件，调解成功率保持较高水平，充分发挥了人民调解在基层社会治理中的第一道防线作用。`;
    expect(lines(run(`${p(120)}\n${p(165)}\n`))).toEqual([[1, 2]]);
  });

  it('stays linear on a pathological text (many identical sentences)', () => {
    const s = '严格落实重大行政决策合法性审查制度，确保决策程序合法、内容合法、结果合法。';
    const fs = run(Array.from({ length: 3000 }, (_, i) => `${i}、${s}`).join('\n'));
    expect(fs.signals.duplicateParagraphs.length).toBe(DUPLICATE.maxPairs);
  });
});
