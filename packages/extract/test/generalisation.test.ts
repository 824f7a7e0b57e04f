import { readBuffer } from '@fazhi/reader';
import { assemble } from '../../reader/src/document.js';
import { extractFacts } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { extractor, run as runBare, val } from './helpers.js';

// Fixtures are passages of a report: a report title line comes first, as in a real text (a bare
// sentence naming 方案 would otherwise read as a plan document).
const TITLE = '嘉禾镇2024年法治政府建设工作报告\n';
const run = (text: string, meta: Parameters<typeof runBare>[1] = {}) => runBare(TITLE + text, meta);

// Phrasings real reports use that the labelled dev corpus does not show. Every place below is
// invented; sentences are written in the style of township/county reports. Each case states the
// fact the label schema (../shared/docs/label-schema.md) would give it.

const Y = { reportYear: 2024 } as const;

describe('述法 variants', () => {
  const done: [string, string][] = [
    ['述法述职', '年终，镇党委书记在全镇干部大会上进行述法述职，接受党员群众评议。'],
    ['书面述法', '各村党组织书记以书面述法形式报告履行法治建设职责情况。'],
    ['现场述法', '12月，县政府主要负责人在县委全会上现场述法。'],
    ['述法评议', '组织开展了年度述法评议，述法对象全部为各部门主要负责人。'],
    ['年终述法', '坚持年终述法制度，镇长在年终述法中报告了法治政府建设情况。'],
    ['述职述法报告', '镇党政主要负责人向县委依法治县办提交述职述法报告。'],
    ['开展述法 N 人次', '全年开展述法32人次，覆盖全部村（社区）党组织书记。'],
    ['述法工作', '认真落实领导干部述法工作，镇党委书记、镇长均在年终述职中述法。'],
    ['已述法', '全镇7名班子成员已全部完成述法。'],
    ['述法 + 已制定方案', '在制定述法工作方案的基础上，组织8名站所负责人现场述法。'],
  ];
  for (const [name, text] of done) {
    it(`${name} is done`, () => {
      const fs = run(text, Y);
      expect(val(fs, 'shufa')).toBe('done');
      expect(fs.facts.shufa!.evidence.every((e) => e.modality === 'done')).toBe(true);
    });
  }
  const notDone: [string, string, string][] = [
    ['制定述法方案 only', '镇党委制定了《领导干部述法工作实施方案》，明确述法对象和程序。', 'planned'],
    ['印发述法办法 only', '印发述法工作办法，规范述法流程。', 'planned'],
    ['拟开展述法', '拟于明年一季度组织各村书记开展述法。', 'planned'],
    ['要求各村述法', '要求各村（社区）党组织书记年底前完成述法。', 'planned'],
    ['全年计划开展述法', '全年计划开展述法评议2次。', 'planned'],
    ['确保述法', '确保党政主要负责人年终述法全覆盖。', 'planned'],
    ['尚未述法', '部分站所负责人尚未开展述法，述法质量不高。', 'absent'],
    ['述法 as a problem', '述法工作流于形式，述法评议结果运用不够。', 'absent'],
    ['next year', '四、2025年工作计划\n组织开展年度述法评议。', 'planned'],
    ['讲述法治故事', '组织干部讲述法治故事，编印法治故事汇编。', 'absent'],
  ];
  for (const [name, text, want] of notDone) {
    it(`${name} is ${want}`, () => {
      expect(val(run(text, Y), 'shufa')).toBe(want);
    });
  }
});

describe('三项制度 variants', () => {
  it('行政执法“三项制度” in quotes is generic', () => {
    expect(val(run('全面推行行政执法“三项制度”，规范执法行为。', Y), 'three_systems')).toBe('generic');
  });
  it('the three named as 执法公示制度、执法全过程记录制度、重大执法决定法制审核制度 is all', () => {
    const fs = run('严格落实执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年未发生执法过错。', Y);
    expect(val(fs, 'three_systems')).toBe('all');
  });
  it('公示、全过程记录、法制审核 in a shared list after 行政执法 is all', () => {
    const fs = run('全面落实行政执法公示、全过程记录、重大执法决定法制审核制度。', Y);
    expect(val(fs, 'three_systems')).toBe('all');
  });
  it('two of three named is partial', () => {
    const fs = run('执法人员全部配备执法记录仪，实现执法全过程记录；在镇政务公开栏进行行政执法信息公示。', Y);
    expect(val(fs, 'three_systems')).toBe('partial');
  });
  it('a plan to carry them out is absent', () => {
    const fs = run('下一步，将全面落实行政执法三项制度。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('a cited national guideline title is not the systems being carried out', () => {
    const fs = run('组织学习《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('a problem statement is absent', () => {
    const fs = run('行政执法三项制度落实不到位，执法全过程记录尚未全覆盖。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('traditional script (read through the reader) is all', async () => {
    const text = '二〇二四年，嘉禾鄉全面落實行政執法公示、執法全過程記錄、重大執法決定法制審核制度，執法行為進一步規範。';
    const doc = await readBuffer(new TextEncoder().encode(text), 'trad.txt');
    const fs = extractFacts(doc, extractor());
    expect(fs.facts.three_systems!.value).toBe('all');
    for (const e of fs.facts.three_systems!.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('mediation figures', () => {
  const cases: [string, string, { disputes: number | null; resolved: number | null; rate_pct: number | null }][] = [
    ['thousands separator', '全年调解各类矛盾纠纷1,234件、调解成功1,200件、调解成功率97.2%。', { disputes: 1234, resolved: 1200, rate_pct: 97.2 }],
    ['受理…调结', '镇人民调解委员会全年受理矛盾纠纷86件，调结84件。', { disputes: 86, resolved: 84, rate_pct: null }],
    ['化解率达', '全年排查各类矛盾纠纷420件，化解418件，化解率达99.5%。', { disputes: 420, resolved: 418, rate_pct: 99.5 }],
    ['compound 矛盾纠纷排查化解', '开展矛盾纠纷排查化解152件，群众满意度明显提升。', { disputes: 152, resolved: null, rate_pct: null }],
    ['两千余件', '各级调解组织共调解矛盾纠纷两千余件，调解成功率98%。', { disputes: 2000, resolved: null, rate_pct: 98 }],
    ['调处…成功调处', '全年调处矛盾纠纷316起，成功调处309起，调处成功率97.8%。', { disputes: 316, resolved: 309, rate_pct: 97.8 }],
    ['成功率 before figures', '人民调解成功率达到96%，全年共排查纠纷250件。', { disputes: 250, resolved: null, rate_pct: 96 }],
    ['plan rate only', '力争矛盾纠纷调解成功率达到98%以上。', { disputes: null, resolved: null, rate_pct: null }],
    ['信访 is not mediation', '全年受理群众信访事项45件，办结率100%。', { disputes: null, resolved: null, rate_pct: null }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const fs = run(text, Y);
      expect(val(fs, 'mediation')).toEqual(want);
      if (name === '两千余件') expect(fs.facts.mediation!.approximate).toContain('disputes');
    });
  }
  it('full-width digits (read through the reader)', async () => {
    const text = '全年受理矛盾纠纷１２８件，调解成功１２６件，调解成功率９８．４％。';
    const doc = await readBuffer(new TextEncoder().encode(text), 'fw.txt');
    const fs = extractFacts(doc, extractor());
    expect(fs.facts.mediation!.value).toEqual({ disputes: 128, resolved: 126, rate_pct: 98.4 });
  });
});

describe('法律顾问 coverage', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['实现村（社区）法律顾问全覆盖', '实现村（社区）法律顾问全覆盖，为群众提供法律咨询300余人次。', { present: true, coverage_pct: 100 }],
    ['为全镇18个村（社区）配备法律顾问', '为全镇18个村（社区）配备法律顾问，定期开展坐班服务。', { present: true, units_covered: 18 }],
    ['覆盖率100%', '村（社区）法律顾问覆盖率100%。', { present: true, coverage_pct: 100 }],
    ['一村（社区）一法律顾问 实现全覆盖', '深化“一村（社区）一法律顾问”制度，实现全覆盖。', { present: true, coverage_pct: 100 }],
    ['聘请 for the government', '镇政府聘请2名律师担任政府法律顾问，参与重大决策论证。', { present: true, coverage_pct: null, units_covered: null }],
    ['planned 力争实现', '力争实现村（社区）法律顾问全覆盖。', { present: false, coverage_pct: null, units_covered: null }],
    ['要求各村聘请', '要求各村聘请法律顾问。', { present: false }],
    ['尚未聘请', '部分村尚未聘请法律顾问，法律顾问作用发挥不够。', { present: false }],
    ['people are not units', '全镇聘请法律顾问5名，为村（社区）提供法律服务。', { present: true, units_covered: null }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'legal_adviser')).toMatchObject(want);
    });
  }
});

describe('合法性审查 counts', () => {
  const cases: [string, string, number | null][] = [
    ['审查…共计', '全年对镇政府拟出台的规范性文件、拟签订的合同、重大决策开展合法性审查，审查规范性文件、合同、重大决策共计45件。', 45],
    ['合法性审查率 is not a count', '重大行政决策合法性审查率100%。', null],
    ['two figures without a total', '严格落实合法性审查制度，全年审核行政规范性文件8件，审查合同37份。', null],
    ['written total', '全年开展合法性审查56件，其中审查合同40份、规范性文件16件。', 56],
    ['对…开展合法性审查', '对23份行政协议开展合法性审查，提出修改意见17条。', 23],
    ['plan', '下一步，将对所有合同进行合法性审查，力争审查40件以上。', null],
    ['其中 only gives way to total', '全年合法性审查各类文件共计112件，其中合同68份。', 112],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'legality_reviews')).toBe(want);
    });
  }
});

describe('modality edge cases', () => {
  it('拟定了 is a past act, not a plan', () => {
    const fs = run('镇司法所拟定了述法评议细则，并于12月组织全镇11名站所负责人述法。', Y);
    expect(val(fs, 'shufa')).toBe('done');
  });
  it('未发生 / 无一例 are results, not problems', () => {
    const fs = run('全年调解矛盾纠纷98件，调解成功97件，未发生一起因调解不当引发的民转刑案件。', Y);
    expect(val(fs, 'mediation')).toMatchObject({ disputes: 98, resolved: 97 });
    const fs2 = run('全年无一例行政复议被纠错，全面落实行政执法三项制度。', Y);
    expect(val(fs2, 'three_systems')).toBe('generic');
  });
  it('a plan sentence never makes a fact done/present', () => {
    const text = '全年计划开展述法评议2次，聘请法律顾问覆盖全部村（社区），推行行政执法三项制度。';
    const fs = run(text, Y);
    expect(val(fs, 'shufa')).not.toBe('done');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false });
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('another body mentioned: county-level 述法 attended is still done for the township, but a 开展 by 全国 does not count as mediation', () => {
    const fs = run('全国人民调解组织全年调解矛盾纠纷1,200万件。', { reportYear: 2024, adminLevel: 'township' });
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
  });
});

describe('PDF line wraps', () => {
  it('a term split across lines still matches on the joined view', async () => {
    const text = '一、主要举措和成效\n全年镇党委书记、镇长在年终述职中专题述\n法，全面落实行政执法公示、执法全过程记\n录、重大执法决定法制审核制度，为全镇12个\n村（社区）配备法律顾问。\n';
    // The reader's PDF path: wrapped lines are joined in the view, offsets keep the newline.
    const bytes = new TextEncoder().encode(text);
    const doc = await assemble('wrap.pdf', bytes, { format: 'pdf', encoding: 'utf-8', text, joinLines: true });
    const fs = extractFacts(doc, extractor());
    expect(fs.facts.shufa!.value).toBe('done');
    expect(fs.facts.three_systems!.value).toBe('all');
    expect(fs.facts.legal_adviser!.value).toMatchObject({ present: true, units_covered: 12 });
    for (const f of Object.values(fs.facts)) for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('signals', () => {
  it('reader warnings pass through to signals.artefacts', async () => {
    const doc = await readBuffer(new TextEncoder().encode('一、主要举措和成效\n全年开展述法3人次。'), 'w.txt');
    doc.warnings = [...doc.warnings, { code: 'W_TEST', message: 'test warning' } as never];
    const fs = extractFacts(doc, extractor());
    expect(JSON.stringify(fs.signals.artefacts)).toContain('W_TEST');
  });
});

describe('more mediation phrasings', () => {
  const cases: [string, string, { disputes: number | null; resolved: number | null; rate_pct: number | null }][] = [
    ['化解 alone is resolved', '化解矛盾纠纷326件，化解率100%。', { disputes: null, resolved: 326, rate_pct: 100 }],
    ['排查、化解 with a comma is one compound count', '共排查、化解矛盾纠纷88件。', { disputes: 88, resolved: null, rate_pct: null }],
    ['调处化解 compound', '各村调委会调处化解矛盾纠纷45起。', { disputes: 45, resolved: null, rate_pct: null }],
    ['化解调处 after a separate 排查 count is resolved', '全年排查矛盾纠纷120件，化解调处115件。', { disputes: 120, resolved: 115, rate_pct: null }],
    ['space-grouped thousands', '全年受理各类矛盾纠纷 1 234 件，调解成功 1 198 件。', { disputes: 1234, resolved: 1198, rate_pct: null }],
    ['调解纠纷…调解成功率', '调解纠纷230件，调解成功率100%。', { disputes: 230, resolved: null, rate_pct: 100 }],
    ['成功调解…余起', '成功调解各类矛盾纠纷150余起。', { disputes: null, resolved: 150, rate_pct: null }],
    ['legal advisers helping mediation still count', '村法律顾问协助调解矛盾纠纷12宗。', { disputes: 12, resolved: null, rate_pct: null }],
    ['法律援助 is not mediation', '办理法律援助案件56件，挽回经济损失120万元。', { disputes: null, resolved: null, rate_pct: null }],
    ['其中调解成功', '人民调解组织调解纠纷3200件，其中调解成功3150件。', { disputes: 3200, resolved: 3150, rate_pct: null }],
    ['排查化解 then 化解成功', '排查化解矛盾纠纷96件，化解成功94件，化解成功率97.9%。', { disputes: 96, resolved: 94, rate_pct: 97.9 }],
    ['调解率 is not a success rate', '受理纠纷64件，调解率95%。', { disputes: 64, resolved: null, rate_pct: null }],
    ['Chinese numerals', '全年调解矛盾纠纷一百二十六件，成功一百二十件。', { disputes: 126, resolved: null, rate_pct: null }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'mediation')).toEqual(want);
    });
  }
});

describe('more 法律顾问 phrasings', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['均配备了', '各村（社区）均配备了法律顾问。', { present: true, coverage_pct: 100 }],
    ['N个村（社区）…全覆盖', '全县156个村（社区）法律顾问全覆盖。', { present: true, coverage_pct: 100, units_covered: 156 }],
    ['已为N个行政村聘请', '已为12个行政村聘请法律顾问。', { present: true, units_covered: 12 }],
    ['可以通过…聘请 is an option', '各村可以通过政府购买服务聘请法律顾问。', { present: false }],
    ['决定推行 is a decision', '镇政府决定在全镇推行村法律顾问制度。', { present: false }],
    ['确保…达到100% is a target', '确保村（社区）法律顾问覆盖率达到100%。', { present: false, coverage_pct: null }],
    ['advisers in review', '政府法律顾问全程参与重大决策合法性审查。', { present: true, coverage_pct: null }],
    ['尚不健全', '法律顾问制度尚不健全。', { present: false }],
    ['律师 is not 法律顾问', '为18个村（社区）各配备1名律师。', { present: false }],
    ['合法性审查全覆盖 is not adviser coverage', '发挥法律顾问作用，重大决策合法性审查全覆盖。', { present: true, coverage_pct: null }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'legal_adviser')).toMatchObject(want);
    });
  }
});

describe('more 合法性审查 phrasings', () => {
  const cases: [string, string, number | null][] = [
    ['审查各类合同协议', '审查各类合同协议52份，提出法律意见31条。', 52],
    ['开展合法性审查N次', '全年开展合法性审查67次。', 67],
    ['written 合计', '严格合法性审查，共审查规范性文件12件、合同30份，合计42件。', 42],
    ['法制审核 of enforcement decisions is not a legality review', '开展重大执法决定法制审核23件。', null],
    ['清理 is not a review', '对照合法性审查要求，清理规范性文件20件。', null],
    ['Chinese numerals', '全年合法性审查一百二十件。', 120],
    ['thousands separator', '全年合法性审查各类文件1,024件。', 1024],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'legality_reviews')).toBe(want);
    });
  }
});

describe('more 三项制度 / 述法 phrasings', () => {
  it('执法全程记录 counts as the full-record item', () => {
    expect(val(run('执法人员佩戴执法记录仪，实现执法全程记录。', Y), 'three_systems')).toBe('partial');
  });
  it('重大行政执法决定法制审核 counts as the legal-review item', () => {
    const fs = run('推行行政执法公示制度，落实执法全过程记录，严格重大行政执法决定法制审核。', Y);
    expect(val(fs, 'three_systems')).toBe('all');
  });
  it('（以下简称“三项制度”） in a report is the systems carried out', () => {
    const fs = run('全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度（以下简称“三项制度”），执法规范化水平明显提升。', Y);
    expect(val(fs, 'three_systems')).toBe('all');
  });
  it('issuing an implementation plan is not carrying them out', () => {
    const fs = run('印发《嘉禾镇全面推行行政执法三项制度实施方案》。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('向县委述法 is done', () => {
    expect(val(run('镇党委书记向县委全面依法治县委员会述法。', Y), 'shufa')).toBe('done');
  });
  it('建立述法制度 alone is planned', () => {
    expect(val(run('建立健全领导干部述法制度。', Y), 'shufa')).toBe('planned');
  });
  it('确保了 is a result', () => {
    const fs = run('全面落实行政执法三项制度，确保了执法行为规范。', Y);
    expect(val(fs, 'three_systems')).toBe('generic');
  });
});

describe('activity counts are not dispute counts', () => {
  it('排查 N 次 counts inspections, not disputes', () => {
    const fs = run('开展矛盾纠纷排查120余次，排查化解矛盾纠纷96件。', Y);
    expect(val(fs, 'mediation')).toMatchObject({ disputes: 96 });
  });
  it('专项行动 N 次 is not a dispute count', () => {
    const fs = run('开展矛盾纠纷排查化解专项行动12次。', Y);
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
  });
  it('重大行政决策法制审核制度 is not the enforcement legal-review item', () => {
    const fs = run('严格落实重大行政决策法制审核制度，全年审查重大决策5项。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
});

// Whole reports: section context decides modality (next-year plans and shortcomings never count).
const COUNTY = `云溪县人民政府关于2024年度法治政府建设情况的报告
2024年，云溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下。
一、2024年度推进法治政府建设的主要举措和成效
（一）健全依法决策机制。县政府常务会议专题研究法治政府建设工作3次。严格落实重大行政决策合法性审查，全年审查县政府规范性文件、行政合同、重大决策共计136件。县政府及23个部门均聘请了法律顾问，全县186个村（社区）法律顾问覆盖率100%。
（二）规范行政执法。全面推行行政执法“三项制度”，组织开展行政执法案卷评查2次。
（三）化解矛盾纠纷。全县各级调解组织调解矛盾纠纷3,456件，调解成功3,401件，调解成功率98.4%；办理行政复议案件41件。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县长带头学法，在县委全会上现场述法，各乡镇党政主要负责人书面述法全覆盖。
三、存在的不足和原因
一是部分乡镇法律顾问作用发挥不充分；二是行政执法全过程记录尚未全面实现。
四、2025年工作安排
全面落实执法公示、执法全过程记录、重大执法决定法制审核制度，力争矛盾纠纷调解成功率达到99%。
云溪县人民政府
2025年3月10日`;

const TOWN_PLAN_ONLY = `白沙镇2024年法治政府建设工作报告
一、主要工作开展情况
全镇上下认真学习宣传贯彻党的二十大精神，法治宣传教育深入人心，开展普法活动12场。
二、存在的问题及下一步工作打算
（一）存在的问题：述法工作尚未开展，村级法律顾问配备不到位，行政执法三项制度落实不够。
（二）下一步打算：组织党政主要负责人年终述法；为全镇9个村聘请法律顾问，实现全覆盖；全面推行行政执法三项制度；调解矛盾纠纷成功率达到98%以上。`;

describe('whole reports', () => {
  it('a county report: results from measures and duties, nothing from shortcomings or plans', () => {
    const fs = run(COUNTY, { reportYear: 2024, adminLevel: 'county' });
    expect(val(fs, 'shufa')).toBe('done');
    expect(val(fs, 'three_systems')).toBe('generic');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, coverage_pct: 100, units_covered: 186 });
    expect(val(fs, 'mediation')).toEqual({ disputes: 3456, resolved: 3401, rate_pct: 98.4 });
    expect(val(fs, 'legality_reviews')).toBe(136);
    expect(val(fs, 'leader_meetings')).toBe(3);
    for (const f of Object.values(fs.facts)) for (const e of f.evidence) {
      if (f.kind !== 'specificity' && f.kind !== 'structure' && f.kind !== 'publication') expect(e.section).not.toMatch(/存在的不足|2025年工作安排/);
    }
  });
  it('a township report that only plans and admits gaps has nothing done', () => {
    const fs = runBare(TOWN_PLAN_ONLY, { reportYear: 2024, adminLevel: 'township' });
    expect(val(fs, 'shufa')).not.toBe('done');
    expect(val(fs, 'three_systems')).toBe('absent');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false, coverage_pct: null, units_covered: null });
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
  });
});

describe('advisers of other clients', () => {
  it('lawyers serving enterprises as 企业法律顾问 are not the government adviser', () => {
    const fs = run('组织律师为辖区32家民营企业开展“法治体检”，担任企业法律顾问。', Y);
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false });
  });
  it('the government adviser next to an enterprise service still counts', () => {
    const fs = run('镇政府法律顾问为辖区企业提供法律咨询12次。', Y);
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true });
  });
});

describe('述法 look-alikes', () => {
  it('上述法律 / 前述法规 are not 述法', () => {
    const fs = run('严格执行上述法律法规，对前述法规条款逐条对照检查，所述法律问题均已整改。', Y);
    expect(val(fs, 'shufa')).toBe('absent');
  });
});

describe('三项制度 of other fields', () => {
  it('信访 “三项制度” is not the enforcement systems', () => {
    expect(val(run('全面落实信访工作“三项制度”，信访事项及时受理率100%。', Y), 'three_systems')).toBe('absent');
  });
  it('“三项制度” under an enforcement heading is generic', () => {
    expect(val(run('（二）严格规范公正文明执法\n全面推行“三项制度”，执法案卷合格率100%。', Y), 'three_systems')).toBe('generic');
  });
});

describe('rates of other work', () => {
  it('信访事项解决率 is not a mediation rate', () => {
    const fs = run('受理信访事项86件，信访事项解决率95%，矛盾纠纷调解工作扎实推进。', Y);
    expect(val(fs, 'mediation')).toMatchObject({ rate_pct: null });
  });
  it('诉求解决率 is not a mediation rate', () => {
    const fs = run('12345热线受理群众诉求1,024件，诉求解决率96%，矛盾纠纷化解在基层。', Y);
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
  });
  it('矛盾纠纷化解率 is the rate', () => {
    const fs = run('全镇矛盾纠纷化解率达98.6%。', Y);
    expect(val(fs, 'mediation')).toMatchObject({ rate_pct: 98.6 });
  });
});

describe('document names without 《》 are citations', () => {
  it('转发…关于开展述法工作的通知 is not a 述法 held', () => {
    expect(val(run('转发县委依法治县办关于开展党政主要负责人年度述法工作的通知。', Y), 'shufa')).not.toBe('done');
  });
  it('学习…关于全面推行…三项制度…的指导意见 is not carrying them out', () => {
    const fs = run('组织学习国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见。', Y);
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('学习关于推行法律顾问制度的意见 is not having an adviser', () => {
    expect(val(run('传达学习关于推行法律顾问制度和公职律师公司律师制度的意见。', Y), 'legal_adviser')).toMatchObject({ present: false });
  });
  it('a 述法 held after citing the notice is done', () => {
    expect(val(run('按照县委关于开展述法工作的通知要求，镇党委书记在年终述职中现场述法。', Y), 'shufa')).toBe('done');
  });
});

describe('one named village is an example, not the total', () => {
  it('李庄村调委会 figures give way to the township total', () => {
    const fs = run('全镇共调解矛盾纠纷210件，调解成功205件。李庄村调委会依托“板凳会”调解邻里纠纷36件，调解成功36件，调解成功率100%。', Y);
    expect(val(fs, 'mediation')).toEqual({ disputes: 210, resolved: 205, rate_pct: null });
  });
  it('各村（社区）调委会 is the whole township', () => {
    const fs = run('各村（社区）调委会共调解矛盾纠纷88件，调解成功86件。', Y);
    expect(val(fs, 'mediation')).toEqual({ disputes: 88, resolved: 86, rate_pct: null });
  });
});

describe('traditional script through the reader', () => {
  it('述法, 法律顧問 coverage and 調解 figures', async () => {
    const text = '二〇二四年度法治政府建設情況報告\n一、主要舉措和成效\n鎮黨委書記在年終述職中專題述法。全鎮12個村（社區）均聘請了法律顧問，實現村（社區）法律顧問全覆蓋。全年調解矛盾糾紛二百一十件，調解成功二百零四件，調解成功率97.1%。\n';
    const doc = await readBuffer(new TextEncoder().encode(text), 'trad2.txt');
    const fs = extractFacts(doc, extractor());
    expect(fs.facts.shufa!.value).toBe('done');
    expect(fs.facts.legal_adviser!.value).toMatchObject({ present: true, coverage_pct: 100, units_covered: 12 });
    expect(fs.facts.mediation!.value).toEqual({ disputes: 210, resolved: 204, rate_pct: 97.1 });
    for (const f of Object.values(fs.facts)) for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('inline problem lists', () => {
  it('items after 存在以下问题： are problems', () => {
    const fs = run('同时也存在以下问题：一是述法评议实效不明显；二是部分村法律顾问作用发挥不够；三是行政执法三项制度落实还需加强。', Y);
    expect(val(fs, 'shufa')).not.toBe('done');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false });
    expect(val(fs, 'three_systems')).toBe('absent');
  });
  it('a result before the problem list in the same paragraph still counts', () => {
    const fs = run('镇党委书记年终现场述法。但仍存在一些不足：法治宣传形式单一。', Y);
    expect(val(fs, 'shufa')).toBe('done');
  });
});

describe('more coverage wording', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['N个村（社区）法律顾问实现全覆盖', '全镇15个村（社区）法律顾问实现全覆盖。', { present: true, coverage_pct: 100, units_covered: 15 }],
    ['配备率100%', '村（社区）法律顾问配备率100%。', { present: true, coverage_pct: 100 }],
    ['覆盖所有村（社区）', '法律顾问覆盖全镇所有村（社区）。', { present: true, coverage_pct: 100 }],
    ['所有 about lawyers, not advisers', '所有村（社区）均张贴了法律服务联系牌，法律顾问定期坐班。', { present: true, coverage_pct: null }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'legal_adviser')).toMatchObject(want);
    });
  }
});

describe('全过程记录 of other work', () => {
  it('重大行政决策全过程记录 is not the enforcement full-record item', () => {
    expect(val(run('落实重大行政决策全过程记录和立卷归档制度。', Y), 'three_systems')).toBe('absent');
  });
  it('执法全过程音像记录 is', () => {
    expect(val(run('配备执法记录仪26台，实现执法全过程音像记录。', Y), 'three_systems')).toBe('partial');
  });
});

describe('fixing last year\'s problems is a result', () => {
  it('针对上年度存在的问题： items are results', () => {
    const fs = run('针对上年度评估中存在的问题：一是组织党政主要负责人现场述法；二是为全镇9个村聘请法律顾问，实现全覆盖。', Y);
    expect(val(fs, 'shufa')).toBe('done');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, coverage_pct: 100 });
  });
});

describe('mediation: a few more common shapes', () => {
  const cases: [string, string, { disputes: number | null; resolved: number | null; rate_pct: number | null }][] = [
    ['排查调处 then 调处成功', '共排查调处矛盾纠纷126件，调处成功124件。', { disputes: 126, resolved: 124, rate_pct: null }],
    ['受理调解案件', '镇调委会受理调解案件58件，调解成功56件。', { disputes: 58, resolved: 56, rate_pct: null }],
    ['spaces around the figure', '调解各类纠纷 58 件，成功率达 100%。', { disputes: 58, resolved: null, rate_pct: 100 }],
    ['成功率 alone after a mediation count', '调解矛盾纠纷45件，成功率达100%。', { disputes: 45, resolved: null, rate_pct: 100 }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(val(run(text, Y), 'mediation')).toEqual(want);
    });
  }
});

describe('leader meetings wording', () => {
  it('依法治乡委员会会议 N 次', () => {
    expect(val(run('全年召开依法治乡委员会会议3次，研究解决重点问题。', Y), 'leader_meetings')).toBe(3);
  });
  it('听取法治政府建设工作汇报 N 次', () => {
    expect(val(run('镇党委会听取法治政府建设工作汇报2次。', Y), 'leader_meetings')).toBe(2);
  });
});
