import { readFileSync } from 'node:fs';
import type { Scorecard } from '@fazhi/core';
import type { RubricLike } from '../src/index.js';

const fx = (n: string) => new URL(`./fixtures/${n}`, import.meta.url);
export const fixtureText = () => readFileSync(fx('qingshui-2024.txt'), 'utf8');
export const fixtureCard = (): Scorecard => JSON.parse(readFileSync(fx('scorecard.json'), 'utf8'));
export const fixtureRubric = (): RubricLike => JSON.parse(readFileSync(fx('rubric.json'), 'utf8'));

export const EVIL = '</script><img src=x onerror=alert(1)>';
export const JS_URL = 'javascript:alert(document.domain)';

/** A report whose text, place and quotes carry markup, and a rubric whose titles do. */
export function evilCase() {
  const text = `${EVIL}镇2024年法治政府建设年度报告\n链接 ${JS_URL} 全年开展合法性审查52件${EVIL}。\n<style>body{display:none}</style>{{constructor}}`;
  const start = text.indexOf('全年开展');
  const quote = text.slice(start, text.indexOf('。', start));
  const card: Scorecard = fixtureCard();
  card.file = `${EVIL}.txt`;
  card.place = `${EVIL}镇`;
  card.indicators = card.indicators.slice(0, 2).map((i) => ({
    ...i,
    title: `${EVIL}${JS_URL}`,
    valueText: EVIL,
    remedy: JS_URL,
    evidence: [{ quote, start, end: start + quote.length, line: 2, section: EVIL, modality: 'done' as const }],
  }));
  card.categories = card.categories.map((c) => ({ ...c, title: EVIL }));
  card.flags = [{ code: 'artefacts', severity: 'warn', message: EVIL, evidence: [] }];
  card.missing = [];
  card.review = [card.indicators[0]!.id];
  const loaded = fixtureRubric();
  loaded.rubric.title = `${JS_URL}${EVIL}`;
  for (const c of loaded.rubric.categories) for (const i of c.indicators) i.basis.text = EVIL;
  return { card, loaded, text };
}

