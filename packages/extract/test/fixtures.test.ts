import { describe, expect, it } from 'vitest';
import { run, val } from './helpers.js';

// Small invented reports (places are fictional) covering the traps of real reports.

const TOWN = `青石镇2024年法治政府建设年度报告
2024年，青石镇在县委、县政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
（一）依法决策
全年对镇政府签订的合同、作出的决策开展合法性审查38件，审查率100%。
二是落实年终述职述法制度，镇党委书记、镇长在年终述职中专题述法。
全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。
全镇18个村（社区）均聘请了法律顾问，实现村居法律顾问全覆盖。
（二）化解矛盾纠纷
全年排查矛盾纠纷二百一十件，成功调解204件，调解成功率97%，调撤率12%，群众满意率100%。
二、存在的不足和原因
一是部分干部法治意识不够强；二是尚未建立法律顾问考核机制。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头学法，全年专题研究法治建设4次。
四、2025年工作安排
下一步，将组织开展述法评议，力争矛盾纠纷调解成功率达到99%。
青石镇人民政府
2025年2月20日`;

describe('a complete township report', () => {
  const fs = run(TOWN, { reportYear: 2024, adminLevel: 'township' });
  it('finds the four canonical parts', () => {
    expect(new Set(fs.sections.map((s) => s.kind))).toEqual(new Set(['measures', 'shortcomings', 'leader_duties', 'next_year']));
  });
  it('reads the facts as results', () => {
    expect(val(fs, 'shufa')).toBe('done');
    expect(val(fs, 'three_systems')).toBe('all');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, coverage_pct: 100, units_covered: 18 });
    expect(val(fs, 'mediation')).toEqual({ disputes: 210, resolved: 204, rate_pct: 97 });
    expect(val(fs, 'legality_reviews')).toBe(38);
    expect(val(fs, 'leader_meetings')).toBe(4);
  });
  it('never takes plan or problem sentences as evidence', () => {
    for (const f of Object.values(fs.facts)) for (const e of f.evidence) {
      if (['shufa', 'mediation', 'legal_adviser'].includes(f.kind)) expect(e.modality).toBe('done');
    }
    expect(fs.facts.mediation!.evidence.some((e) => e.quote.includes('99%'))).toBe(false);
  });
});

describe('traps', () => {
  it('look-alike rates are not a mediation success rate', () => {
    const fs = run('今年以来，中心受理矛盾纠纷337件，调处率达98.8%，办结率100%，协议履行率100%。');
    expect(val(fs, 'mediation')).toEqual({ disputes: 337, resolved: null, rate_pct: null });
  });
  it('a compound 排查化解 count is the disputes, not the resolved', () => {
    const fs = run('全年共排查化解各类矛盾纠纷96件。');
    expect(val(fs, 'mediation')).toMatchObject({ disputes: 96, resolved: null });
  });
  it('multi-year cumulative figures are not labelled', () => {
    const fs = run('2023年至2024年，全所累计排查调处各类矛盾纠纷490件。近三年共成功调解纠纷800余件。', { reportYear: 2024 });
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
  });
  it('"2024年以来" in a 2024 report is this year', () => {
    const fs = run('2024年以来，成功调处各类矛盾纠纷58件，调解成功率达100%。', { reportYear: 2024 });
    expect(val(fs, 'mediation')).toMatchObject({ resolved: 58, rate_pct: 100 });
  });
  it('a county-wide figure in a township report is not the township\'s', () => {
    const fs = run('全县共排查矛盾纠纷3200件，成功调解3150件。', { adminLevel: 'township' });
    expect(val(fs, 'mediation')).toMatchObject({ disputes: null, resolved: null });
  });
  it('approximate markers are dropped from the value and flagged', () => {
    const fs = run('全年依法化解各类矛盾纠纷近2万件次。');
    expect(val(fs, 'mediation')).toMatchObject({ resolved: 20000 });
    expect(fs.facts.mediation!.approximate).toContain('resolved');
  });
  it('lawyers not called 法律顾问 are not advisers', () => {
    const fs = run('100名律师进驻100个社区担任社区律师，每周坐班半天。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false });
  });
  it('an adviser target is a plan, not a fact', () => {
    const fs = run('到2026年底，全市320个村居将实现法律顾问全覆盖。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: false, coverage_pct: null });
  });
  it('people are not units covered', () => {
    const fs = run('14个镇级综治中心共配备专职人民调解员56名、法律顾问89名。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, units_covered: null, coverage_pct: null });
  });
  it('sign-posting coverage is not adviser coverage', () => {
    const fs = run('已在全县327个村寨张贴了法律顾问服务牌，完成覆盖率84%。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ coverage_pct: null, units_covered: null });
  });
  it('a Chinese-numeral village count', () => {
    const fs = run('司法所与九个村签订了“村居法律顾问”服务合同。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, units_covered: 9 });
  });
  it('述法 only in next-year plans is planned', () => {
    const fs = run('一、主要举措和成效\n全年开展普法活动12场。\n二、下一步工作打算\n组织党政主要负责人开展年终述法。');
    expect(val(fs, 'shufa')).toBe('planned');
  });
  it('述职评议 without 述法 is absent; 讲述法治故事 is not 述法', () => {
    expect(val(run('履职情况纳入年终述职评议。'), 'shufa')).toBe('absent');
    expect(val(run('组织干部讲述法治故事3场。'), 'shufa')).toBe('absent');
  });
  it('三项制度 alone is generic; one named is partial; a plan is absent', () => {
    expect(val(run('深化落实行政执法“三项制度”，规范执法行为。'), 'three_systems')).toBe('generic');
    expect(val(run('严格落实执法全过程记录，配备执法记录仪12台。'), 'three_systems')).toBe('partial');
    expect(val(run('下一步将全面推行行政执法三项制度。'), 'three_systems')).toBe('absent');
  });
  it('several review categories without a total give no count', () => {
    const fs = run('全年开展合法性审核64件、合同审查65件。');
    expect(val(fs, 'legality_reviews')).toBeNull();
  });
  it('a negated problem is a result, a negation of the fact is not', () => {
    expect(val(run('全年未发生因行政执法引发的重大纠纷，镇政府聘请法律顾问1名。'), 'legal_adviser')).toMatchObject({ present: true });
    expect(val(run('目前尚未聘请法律顾问。'), 'legal_adviser')).toMatchObject({ present: false });
  });
  it('the same figure stated twice is one fact', () => {
    const fs = run(
      '大力加强人民调解工作，进一步整合各类法治资源，完善矛盾纠纷多元化解平台建设。今年以来，镇人民调解委员会累计排查各类矛盾纠纷165件，成功调解162件，调解成功率高达98%，充分发挥了人民调解的基础性作用。\n' +
        '全面推进政务公开，严格遵循公开为常态、不公开为例外的原则，圆满完成政务事项录入与公开工作。今年来，镇人民调解委员会共排查各类矛盾纠纷165件，调解成功162件，调解成功率98%。',
    );
    expect(val(fs, 'mediation')).toEqual({ disputes: 165, resolved: 162, rate_pct: 98 });
    expect(fs.signals.duplicateParagraphs.map((d) => [d.first.line, d.second.line])).toEqual([[1, 2]]);
  });
});

describe('more traps', () => {
  it('a total in the previous sentence of the same paragraph completes the ratio', () => {
    const fs = run('全年共排查各类矛盾纠纷120件。其中成功调解115件，调解成功率95.8%。');
    expect(val(fs, 'mediation')).toEqual({ disputes: 120, resolved: 115, rate_pct: 95.8 });
  });
  it('调解案件 counts, 行政诉讼案件 do not', () => {
    expect(val(run('人民调解委员会受理调解案件85件，调解成功83件。'), 'mediation')).toMatchObject({ disputes: 85, resolved: 83 });
    expect(val(run('全年办理行政复议案件17件，行政诉讼案件70件。'), 'mediation')).toMatchObject({ disputes: null, resolved: null });
  });
  it('就地化解率 is not a success rate', () => {
    expect(val(run('矛盾纠纷就地化解率95%。'), 'mediation')).toMatchObject({ rate_pct: null });
  });
  it('a rate written before its name', () => {
    expect(val(run('该市99.5%的调解成功率位居前列，矛盾纠纷化解成效明显。'), 'mediation')).toMatchObject({ rate_pct: 99.5 });
  });
  it('a components total is used only when written', () => {
    expect(val(run('有48名律师分别被聘为辖区30个村和18个社区的法律顾问。'), 'legal_adviser')).toMatchObject({ units_covered: 48 });
    expect(val(run('律师分别被聘为辖区30个村和18个社区的法律顾问。'), 'legal_adviser')).toMatchObject({ units_covered: null });
  });
  it('a review count written before the term, and look-alike counts', () => {
    expect(val(run('全年对6项重大行政决策开展合法性审查。'), 'legality_reviews')).toBe(6);
    expect(val(run('清理规范性文件10件，合法性审查率100%。'), 'legality_reviews')).toBeNull();
  });
  it('plan and implementation documents do not report the three systems', () => {
    const t = '关于全面推行行政执法三项制度的实施方案\n为贯彻落实上级精神，在全县全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度（以下统称“三项制度”），制定本实施方案。';
    expect(val(run(t), 'three_systems')).toBe('absent');
  });
  it('规范性文件法制审核 alone is not the enforcement-decision review', () => {
    expect(val(run('将法制审核设定为规范性文件签发的必经程序。'), 'three_systems')).toBe('absent');
  });
  it('下步工作打算 and 存在问题 headings', () => {
    const fs = run('一、工作开展情况\n全年学法6次。\n二、存在问题\n学法不够深入。\n三、下步工作打算\n继续学法。');
    expect(fs.sections.map((s) => s.kind)).toEqual(['measures', 'shortcomings', 'next_year']);
  });
});

describe('years, titles and patterns', () => {
  it('到2024年底 in a 2024 report is a result; 到2026年底 is a target', () => {
    expect(val(run('到2024年底，全镇12个村(社区)均聘请了法律顾问。', { reportYear: 2024 }), 'legal_adviser')).toMatchObject({ present: true, units_covered: 12, coverage_pct: 100 });
    expect(val(run('到2026年底，全镇12个村(社区)均聘请法律顾问。', { reportYear: 2024 }), 'legal_adviser')).toMatchObject({ present: false });
  });
  it('signing a contract named in 《》 is a fact; citing a rule title is not', () => {
    expect(val(run('镇政府与律师事务所签订《法律顾问服务合同》。'), 'legal_adviser')).toMatchObject({ present: true });
    expect(val(run('学习《关于推行法律顾问制度和公职律师公司律师制度的意见》。'), 'legal_adviser')).toMatchObject({ present: false });
  });
  it('审查合同 counts as a legality review', () => {
    expect(val(run('镇政府聘请常年法律顾问1名，全年审查合同15份。'), 'legality_reviews')).toBe(15);
  });
});

describe('paragraph totals and own rules', () => {
  it('a review total in a 合法性审查 paragraph wins over its 其中 components', () => {
    const t = '2.强化合法性审查。全年对重大行政决策、规范性文件及镇村合同开展全流程审查215件，覆盖率达100%。其中，规范性文件审查3件，镇村合同审查212件。';
    expect(val(run(t), 'legality_reviews')).toBe(215);
  });
  it('三项制度 is not a count of three', () => {
    expect(val(run('全面落实重大执法决定法制审核“三项制度”。'), 'legality_reviews')).toBeNull();
  });
  it('issuing the unit\'s own rule counts; citing a higher-level one does not', () => {
    expect(val(run('制定《白沙镇行政执法全过程记录实施细则》，实现执法全程留痕。'), 'three_systems')).toBe('partial');
    expect(val(run('学习《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》。'), 'three_systems')).toBe('absent');
  });
  it('建立…述法制度 with 述职 reported is done; drafting a 述法 rule only is planned', () => {
    expect(val(run('建立班子成员“述职必述法”制度，述职报告向群众公示。'), 'shufa')).toBe('done');
    expect(val(run('印发《党政主要负责人述法工作办法》。'), 'shufa')).toBe('planned');
  });
});

describe('organisation counts and components', () => {
  it('organisation counts are not disputes', () => {
    expect(val(run('全县共设立各类人民调解组织312个，其中村(社区)调委会280个。'), 'mediation')).toMatchObject({ disputes: null, resolved: null });
  });
  it('the figure after 其中 in brackets is a component, not the total or the resolved', () => {
    const fs = run('全镇排查化解婚姻、邻里纠纷412件(其中婚姻纠纷101件、邻里纠纷311件)，未发生民转刑案件。');
    expect(val(fs, 'mediation')).toEqual({ disputes: 412, resolved: null, rate_pct: null });
  });
  it('the paired 受理/成功 figures win over a separate 排查 count', () => {
    const fs = run('今年以来共排查纠纷2120次，共受理纠纷1019件，调解成功1016件，调处成功率99.7%。');
    expect(val(fs, 'mediation')).toEqual({ disputes: 1019, resolved: 1016, rate_pct: 99.7 });
  });
});

describe('coverage words must be about the advisers', () => {
  it('均 about something else is not full coverage', () => {
    const fs = run('村(社区)法律顾问参与调解纠纷56件，均已调解成功。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ present: true, coverage_pct: null });
  });
  it('全覆盖 of reviews is not adviser coverage', () => {
    const fs = run('14个镇(街)、219个村居实现合法性审查100%全覆盖，法律顾问参与审查。');
    expect(val(fs, 'legal_adviser')).toMatchObject({ coverage_pct: null, units_covered: null });
  });
  it('每一个 with a unit noun, and 全部 between units and adviser', () => {
    expect(val(run('为每一个行政村配备一名律师担任该村的法律顾问。'), 'legal_adviser')).toMatchObject({ coverage_pct: 100 });
    expect(val(run('该镇7个社区已全部配备了法律顾问。'), 'legal_adviser')).toMatchObject({ coverage_pct: 100, units_covered: 7 });
  });
});

describe('PDF line wrapping', () => {
  it('a sentence wrapped across PDF lines still binds its figures', async () => {
    const { documentFromText, extractFacts } = await import('../src/index.js');
    const { extractor } = await import('./helpers.js');
    const text = '(五)依法有效化解社会矛盾纠纷。坚持和发展新时代“枫桥经验”，全镇共排查矛盾\n纠纷326件，调解成功318件，调解成功率97.5%。\n';
    const doc = documentFromText(text, 'x.pdf');
    doc.format = 'pdf';
    const fs = extractFacts(doc, extractor());
    expect(fs.facts.mediation!.value).toEqual({ disputes: 326, resolved: 318, rate_pct: 97.5 });
    for (const e of fs.facts.mediation!.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('scope by level', () => {
  it('a lead-in naming the county does not make a township figure county-wide', () => {
    const fs = run('按照全县统一部署，我镇共排查矛盾纠纷86件，成功调解84件。', { adminLevel: 'township' });
    expect(val(fs, 'mediation')).toMatchObject({ disputes: 86, resolved: 84 });
  });
  it('a province figure is the province\'s own in a province report, not in a county one', () => {
    const t = '全省各级人民调解组织共调解矛盾纠纷52.3万件，调解成功率98.6%。';
    expect(val(run(t, { adminLevel: 'county' }), 'mediation')).toMatchObject({ disputes: null, rate_pct: null });
    const doc = run(t);
    expect(val(doc, 'mediation')).toMatchObject({ disputes: 523000, rate_pct: 98.6 });
  });
});

describe('a named unit below the reporting body is not the body', () => {
  const adviser = (fs: ReturnType<typeof run>) => (val(fs, 'legal_adviser') as { present: boolean }).present;
  it("a town's facility inside a city's text does not give the city legal advisers", () => {
    const text =
      '今年以来，我市深入推进矛盾纠纷多元化解，全市建成调处化解平台20处。\n' +
      '东湖镇在镇政府东侧，建成了集“司法所+派出所+法律顾问团队+心理咨询室”为一体的联合调处中心，今年已成功调解矛盾纠纷85件。\n' +
      '全市各级调解组织共成功调解矛盾纠纷1500余起，我市基层治理水平持续提升。';
    expect(adviser(run(text))).toBe(false);
  });
  it('the same sentence in the town\'s own report is the body', () => {
    const fs = run('东湖镇2024年法治政府建设年度报告\n东湖镇在镇政府东侧，建成了集“司法所+派出所+法律顾问团队”为一体的联合调处中心。全镇聘请法律顾问1名。', { adminLevel: 'township' });
    expect(adviser(fs)).toBe(true);
  });
  it('a group of units (各镇) or the body itself is not a sub-unit', () => {
    expect(adviser(run('全县各镇均聘请了常年法律顾问，实现法律顾问全覆盖。', { adminLevel: 'county' }))).toBe(true);
    expect(adviser(run('今年以来，县政府聘请常年法律顾问2名，全年审查合同40份。', { adminLevel: 'county' }))).toBe(true);
  });
  it("a named town's figures in a county's text are a subset, not the county's", () => {
    const fs = run('全县法治建设稳步推进。\n青石镇成立矛盾纠纷联合调处中心，今年已成功调解矛盾纠纷85件，调解成功率98%。\n青石镇全年开展合法性审查26件。', { adminLevel: 'county' });
    expect(val(fs, 'mediation')).toEqual({ disputes: null, resolved: null, rate_pct: null });
    expect(val(fs, 'legality_reviews')).toBeNull();
    const own = run('全县法治建设稳步推进。\n全县各级调解组织成功调解矛盾纠纷850件，调解成功率98%。全年开展合法性审查26件。', { adminLevel: 'county' });
    expect(val(own, 'mediation')).toMatchObject({ resolved: 850, rate_pct: 98 });
    expect(val(own, 'legality_reviews')).toBe(26);
  });
  it("in a township report, a named village's adviser is the body's (its villages count)", () => {
    expect(adviser(run('东风村聘请律师担任法律顾问，为村民提供法律咨询。', { adminLevel: 'township' }))).toBe(true);
  });
  it('a county report: a named town is a sub-unit, the county itself is not', () => {
    expect(adviser(run('全县法治建设稳步推进。\n青石镇通过购买服务聘请律师担任法律顾问。', { adminLevel: 'county' }))).toBe(false);
    expect(adviser(run('青石县2024年法治政府建设年度报告\n青石县聘请律师担任政府法律顾问。', { adminLevel: 'county' }))).toBe(true);
  });
});
