import { describe, expect, it } from 'vitest';
import { modalityAt, spanAround } from '../src/modality.js';

const at = (s: string, term: string, kinds: ('next_year' | 'shortcomings' | 'measures')[] = []) => {
  const i = s.indexOf(term);
  return modalityAt(s, i, i + term.length, kinds).modality;
};

describe('modalityAt', () => {
  it.each([
    ['全年开展述法评议2次。', '述法', 'done'],
    ['下一步，我镇将组织开展述法评议。', '述法', 'planned'],
    ['将进一步规范法律顾问工作。', '法律顾问', 'planned'],
    ['拟聘请专业律师担任法律顾问。', '法律顾问', 'planned'],
    ['拟定了法律顾问工作规则。', '法律顾问', 'done'],
    ['计划于明年实现法律顾问全覆盖。', '法律顾问', 'planned'],
    ['力争调解成功率达到99%。', '调解成功率', 'planned'],
    ['确保调解成功率达到98%以上。', '调解成功率', 'planned'],
    ['将述法情况纳入年度考核。', '述法', 'done'],
    ['将履职情况全面纳入年终述职，同步述法。', '述法', 'done'],
    ['尚未聘请法律顾问。', '法律顾问', 'problem'],
    ['法律顾问作用发挥不够。', '法律顾问', 'problem'],
    ['全年未发生重大矛盾纠纷，法律顾问参与调解3次。', '法律顾问', 'done'],
    ['北京市将按照统一部署，分步骤在全市建立村居法律顾问制度。', '法律顾问', 'planned'],
  ] as const)('%s', (s, term, want) => expect(at(s, term)).toBe(want));
  it('section context wins', () => {
    expect(at('开展述法评议。', '述法', ['next_year'])).toBe('planned');
    expect(at('述法形式单一。', '述法', ['shortcomings'])).toBe('problem');
  });
});

describe('spanAround (boundaries found once per view)', () => {
  // The definition: walk from pos to the nearest end marks (a thousands comma ends no clause).
  const naive = (view: string, pos: number, clause: boolean) => {
    const re = clause ? /[。！？!?；;\n，,：:]/ : /[。！？!?；;\n]/;
    const d = (i: number) => /\d/.test(view[i] ?? '');
    const ends = (i: number) => re.test(view[i]!) && !(clause && view[i] === ',' && d(i - 1) && d(i + 1) && d(i + 2) && d(i + 3) && !d(i + 4));
    let s = pos;
    while (s > 0 && !ends(s - 1)) s--;
    let e = pos;
    while (e < view.length && !ends(e)) e++;
    return { start: s, end: e };
  };
  it('equals the walk for every offset of mixed texts, alternating views', () => {
    const views = ['全年调解纠纷1,234件，成功1,200件。其中：重大纠纷3件；\n下一步将继续加强!好?', '共12,3456元,另计1,000,000元：完毕', '', '无标点的一段文字'];
    for (let round = 0; round < 2; round++) {
      for (const v of views) {
        for (let pos = 0; pos <= v.length + 1; pos++) {
          for (const clause of [false, true]) expect(spanAround(v, pos, clause), `${v}@${pos}/${clause}`).toEqual(naive(v, pos, clause));
        }
      }
    }
  });
});
