// Synthetic report generator for benchmarks and robustness tests.
// The texts are written for this project in the style of township/county annual reports
// (法治政府建设年度报告); they copy nothing from the shared corpus. Every report is a pure
// function of (seed, index), so a batch of 10,000 can be regenerated anywhere (worker threads,
// child processes) without passing the texts around.

/** Small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    shuffle(arr) {
      const a2 = arr.slice();
      for (let i = a2.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a2[i], a2[j]] = [a2[j], a2[i]];
      }
      return a2;
    },
  };
}

const SYL = ['青', '石', '龙', '门', '桃', '源', '白', '沙', '云', '溪', '清', '河', '松', '柏', '安', '平', '长', '乐', '新', '华', '凤', '凰', '金', '山', '东', '湖', '西', '岭', '南', '坪', '北', '塘', '梅', '林', '双', '桥'];
const COUNTIES = ['临川县', '永宁县', '安远县', '青阳县', '江华县', '泰和县', '宁都县', '石城县'];
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function placeName(r, kind) {
  const n = r.int(2, 3);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(SYL);
  return s + kind;
}

function cnSmall(n) {
  // 1..99 in Chinese numerals (二十六, 十二, 九).
  if (n < 10) return CN_DIGITS[n];
  const t = Math.floor(n / 10), u = n % 10;
  return (t === 1 ? '' : CN_DIGITS[t]) + '十' + (u ? CN_DIGITS[u] : '');
}

/** Number as a report might write it: Arabic most of the time, sometimes Chinese or full-width. */
function num(r, n) {
  const x = r.next();
  if (x < 0.12 && n < 100) return cnSmall(n);
  if (x < 0.2) return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  return String(n);
}

const PARTS_TITLES = {
  measures: ['主要举措和成效', '法治政府建设主要举措和成效', '推进法治政府建设的主要举措和成效'],
  shortcomings: ['存在的不足和原因', '存在的问题和不足', '存在的主要问题及原因'],
  leader: ['党政主要负责人履行推进法治建设第一责任人职责情况', '党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况'],
  next: ['下一年度推进法治政府建设的主要安排', '{NY}年工作安排', '下一步工作打算'],
};
const ORD = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Sub-items of part one; each is a function of (r, v) returning [subheading, paragraph]. */
const MEASURES = [
  (r, v) => ['强化组织领导', `${v.place}党委、政府坚持把法治建设摆在全局工作的重要位置，成立由党委书记任组长、镇长任副组长的法治建设领导小组。全年召开党委会专题研究法治建设${num(r, r.int(1, 8))}次，研究解决执法队伍建设、矛盾纠纷化解等重点难点问题${num(r, r.int(2, 12))}个。严格落实党委理论学习中心组学法制度，全年开展会前学法${num(r, r.int(4, 24))}次，集中学习《中华人民共和国行政处罚法》《信访工作条例》《中华人民共和国民法典》等法律法规。`],
  (r, v) => ['推进依法科学民主决策', `严格执行重大行政决策程序，对${v.year}年涉及群众切身利益的${num(r, r.int(2, 9))}项重大事项履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。全年开展合法性审查${num(r, r.int(10, 160))}件，其中规范性文件${num(r, r.int(1, 6))}件、合同协议${num(r, r.int(5, 60))}份，提出修改意见${num(r, r.int(3, 40))}条。聘请${r.pick(['明德', '正源', '衡平', '致远'])}律师事务所律师担任政府常年法律顾问，法律顾问列席党政联席会议${num(r, r.int(3, 20))}次。`],
  (r, v) => ['规范公正文明执法', `深化综合行政执法改革，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，${v.year}年通过政府网站公示执法信息${num(r, r.int(20, 400))}条，配备执法记录仪${num(r, r.int(4, 30))}台，重大执法决定法制审核${num(r, r.int(1, 30))}件。全年办理行政处罚案件${num(r, r.int(5, 120))}件，无一起被复议纠错或诉讼败诉。`],
  (r, v) => ['依法化解矛盾纠纷', `坚持和发展新时代“枫桥经验”，健全${v.place}、村（社区）、村民小组三级调解网络。全年排查矛盾纠纷${num(r, v.disputes)}件，成功调解${num(r, v.resolved)}件，调解成功率${v.rate}%，未发生因调解不及时引发的民转刑案件。行政机关负责人出庭应诉率达${r.pick(['100', '95', '98.5', '90'])}%。`],
  (r, v) => ['深入开展普法宣传', `认真落实“谁执法谁普法”普法责任制，围绕宪法宣传周、民法典宣传月等时间节点，开展普法宣传活动${num(r, r.int(6, 80))}场次，举办法治讲座${num(r, r.int(2, 20))}期，发放宣传资料${num(r, r.int(2, 30) * 100)}余份，受教育群众${num(r, r.int(1, 9))}万余人次。实现村（社区）法律顾问全覆盖，${num(r, v.villages)}个村（社区）均配备法律顾问，全年提供法律咨询${num(r, r.int(50, 600))}人次。`],
  (r, v) => ['加强政务公开和监督', `坚持以公开为常态、不公开为例外，全年主动公开政府信息${num(r, r.int(40, 500))}条，办理依申请公开${num(r, r.int(0, 12))}件，均在法定期限内答复。自觉接受人大监督和政协民主监督，办理人大代表建议${num(r, r.int(2, 30))}件、政协委员提案${num(r, r.int(1, 20))}件，办结率100%。`],
  (r, v) => ['提升干部法治素养', `将法治教育纳入干部教育培训总体规划，组织机关干部参加年度学法考试，参考率、合格率均达100%。开展专题学法${num(r, r.int(2, 10))}次，选派${num(r, r.int(2, 15))}名执法人员参加县级执法业务培训，全镇持有行政执法证人员达${num(r, r.int(8, 60))}人。`],
];

const SHORT = [
  '一是部分干部运用法治思维和法治方式解决问题的能力还不够强，遇到复杂问题仍习惯于用行政手段处理。',
  '二是普法宣传的针对性和实效性有待提高，部分村（社区）普法形式较为单一，群众参与度不高。',
  '三是基层执法力量相对薄弱，专业执法人员数量不足，执法装备保障尚未完全到位。',
  '四是矛盾纠纷源头预防还不够到位，个别历史遗留问题尚未得到有效化解。',
];

const LEADER = (r, v) =>
  `${v.place}党委书记、${v.kind === '街道' ? '街道办事处主任' : '镇长'}切实履行推进法治建设第一责任人职责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。${v.year}年12月，党政主要负责人在年终述职中同步述法，述法情况纳入年度考核。主要负责人带头参加会前学法，带头接访下访，全年亲自接待群众来访${num(r, r.int(4, 40))}批次，督办重点信访事项${num(r, r.int(1, 12))}件。`;

const NEXT = (r, v) =>
  `${v.ny}年，${v.place}将继续深入学习贯彻习近平法治思想，重点做好以下工作：一是持续加强法治政府建设组织领导，计划专题研究法治建设不少于${num(r, r.int(3, 6))}次；二是进一步规范行政执法行为，拟开展执法案卷评查${num(r, r.int(1, 4))}次；三是深化“八五”普法，力争实现每个村（社区）至少培养${num(r, r.int(2, 5))}名“法律明白人”；四是健全矛盾纠纷多元化解机制，下一步将推动人民调解与行政调解、司法调解有效衔接。`;

const FILLER = [
  '认真贯彻落实上级关于法治政府建设的决策部署，坚持法治政府建设与经济社会发展同部署、同推进、同督促、同考核、同奖惩，推动各项工作在法治轨道上运行。',
  '持续推进“放管服”改革，优化便民服务中心窗口设置，推行“一窗受理、集成服务”，全年办理各类政务服务事项数千件，群众满意度持续提升。',
  '加强村级组织依法自治，指导各村（社区）修订完善村规民约、居民公约，推行村务公开“阳光工程”，保障群众知情权、参与权和监督权。',
  '结合安全生产、生态环境保护、自然资源管理等重点领域，组织开展联合执法检查，督促整改各类隐患问题，执法检查结果按规定向社会公开。',
  '深化平安建设，完善网格化服务管理，网格员常态化开展入户走访，及时发现并上报各类风险隐患，做到小事不出村、大事不出镇。',
  '推进公共法律服务体系建设，镇公共法律服务工作站和村（社区）公共法律服务室实现全覆盖，为群众提供法律咨询、法律援助申请等便捷服务。',
];

const CLAUSES = [
  '围绕{T}开展专项行动{N}次',
  '累计排查整改问题{N}个',
  '组织{T}业务培训{N}期，参训{N}人次',
  '完善{T}工作制度{N}项',
  '走访企业和群众{N}户，收集意见建议{N}条',
  '推动{T}工作规范化、制度化',
  '{T}工作纳入年度绩效考核',
  '建立{T}台账，实行销号管理',
  '召开{T}推进会{N}次',
  '印发{T}工作方案{N}份',
  '对{T}开展“回头看”检查',
  '形成{T}典型案例{N}个',
];
const TOPICS = ['安全生产', '食品安全', '耕地保护', '河湖长制', '森林防火', '信访积案化解', '营商环境', '乡村振兴', '殡葬改革', '城乡环境整治', '农村集体“三资”管理', '禁毒宣传', '反诈宣传', '校园周边治理'];
function filler(r, v) {
  const n = r.int(3, 5);
  const parts = [];
  for (let i = 0; i < n; i++) {
    parts.push(r.pick(CLAUSES).replace(/\{T\}/g, () => r.pick(TOPICS)).replace(/\{N\}/g, () => num(r, r.int(2, 300))));
  }
  return (r.chance(0.3) ? r.pick(FILLER) : '') + `${r.pick(['全年', '年内', v.year + '年'])}，${parts.join('，')}。`;
}

const CHROME_HEAD = [
  (v) => `首页 > 政务公开 > 法治政府建设\n${v.place}${v.year}年法治政府建设年度报告\n发布时间：${v.pub}  来源：${v.place}人民政府  浏览次数：${v.views}\n【字体：大 中 小】【打印本页】【关闭窗口】`,
  (v) => `当前位置：首页 > 信息公开 > 法定主动公开内容 > 法治政府建设年度报告\n索引号：${v.index}  发布机构：${v.place}人民政府  成文日期：${v.pub}\n${v.place}${v.year}年法治政府建设年度报告`,
  (v) => `${v.county}${v.place}${v.year}年度法治政府建设工作情况报告`,
];
const CHROME_FOOT = [
  (v) => `\n${v.place}人民政府\n${v.pub.replace(/-0?/, '年').replace(/-0?/, '月')}日\n分享到：\n【打印本页】【关闭窗口】\n主办单位：${v.county}人民政府办公室  网站标识码：36${v.views}0001  备案号：赣ICP备${v.views}号`,
  (v) => `\n${v.place}人民政府\n${v.year + 1}年${v.pubMonth}月${v.pubDay}日`,
  (v) => `\n扫一扫在手机打开当前页\n相关链接：\n关于印发《${v.place}法治政府建设实施方案》的通知\n上一篇：${v.place}${v.year - 1}年法治政府建设年度报告`,
];

/**
 * One synthetic report: returns { name, text, truth } where truth holds the figures used
 * (for smoke checks only; benchmarks do not grade accuracy).
 * Target size ≈ `targetBytes` of UTF-8 (default ~10 KB).
 */
export function makeReport(seed, index, { targetBytes = 10_000 } = {}) {
  const r = rng((seed * 1_000_003 + index * 7919) >>> 0);
  const kind = r.pick(['镇', '乡', '街道']);
  const year = r.pick([2022, 2023, 2024, 2024, 2024]);
  const pubMonth = r.int(1, 6), pubDay = r.int(1, 28);
  const disputes = r.int(30, 400);
  const resolved = disputes - r.int(0, Math.min(12, disputes));
  const v = {
    kind,
    place: placeName(r, kind),
    county: r.pick(COUNTIES),
    year,
    ny: year + 1,
    pub: `${year + 1}-${String(pubMonth).padStart(2, '0')}-${String(pubDay).padStart(2, '0')}`,
    pubMonth,
    pubDay,
    views: r.int(100, 9999),
    index: `${r.int(10000000, 99999999)}/${year + 1}-${r.int(10000, 99999)}`,
    disputes,
    resolved,
    rate: Math.round((resolved / disputes) * 1000) / 10,
    villages: r.int(6, 30),
  };
  const lines = [];
  const head = r.pick(CHROME_HEAD)(v);
  lines.push(head);
  lines.push(
    `${year}年，${v.place}在${v.county}委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想，统筹推进法治政府建设各项工作。现将${year}年度法治政府建设情况报告如下：`,
  );
  // Section order varies: measures first always; the other parts may swap or merge.
  const measures = r.shuffle(MEASURES).slice(0, r.int(5, MEASURES.length));
  const parts = [];
  parts.push(['measures', measures]);
  const rest = r.shuffle(['shortcomings', 'leader', 'next']);
  const merge = r.chance(0.2);
  for (const p of rest) {
    if (merge && p === 'next') continue;
    parts.push([p, null]);
  }
  let pi = 0;
  for (const [p, items] of parts) {
    let title = r.pick(PARTS_TITLES[p]).replace('{NY}', String(v.ny));
    if (merge && p === 'shortcomings') title = '存在的问题及下一步工作打算';
    lines.push(`${ORD[pi++]}、${title}`);
    if (p === 'measures') {
      let k = 0;
      for (const f of items) {
        const [sub, para] = f(r, v);
        lines.push(`（${ORD[k++]}）${sub}。${para}`);
        if (r.chance(0.5)) lines.push(r.pick(FILLER));
      }
    } else if (p === 'shortcomings') {
      lines.push(`${year}年，${v.place}法治政府建设虽然取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足：`);
      lines.push(...r.shuffle(SHORT).slice(0, r.int(2, 4)));
      if (merge) lines.push(NEXT(r, v));
    } else if (p === 'leader') {
      lines.push(LEADER(r, v));
    } else {
      lines.push(NEXT(r, v));
    }
  }
  const foot = r.pick(CHROME_FOOT)(v);
  // Pad with filler paragraphs inside part one until the target size is reached.
  let text = lines.join('\n') + '\n' + foot + '\n';
  let bytes = Buffer.byteLength(text);
  const at = lines.findIndex((l) => l.startsWith('（')) + 1 || 2;
  while (bytes < targetBytes) {
    const f = filler(r, v);
    lines.splice(at + r.int(0, 3), 0, f);
    bytes += Buffer.byteLength(f) + 1;
  }
  text = lines.join('\n') + '\n' + foot + '\n';
  const name = `${String(index).padStart(5, '0')}-${v.place}-${year}.txt`;
  return { name, text, truth: { place: v.place, year, disputes, resolved, rate: v.rate, villages: v.villages } };
}

/** Iterate `count` reports lazily (streaming generation). */
export function* reports(seed, count, opts) {
  for (let i = 0; i < count; i++) yield makeReport(seed, i, opts);
}
