import { describe, expect, it } from 'vitest';
import { htmlToText } from '../src/formats/html.js';

describe('htmlToText (the ORIGINAL text of a web page)', () => {
  it('blocks become lines, whitespace collapses, entities decode, scripts and comments vanish', () => {
    const { text } = htmlToText(
      '<html><head><title>t</title><style>p{}</style></head><body><!-- c --><h1>青岚县&nbsp;报告</h1>\n<p>  全年办结  <b>120</b>件 &lt;含&gt; &#x4e00;项&#19968;&ldquo;好&rdquo;</p><script>var a="<p>x</p>"</script><br>a < b<table><tr><td>发布日期</td><td>2025-02-16</td></tr></table><pre>  一\n  二</pre></body></html>',
    );
    expect(text).toBe('青岚县\u00A0报告\n全年办结 120件 <含> 一项一“好”\na < b\n发布日期\t2025-02-16\n一\n二');
  });

  it('nav/header/footer and chrome-named elements are chrome ranges of the original', () => {
    const html = '<div class="breadcrumb">首页 &gt; 政务公开</div><div id="content"><p>正文第一段。</p></div><div class="footer-links"><p>版权所有</p></div><nav>菜单</nav>';
    const { text, chrome } = htmlToText(html);
    const inChrome = (s: string) => chrome.some(([a, b]) => text.indexOf(s) >= a && text.indexOf(s) + s.length <= b);
    expect(inChrome('首页 > 政务公开')).toBe(true);
    expect(inChrome('版权所有')).toBe(true);
    expect(inChrome('菜单')).toBe(true);
    expect(inChrome('正文第一段。')).toBe(false);
  });

  it('broken markup: unclosed tags, a stray <, unmatched closers', () => {
    expect(htmlToText('<p>一<p>二</span></div>三 <a href="x').text).toBe('一\n二\n三 <a href="x');
    expect(htmlToText('<a x="'.repeat(2000)).text.length).toBeGreaterThan(0);
  });
});
