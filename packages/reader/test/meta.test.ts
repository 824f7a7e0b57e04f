// Metadata traps, on invented reports written in the style of real pages.
import { describe, expect, it } from 'vitest';
import { readBuffer } from '../src/index.js';
import { placeOf } from '../src/meta.js';

const read = (text: string, name = 'r.txt') => readBuffer(new TextEncoder().encode(text), name);
const BODY = '坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政，各项工作取得新成效。现将有关情况报告如下：\n一、主要举措和成效\n全年开展合法性审查18件，调解矛盾纠纷96件。\n';

describe('metadata', () => {
  it('a page clock is not a publish date; 更新时间 is', async () => {
    const d = await read(`今天是：2019年10月31日 星期四 农历十月初三\n您所在的位置：政务公开 > 工作报告\n2020年松溪区法治政府建设情况报告\n文章来源：区司法局 更新时间：2021/03/26 10:12:45\n2020年，松溪区${BODY}`);
    expect(d.meta.publishDate.value).toBe('2021-03-26');
    expect(d.meta.publishDate.evidence[0]!.quote).toBe('更新时间：2021/03/26');
    expect(d.meta.reportYear.value).toBe(2020);
    expect(d.meta.place.value).toBe('松溪区');
    expect(d.meta.adminLevel.value).toBe('county');
    expect(d.view).not.toContain('今天是');
  });

  it('a signature date in Chinese digits', async () => {
    const d = await read(`桐木乡2023年法治政府建设工作报告\n2023年，桐木乡${BODY}\n桐木乡人民政府\n二〇二四年三月十二日\n`);
    expect(d.meta.publishDate.value).toBe('2024-03-12');
    expect(d.meta.publishDate.evidence[0]!.quote).toBe('二〇二四年三月十二日');
    expect(d.meta.issuer.value).toBe('桐木乡人民政府');
    expect(d.meta.place.value).toBe('桐木乡');
  });

  it('a broken signature date is flagged, not guessed', async () => {
    const d = await read(`安平县2019年度法治政府建设工作情况报告\n2019年，安平县${BODY}\n安平县人民政府\n2020312\n`);
    expect(d.meta.publishDate.value).toBeNull();
    expect(d.meta.publishDate.trusted).toBe(false);
    expect(d.meta.publishDate.evidence[0]!.quote).toBe('2020312');
    expect(d.warnings.some((w) => w.code === 'W_BROKEN_DATE')).toBe(true);
    expect(d.meta.issuer.value).toBe('安平县人民政府');
  });

  it('the posting office is not the issuer; a department report is a department', async () => {
    const d = await read(`青岚县司法局\n搜索位置\n青岚县交通运输局2025年法治政府建设报告\n发布日期: 2026-02-27 发布机构: 县司法局\n2025年，县交通运输局${BODY}`);
    expect(d.meta.issuer.value).toBe('青岚县交通运输局');
    expect(d.meta.place.value).toBe('青岚县交通运输局');
    expect(d.meta.adminLevel.value).toBe('department');
    expect(d.meta.publishDate.value).toBe('2026-02-27');
  });

  it('publish date over 成文日期, and a metadata table printed twice stays out of the view', async () => {
    const table = '[ 索引号 ] 11500230008689000A/2026-00003 [ 发文字号 ]\n[ 发布机构 ] 青岚县石门乡人民政府 [ 有效性 ]\n[ 成文日期 ] 2026-01-20 [ 发布日期 ] 2026-02-06\n';
    const d = await read(`首页>政务公开>法治政府建设报告\n${table}${table.replace(/ \[ /g, '\n[ ')}青岚县石门乡人民政府2025年法治政府建设情况报告\n2025年，在县委、县政府的坚强领导下，石门乡${BODY}`);
    expect(d.meta.publishDate.value).toBe('2026-02-06');
    expect(d.meta.issuer.value).toBe('青岚县石门乡人民政府');
    expect(d.meta.place.value).toBe('石门乡');
    expect(d.view).not.toContain('索引号');
    expect(d.view.startsWith('青岚县石门乡人民政府2025年法治政府建设情况报告')).toBe(true);
  });

  it('the report year comes from the title or opening, not from a 《纲要(2021-2025年)》 or the publish year', async () => {
    const d = await read(`根据《法治政府建设实施纲要（2021—2025年）》要求，2024年，柳岸街道${BODY}`);
    expect(d.meta.reportYear.value).toBe(2024);
    expect(d.meta.place.value).toBe('柳岸街道');
    expect(d.meta.adminLevel.value).toBe('township');
    const masked = await read(`古柳街道2025年法治政府建设年度报告\n古柳街道****年法治政府建设年度报告\n****年，古柳街道${BODY}`);
    expect(masked.meta.reportYear.value).toBe(2025);
  });

  it('traditional script: place simplified, issuer as written', async () => {
    const d = await read(`發布時間：2025-04-11 16:33 信息來源：辰溪縣石龍鄉\n石龍鄉2024年法治政府建設情況報告\n2024年，石龍鄉堅持以習近平新時代中國特色社會主義思想為指導，深入貫徹習近平法治思想，全面推進依法行政，各項工作取得新成效。\n`);
    expect(d.meta.script).toBe('traditional');
    expect(d.meta.place.value).toBe('石龙乡');
    expect(d.meta.issuer.value).toBe('石龍鄉');
    expect(d.meta.publishDate.value).toBe('2025-04-11');
  });

  it('title forms: 关于… at the start, a year in Chinese digits', async () => {
    const a = await read(`关于青岚县石门乡2023年法治政府建设工作情况的报告\n2023年，石门乡${BODY}`);
    expect(a.meta.issuer.value).toBe('青岚县石门乡');
    expect(a.meta.place.value).toBe('石门乡');
    const b = await read(`青岚县人民政府关于二〇二三年度法治政府建设情况的报告\n一年来，全县${BODY}`);
    expect(b.meta.reportYear.value).toBe(2023);
    expect(b.meta.issuer.value).toBe('青岚县人民政府');
    expect(b.meta.place.value).toBe('青岚县');
    expect(b.meta.adminLevel.value).toBe('county');
  });

  it('a numbered heading before the first paragraph is not the title', async () => {
    const d = await read(`县委、县政府：\n一、2024年法治政府建设主要情况\n2024年，石门乡${BODY}`);
    expect(d.meta.title.value).toBeNull();
    expect(d.view.startsWith('县委、县政府:\n一、2024年法治政府建设主要情况')).toBe(true);
    expect(d.meta.reportYear.value).toBe(2024);
  });

  it('placeOf strips prefixes and 人民政府', () => {
    expect(placeOf('江南省临川市人民政府')).toEqual({ place: '临川市', level: 'city' });
    expect(placeOf('酉阳土家族苗族自治县丁香镇人民政府')).toEqual({ place: '丁香镇', level: 'township' });
    expect(placeOf('浦东新区川沙新镇人民政府')).toEqual({ place: '川沙新镇', level: 'township' });
    expect(placeOf('中共沅水县委 沅水县人民政府')).toEqual({ place: '沅水县', level: 'county' });
    expect(placeOf('白云区政府')).toEqual({ place: '白云区', level: 'county' });
    expect(placeOf('青岚县市场监督管理局')).toEqual({ place: '青岚县市场监督管理局', level: 'department' });
    expect(placeOf('内蒙古自治区人民政府')).toEqual({ place: '内蒙古自治区', level: 'province' });
    expect(placeOf('长堤街道办事处')).toEqual({ place: '长堤街道', level: 'township' });
  });
});
