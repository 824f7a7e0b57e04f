// Property tests over reader → extract → scorer together: random and mutated report text never
// throws, every evidence quote is verbatim (`text.slice(start, end) === quote`), and every score
// stays within [0, max]. Kept small (a few hundred cases) so the suite stays fast in CI.
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { makeReport } from '../bench/lib/gen.mjs';
import { C, R, X, S, pipelineReady, invariantProblems, toTraditional, swapWidth } from './fixtures/robust/helpers';

const GEN_AT = '2026-01-01T00:00:00.000Z';

type Mutation =
  | { op: 'insert'; at: number; line: string }
  | { op: 'delete'; at: number }
  | { op: 'dup'; at: number }
  | { op: 'numbers'; seed: number }
  | { op: 'trad' }
  | { op: 'width'; at: number; len: number }
  | { op: 'crlf' }
  | { op: 'cut'; at: number };

const noiseLine = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'一二三四五六七八九十百千万余近约%％。，、；：（）()件次场个率将拟未尚计划力争下一步成功调解纠纷述法法律顾问全覆盖村社区0123456789.'), maxLength: 60 }),
  fc.constantFrom('二、存在的不足和原因', '三、党政主要负责人履行推进法治建设第一责任人职责情况', '四、下一年度工作安排', '（一）', '一、', '\u202e', '\ufeff', '\u3000\u3000', ''),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: noiseLine }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('numbers' as const), seed: fc.nat() }),
  fc.constant({ op: 'trad' as const }),
  fc.record({ op: fc.constant('width' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }),
  fc.constant({ op: 'crlf' as const }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);

function apply(text: string, ms: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of ms) {
    const i = lines.length ? ('at' in m ? m.at % lines.length : 0) : 0;
    switch (m.op) {
      case 'insert':
        lines.splice(i, 0, m.line);
        break;
      case 'delete':
        if (lines.length > 1) lines.splice(i, 1);
        break;
      case 'dup':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'numbers': {
        let k = m.seed;
        const nums = ['0', '1', '99.9', '100', '101', '1000000', '３', '0.5', '12345678901234567890', '二十', '两万余', '-3'];
        lines = lines.map((l) => l.replace(/\d+(?:\.\d+)?/g, () => nums[k++ % nums.length]!));
        break;
      }
      case 'trad':
        lines = lines.map(toTraditional);
        break;
      case 'width': {
        const t = lines.join('\n');
        const a = m.at % (t.length + 1);
        lines = (t.slice(0, a) + swapWidth(t.slice(a, a + m.len)) + t.slice(a + m.len)).split('\n');
        break;
      }
      case 'crlf':
        lines = lines.join('\r\n').split('\n');
        break;
      case 'cut': {
        const t = lines.join('\n');
        lines = t.slice(0, Math.max(1, m.at % (t.length + 1))).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

// Skipped only while the pipeline's entry points have not landed yet (they are other issues).
describe.skipIf(!pipelineReady)('fuzz: reader → extract → scorer', () => {
  let run: (bytes: Uint8Array, name: string) => Promise<{ doc: { text: string }; facts: unknown; card: unknown }>;
  beforeAll(() => {
    const loaded = C.loadRubric('national');
    const extractor = X.compileExtractor(loaded);
    run = async (bytes, name) => {
      const doc = await R.readBuffer(bytes, name);
      const facts = X.extractFacts(doc, extractor);
      const card = S.scoreFacts(loaded, facts, { generatedAt: GEN_AT });
      return { doc, facts, card };
    };
  });

  it('mutated reports never throw, quote verbatim, and score within [0, max]', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5000 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (idx, ms) => {
        const text = apply(makeReport(7, idx, { targetBytes: 3000 }).text, ms);
        const { doc, facts, card } = await run(Buffer.from(text), `fuzz-${idx}.txt`);
        expect(doc.text.length).toBeGreaterThan(0);
        expect(invariantProblems(doc.text, facts, card)).toEqual([]);
      }),
      { numRuns: 80, seed: 424242 },
    );
  });

  it('UTF-16 (BOM) and CRLF variants keep evidence verbatim over the decoded text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5000 }), fc.boolean(), async (idx, crlf) => {
        let text = makeReport(11, idx, { targetBytes: 2500 }).text;
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        const { doc, facts, card } = await run(bytes, `u16-${idx}.txt`);
        expect(invariantProblems(doc.text, facts, card)).toEqual([]);
      }),
      { numRuns: 15, seed: 99 },
    );
  });

  it('arbitrary text never throws anything but a FazhiError with a code, and results keep the invariants', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.array(noiseLine, { maxLength: 30 }).map((a) => a.join('\n'))),
        async (text) => {
          let res;
          try {
            res = await run(Buffer.from(text), 'random.txt');
          } catch (e) {
            expect(e).toBeInstanceOf(C.FazhiError);
            expect((e as { code: string }).code).toMatch(/^E_[A-Z0-9_]+$/);
            return;
          }
          expect(invariantProblems(res.doc.text, res.facts, res.card)).toEqual([]);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });

  it('random bytes never crash the reader with anything but a FazhiError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('x.txt', 'x.html', 'x.docx', 'x.pdf', 'x.doc'), async (bytes, name) => {
        try {
          const { doc, facts, card } = await run(bytes, name);
          expect(invariantProblems(doc.text, facts, card)).toEqual([]);
        } catch (e) {
          expect(e).toBeInstanceOf(C.FazhiError);
        }
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});
