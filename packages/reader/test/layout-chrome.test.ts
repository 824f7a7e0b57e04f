// The chrome prefilter (chromeCandidates) must never hide a line the chrome patterns match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chromeCandidates, isChromeLine, splitLines } from '../src/layout.js';

const CHROME_LINES = [
  '版权所有：白鹭湾镇人民政府', 'COPYRIGHT 2024', 'copyright © 2024', '湘ICP备12345678号', 'icp证 010203', '网站标识码4301000001', '网站识别码', '京公网安备 110102',
  '主办单位：白鹭湾镇人民政府办公室', '承办单位：镇党政办', '技术支持：某某科技', '网站地图', '联系我们', '设为首页', '加入收藏',
  '【 打印 】', '【关闭】', '[打印本页]', '[ 关闭窗口 ]', '打印本页', '关闭窗口', '返回顶部', '分享到：', '扫一扫在手机打开当前页', '微信扫一扫', '在手机上查看',
  '字号：大 中 小', '字号【大】【中】【小】', '账号+密码登录', '手机 + 验证码登录', '还没有账号？', '已有账号', '立即注册', '忘记密码？', '用户登录', '登录', '注册', '登录 | 注册', '退出登录', '个人中心', '扫码登录',
  '当前位置：首页 > 政务公开', '您当前所在位置：首页', '您所在的位置:', '您现在的位置：', '当前所在位置：', '所在位置：', '位置：首页', '首页 > 政务公开 > 法治政府建设', '首页/通知公告',
  '今天是：2025年3月1日 星期六', '2025年3月1日 星期六 农历二月初二', '星期一', '上一篇：关于…', '下一篇', '相关链接', '相关文章', '相关阅读：', '友情链接', '热点推荐', '推荐阅读',
  '[bookmark: _GoBack]', '- 3 -', '—12—', '–7–', '第 3 页', '第3页 共12页', '第 2 页，共 9 页',
];
const PIECES = [...CHROME_LINES, '法治政府建设', '，', '。', ' ', '\u3000', '2024年', '白鹭湾镇人民政府', '首页', '打印', '关闭', '【', '】', '[', ']', '字号', '星期', '第', '页', 'ICP', 'Copy', 'right', '-', '—'];
const lineArb = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((a) => a.join('').replace(/\n/g, ''));

describe('chromeCandidates', () => {
  it.each(CHROME_LINES)('keeps a chrome line as a candidate: %s', (line) => {
    expect(isChromeLine(line)).toBe(true);
    const text = `一、总体情况\n  ${line}  \n我镇坚持依法行政。`;
    const lines = splitLines(text);
    expect(chromeCandidates(text, lines)[1]).toBe(1);
  });

  it('never leaves out a line that the chrome patterns match (any text, any line)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), (rows) => {
        const text = rows.join('\n');
        const lines = splitLines(text);
        const cand = chromeCandidates(text, lines);
        lines.forEach((l, i) => {
          if (isChromeLine(l.text)) expect(cand[i]).toBe(1);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out ordinary body lines', () => {
    const text = '2024年，白鹭湾镇坚持以习近平法治思想为指导，全面推进法治政府建设。\n全年开展合法性审查52件，办理行政复议案件3件。';
    expect([...chromeCandidates(text, splitLines(text))]).toEqual([0, 0]);
  });
});
