// The committed docs/rubrics/* must match what the built-in rubrics generate today. When this
// fails, regenerate: for each built-in id, `pnpm --silent fazhi rubric docs <id> --out docs/rubrics`,
// or without a build: `UPDATE_RUBRIC_DOCS=1 pnpm exec vitest run --project renderer rubric-docs-stale`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRubricIds, loadRubric } from '@fazhi/core';
import { renderRubricDocs, renderRubricIndex } from './rubric-docs.js';

const DOCS = fileURLToPath(new URL('../../../docs/rubrics/', import.meta.url));

describe('docs/rubrics is up to date with rubrics/*.yaml', () => {
  const ids = builtinRubricIds();
  it('has built-in rubrics to document', () => {
    expect(ids).toContain('national');
    expect(ids).toContain('township');
  });
  for (const id of ids) {
    it(`${id}: HTML and Markdown match a fresh generation`, () => {
      const { html, markdown } = renderRubricDocs(loadRubric(id));
      if (process.env.UPDATE_RUBRIC_DOCS) {
        mkdirSync(DOCS, { recursive: true });
        writeFileSync(join(DOCS, `${id}.md`), markdown);
        writeFileSync(join(DOCS, `${id}.html`), html);
      }
      const hint = `docs/rubrics/${id}.* is stale: run \`pnpm --silent fazhi rubric docs ${id} --out docs/rubrics\` (or UPDATE_RUBRIC_DOCS=1 vitest)`;
      expect(existsSync(join(DOCS, `${id}.md`)), hint).toBe(true);
      expect(readFileSync(join(DOCS, `${id}.md`), 'utf8'), hint).toBe(markdown);
      expect(readFileSync(join(DOCS, `${id}.html`), 'utf8'), hint).toBe(html);
    });
  }
  it('README.md lists every built-in rubric', () => {
    const index = renderRubricIndex(ids.map((id) => loadRubric(id)));
    if (process.env.UPDATE_RUBRIC_DOCS) writeFileSync(join(DOCS, 'README.md'), index);
    for (const id of ids) expect(index).toContain(`[HTML](${id}.html)`);
    expect(readFileSync(join(DOCS, 'README.md'), 'utf8'), 'docs/rubrics/README.md is stale (UPDATE_RUBRIC_DOCS=1 vitest)').toBe(index);
  });
  it('marks the proposals of the national rubric as 建议 and its official bases as 官方', () => {
    const { markdown } = renderRubricDocs(loadRubric('national'));
    const block = (id: string) => markdown.slice(markdown.indexOf(`<a id="${id}">`), markdown.indexOf('<a id=', markdown.indexOf(`<a id="${id}">`) + 5));
    // 专题研究法治建设: basis official: false (a county practice) → proposal.
    expect(block('leader-meetings')).toContain('建议（proposal）');
    // 行政执法三项制度: official basis (国办发〔2018〕118号), but its point map is a proposal.
    expect(block('three-systems')).toContain('（官方）');
    expect(block('three-systems')).toContain('建议阈值，非官方规定');
  });
});
