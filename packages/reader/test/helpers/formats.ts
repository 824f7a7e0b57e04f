// Turn a plain-text report into the other input formats (used by the fixture script and by the
// tests that convert a real report in a temp dir).
import JSZip from 'jszip';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A saved government web page around the report body: nav, breadcrumbs, login box, footer. */
export function toHtml(o: { title: string; date?: string; source?: string; body: string[]; signature?: string[]; charset?: string }): string {
  const cs = o.charset ?? 'utf-8';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="${cs}"><title>${esc(o.title)}_青岚县人民政府门户网站</title>
<style>body{font-family:"Noto Sans SC",sans-serif} .nav a{margin:0 8px}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script></head>
<body>
<div class="top-bar">欢迎访问青岚县人民政府门户网站 <a href="#">登录</a> | <a href="#">注册</a></div>
<nav class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hdjl">互动交流</a><a href="/bsfw">办事服务</a></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
<h1>${esc(o.title)}</h1>
<div class="info">${o.date ? `发布时间：${esc(o.date)}&nbsp;&nbsp;` : ''}${o.source ? `来源：${esc(o.source)}&nbsp;&nbsp;` : ''}浏览次数：<span id="hits">318</span></div>
<div class="tools">字号：<a>大</a> <a>中</a> <a>小</a> <a>【打印】</a><a>【关闭】</a></div>
<div class="TRS_Editor">
${o.body.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join('\n')}
${(o.signature ?? []).map((p) => `<p style="text-align:right">${esc(p)}</p>`).join('\n')}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
</div>
<footer><p>版权所有：青岚县人民政府办公室 主办单位：青岚县人民政府</p><p>网站标识码：5199000001 黔ICP备12345678号</p></footer>
<script>console.log("footer")</script>
</body></html>
`;
}

/** A minimal .docx (one Word paragraph per line) built with jszip. */
export async function toDocx(paragraphs: string[], opts: { bookmark?: boolean } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p, i) => `<w:p>${i === 0 ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}${opts.bookmark && i === 2 ? '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' : ''}<w:r><w:t xml:space="preserve">${x(p)}</w:t></w:r></w:p>`)
    .join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
