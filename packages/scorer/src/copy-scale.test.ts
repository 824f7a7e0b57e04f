import { describe, expect, it } from 'vitest';
import { addCopyFlags, boilerplateLimit, detectCopies, fingerprintText, THRESHOLDS } from './index.js';
import type { TextFingerprint } from './fingerprint.js';

// Thirty township reports written from one template: the stock sentences every unit writes,
// with their own place names and figures, plus a sentence of their own.
const PLACES = ['青山', '白沙', '石门', '柳溪', '桃源', '龙泉', '梅岭', '竹林', '凤凰', '金鸡', '银杏', '黄土', '马坡', '牛岭', '羊角', '双河', '三江', '四方', '五里', '六合', '七星', '八角', '九龙', '十里', '高桥', '新店', '古城', '南湖', '北山', '东岗'];
const OWN = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
function report(i: number, extra = ''): string {
  const p = PLACES[i]!;
  return [
    `${p}镇2025年法治政府建设年度报告`,
    `一、坚持以习近平法治思想为指导，深入学习贯彻党的二十大和二十届三中全会精神，全面推进依法行政工作。`,
    `二、镇党委理论学习中心组开展专题学习${i + 3}次，镇政府常务会议学法${i + 5}次，切实提高领导干部依法决策能力和水平。`,
    `三、严格落实重大行政决策程序，坚持公众参与、专家论证、风险评估、合法性审查和集体讨论决定。`,
    `四、${p}镇聘请法律顾问${(i % 4) + 1}名，审查合同${i + 12}份，提出法律意见${i * 2 + 7}条，为镇政府依法决策提供了有力保障。`,
    `五、${p}村${OWN[i % 10]}组修建便民调解室${OWN[(i + 3) % 10]}处并完成${p}河沿岸排查整治工作共计${i + 20}公里。`,
    extra,
    `六、下一步，我镇将继续深入推进法治政府建设，不断提升依法行政水平。`,
  ].join('\n');
}
const fp = (t: string): TextFingerprint => fingerprintText(t, (i) => i, t);
const SHARED =
  '我们在全县率先建立了“村民说事、乡贤评理、律师把关”的三步议事规则，由驻村律师对每一件村规民约修订和集体资产处置事项出具书面意见，全年把关事项四十七件，纠正不合规条款十一条。驻村律师同时为留守老人和外出务工人员提供“云端”法律咨询服务，建立了一户一档的法律需求清单。';

// Deterministic pseudo-random Chinese text: distinctive paragraphs that no template contains.
const POOL = '法治政府建设推进依法行政决策程序合法性审查执法监督复议应诉公开透明普法宣传矛盾纠纷调解信访责任清单权力运行制约监督乡村振兴基层治理网格服务便民窗口营商环境诚信体系';
function distinct(seed: number, len: number): string {
  let x = seed * 2654435761 + 12345;
  let out = '';
  for (let i = 0; i < len; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += POOL[(x >>> 8) % POOL.length];
    if (i % 30 === 29) out += '。';
  }
  return out + '。';
}

describe('copy detection at scale — boilerplate is not copying', () => {
  it('30 reports from one template share no pair through the template alone', () => {
    const files = PLACES.map((p) => `${p}.txt`);
    const fps = Object.fromEntries(files.map((f, i) => [f, fp(report(i))]));
    expect(boilerplateLimit(30)).toBe(3);
    expect(detectCopies(files, fps)).toEqual([]);
  });

  it('two of the 30 that really share a distinctive paragraph are found, with both passages', () => {
    const files = PLACES.map((p) => `${p}.txt`);
    const texts = files.map((_, i) => report(i, i === 4 || i === 17 ? SHARED : ''));
    const fps = Object.fromEntries(files.map((f, i) => [f, fp(texts[i]!)]));
    const pairs = detectCopies(files, fps);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[files[4], files[17]].sort()]);
    const pair = pairs[0]!;
    expect(pair.sharedChars).toBeGreaterThanOrEqual(THRESHOLDS.copy.minSharedChars);
    expect(pair.passages.length).toBeGreaterThan(0);
    const ta = texts[files.indexOf(pair.a)]!;
    const tb = texts[files.indexOf(pair.b)]!;
    for (const { a, b } of pair.passages) {
      expect(ta.slice(a.start, a.end)).toBe(a.quote);
      expect(tb.slice(b.start, b.end)).toBe(b.quote);
      expect(SHARED).toContain(a.quote);
      expect(b.quote).toBe(a.quote);
    }
  });

  it('caps the passages kept per pair (longest first, the rest counted) and the pairs named per report', () => {
    const sentences = Array.from({ length: 12 }, (_, k) => `第${'一二三四五六七八九十'[k % 10]}${'甲乙丙'[k % 3]}项独有做法是由${'东南西北'[k % 4]}片区司法所牵头组织${k}号专班逐户上门开展法律咨询和矛盾排查，${'并'.repeat(k + 1)}形成台账。`);
    const big = sentences.join('\n');
    const files = ['a.txt', 'b.txt'];
    const pairs = detectCopies(files, { 'a.txt': fp(big), 'b.txt': fp(big) });
    expect(pairs).toHaveLength(1);
    const p = pairs[0]!;
    expect(p.passages).toHaveLength(THRESHOLDS.copy.maxPassages);
    expect(p.morePassages).toBe(12 - THRESHOLDS.copy.maxPassages);
    const lens = p.passages.map((x) => x.a.quote.length);
    expect(lens).toEqual([...lens].sort((x, y) => y - x));

    // One report copied by 14 others, each taking a different distinctive paragraph: the hub
    // names only maxPairsPerReport of them in its flag and counts the rest.
    const paras = Array.from({ length: 14 }, (_, k) => distinct(k + 1, 120));
    const names = ['hub.txt', ...Array.from({ length: 14 }, (_, k) => `c${String(k).padStart(2, '0')}.txt`)];
    const fps: Record<string, TextFingerprint> = { 'hub.txt': fp(paras.join('\n')) };
    for (let k = 0; k < 14; k++) fps[names[k + 1]!] = fp(paras[k]!);
    const got = detectCopies(names, fps);
    const ofHub = got.filter((x) => x.a === 'hub.txt' || x.b === 'hub.txt');
    expect(ofHub).toHaveLength(14);
    // Every kept pair is in the top maxPairsPerReport of one side; each copier has only the hub.
    expect(got.length).toBeLessThanOrEqual(14);
    const cards = names.map((file) => ({ file, flags: [] }) as unknown as Parameters<typeof addCopyFlags>[0][number]);
    const flagged = addCopyFlags(cards, got);
    const hubFlag = flagged[0]!.flags.find((f) => f.code === 'copied_text');
    expect(hubFlag!.message).toContain(`另有 ${14 - THRESHOLDS.copy.maxPairsPerReport} 份`);
    // Deterministic: same input, same output.
    expect(detectCopies([...names].reverse(), fps)).toEqual(got);
  });
});
