import { readBuffer, viewToOriginal } from '@fazhi/reader';
import { fingerprintText } from '@fazhi/scorer';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../src/index.js';
import { extractor } from './helpers.js';

// FactSet.fingerprints must be the very shingles the scorer's fingerprintText makes, so that a
// saved FactSet and a fresh fingerprint can be compared in a batch.
describe('FactSet.fingerprints', () => {
  it('equal the scorer fingerprint shingles of the same view', async () => {
    const text = '青峰乡2024年法治政府建设年度报告\n一、主要举措和成效\n全年调解矛盾纠纷１２８件，调解成功126件。\n（一）依法决策\n对23份合同开展合法性审查；法律顾问全程参与！\n';
    const doc = await readBuffer(new TextEncoder().encode(text), 'fp.txt');
    const fs = extractFacts(doc, extractor());
    const fp = fingerprintText(doc.view, (v) => viewToOriginal(doc, v), doc.text);
    expect(fs.fingerprints).toEqual(fp.shingles);
    expect(fs.fingerprints!.length).toBeGreaterThan(10);
  });
});
