import { describe, expect, it } from 'vitest';
import { readBuffer } from '../src/index.js';
import { looksHardWrapped } from '../src/layout.js';

// A report copied out of a PDF viewer into a .txt: every line cut at one width, mid-word.
const para =
  '2024年，今年以来，镇政府聘请常年法律顾问1名，全年审查合同15份，参与重大行政决策合法性审查8次，法律顾问列席镇党委会议6次，为镇村两级提供法律咨询120余人次。' +
  '镇人民调解委员会全年排查各类矛盾纠纷165件，成功调解162件，调解成功率98%，有效维护了社会和谐稳定。';
const wrap = (s: string, w: number) => s.match(new RegExp(`.{1,${w}}`, 'gu'))!.join('\n');
const wrapped = `青峰镇2024年法治政府建设年度报告\n一、主要举措和成效\n${wrap(para, 20)}\n${wrap(para.replace("165", "170"), 20)}\n二、存在的不足\n${wrap('部分村干部法治意识还不够强，运用法治思维和法治方式解决问题的能力有待提高，法治宣传教育的针对性还需加强。', 20)}\n`;

describe('hard-wrapped plain text', () => {
  it('is recognised, and its lines are joined in the view (a term cut by the wrap is whole again)', async () => {
    expect(looksHardWrapped(wrapped)).toBe(true);
    expect(wrapped).toMatch(/法律\n顾问|法\n律顾问|法律顾\n问/);
    const doc = await readBuffer(new TextEncoder().encode(wrapped), 'wrapped.txt');
    expect(doc.view).toContain('聘请常年法律顾问1名');
    expect(doc.view).toContain('成功调解162件');
    // headings stay on their own lines
    expect(doc.view.split('\n')).toContain('二、存在的不足');
    expect(doc.text).toBe(wrapped);
  });
  it('a normal text (one paragraph per line) and paragraphs cut at one width but separated by blank lines are not', () => {
    const normal = `青峰镇2024年法治政府建设年度报告\n${para}\n${para.replace('165', '170')}\n`.repeat(4);
    expect(looksHardWrapped(normal)).toBe(false);
    const cut = Array.from({ length: 10 }, (_, i) => `${i + 1}.${para.slice(i, i + 40)}`).join('\n\n');
    expect(looksHardWrapped(cut)).toBe(false);
  });
});
