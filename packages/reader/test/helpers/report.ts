// Split a plain-text report into title / body paragraphs / signature, dropping web chrome lines,
// to rebuild it as a Word file, a printed PDF or a web page.
export function splitReport(src: string): { title: string; body: string[]; signature: string[] } {
  const lines = src.split(/\r?\n/).map((l) => l.trim());
  const chrome = /^(首页|当前位置|发布时间|字号|账号|还没有账号|版权所有)/;
  const kept = lines.filter((l) => l && !chrome.test(l));
  const title = kept[0]!;
  const rest = kept.slice(1).filter((l) => l !== title);
  const sigAt = rest.findIndex((l, i) => i > 0 && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l)) - 1;
  const body = sigAt > 0 ? rest.slice(0, sigAt) : rest;
  const signature = sigAt > 0 ? rest.slice(sigAt, sigAt + 2) : [];
  return { title, body, signature };
}
