// The one page of the self-check app: zh-CN, no external resources. Its script and stylesheet are
// served from this server (/app.js, /app.css) so the CSP can stay `script-src 'self'` with no
// inline code. Report text never goes through innerHTML: the client builds nodes with textContent.

export const PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>法治政府建设年度报告自查 · Fazhi Scorecard</title>
<link rel="stylesheet" href="/fonts.css">
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header class="top">
  <h1>法治政府建设年度报告自查</h1>
  <p class="sub">上传或粘贴报告，按评分细则逐项打分；每一分都附原文引文。文件只在内存中处理，不保存。</p>
</header>
<main>
  <nav class="tabs" role="tablist">
    <button type="button" role="tab" id="tab-single" aria-selected="true" data-mode="single">单份自查</button>
    <button type="button" role="tab" id="tab-batch" aria-selected="false" data-mode="batch">批量评估（考评委员会）</button>
  </nav>

  <section class="controls">
    <label class="rubric">评分细则
      <select id="rubric" name="rubric"><option value="">（加载中…）</option></select>
    </label>

    <div id="single-panel">
      <div id="drop" class="drop" tabindex="0">
        <p><strong>把报告文件拖到这里</strong>，或 <label class="pick">选择文件<input id="file" type="file" accept=".docx,.doc,.pdf,.txt,.html,.htm"></label></p>
        <p class="hint">支持 .docx .doc .pdf .txt .html（按文件内容识别格式）</p>
      </div>
      <details id="paste-box">
        <summary>或者粘贴报告全文</summary>
        <textarea id="paste" rows="10" placeholder="在此粘贴报告全文……"></textarea>
        <button type="button" id="paste-go">评估粘贴的文本</button>
      </details>
    </div>

    <div id="batch-panel" hidden>
      <div id="drop-batch" class="drop" tabindex="0">
        <p><strong>把多份报告拖到这里</strong>，或 <label class="pick">选择多个文件<input id="files" type="file" multiple accept=".docx,.doc,.pdf,.txt,.html,.htm"></label></p>
        <p class="hint">各乡镇、部门的报告一次上传；出错的文件单独列出，其余照常评分。</p>
      </div>
    </div>
  </section>

  <p id="status" class="status" role="status" aria-live="polite"></p>
  <div id="error" class="error" role="alert" hidden></div>

  <section id="result" hidden>
    <div class="summary">
      <div class="total"><span id="total">–</span><span class="max"> / <span id="max">–</span> 分</span></div>
      <div class="meta"><div id="grade" class="grade"></div><div id="who"></div></div>
      <div class="downloads">
        <a id="dl-html" class="btn" download>下载 HTML</a>
        <a id="dl-pdf" class="btn" download>下载 PDF</a>
        <button type="button" id="dl-json" class="btn">下载 JSON</button>
      </div>
    </div>
    <div id="warnings" class="warnings" hidden></div>
    <div id="missing-box" hidden>
      <h2>还缺什么（按可得分从高到低）</h2>
      <ol id="missing"></ol>
    </div>
    <iframe id="card" title="评分卡" sandbox="allow-scripts allow-popups allow-downloads"></iframe>
  </section>

  <section id="batch-result" hidden>
    <div class="summary">
      <div id="batch-count"></div>
      <div class="downloads">
        <a id="dl-dash" class="btn" download hidden>下载汇总看板 HTML</a>
        <a id="dl-dash-pdf" class="btn" download hidden>下载汇总看板 PDF</a>
        <button type="button" id="dl-batch-json" class="btn">下载全部 JSON</button>
      </div>
    </div>
    <table class="rank">
      <thead><tr><th>文件</th><th>单位</th><th>得分</th><th>等级</th><th></th></tr></thead>
      <tbody id="batch-rows"></tbody>
    </table>
    <iframe id="dash" title="汇总看板" sandbox="allow-scripts allow-popups allow-downloads" hidden></iframe>
  </section>
</main>
<footer>Fazhi Scorecard · 结果为辅助自查，不代替考评委员会的正式评定。</footer>
</body>
</html>
`;

export const APP_CSS = `
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --accent:#b42318; --ok:#1a7f37; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans SC","Microsoft YaHei","PingFang SC","Source Han Sans SC",sans-serif; color:var(--fg); background:#fff; line-height:1.6; }
.top { padding:16px 24px; border-bottom:3px solid var(--accent); }
.top h1 { margin:0; font-size:22px; }
.sub { margin:4px 0 0; color:var(--muted); font-size:14px; }
main { max-width:1100px; margin:0 auto; padding:16px 24px 40px; }
.tabs { display:flex; gap:4px; border-bottom:1px solid var(--line); margin-bottom:12px; }
.tabs button { border:1px solid var(--line); border-bottom:none; background:var(--bg); padding:6px 14px; cursor:pointer; font:inherit; border-radius:6px 6px 0 0; }
.tabs button[aria-selected="true"] { background:#fff; font-weight:bold; position:relative; top:1px; }
.rubric { display:block; margin-bottom:12px; }
.rubric select { margin-left:8px; font:inherit; padding:2px 6px; max-width:100%; }
.drop { border:2px dashed var(--line); border-radius:10px; padding:24px; text-align:center; background:var(--bg); }
.drop.over { border-color:var(--accent); background:#fff5f4; }
.drop p { margin:4px 0; }
.hint { color:var(--muted); font-size:13px; }
.pick { color:var(--accent); text-decoration:underline; cursor:pointer; }
.pick input { position:absolute; width:1px; height:1px; opacity:0; }
details { margin-top:12px; }
textarea { width:100%; font:inherit; padding:8px; border:1px solid var(--line); border-radius:6px; }
button, .btn { font:inherit; padding:6px 14px; border:1px solid var(--line); border-radius:6px; background:#fff; cursor:pointer; color:var(--fg); text-decoration:none; display:inline-block; }
#paste-go { margin-top:6px; background:var(--accent); color:#fff; border-color:var(--accent); }
.status { min-height:1.6em; color:var(--muted); }
.error { border:1px solid var(--accent); background:#fff5f4; color:var(--accent); padding:10px 14px; border-radius:6px; white-space:pre-wrap; }
.summary { display:flex; flex-wrap:wrap; gap:24px; align-items:center; padding:12px 0; border-bottom:1px solid var(--line); }
.total { font-size:40px; font-weight:bold; color:var(--accent); }
.total .max { font-size:18px; color:var(--muted); font-weight:normal; }
.grade { font-size:20px; font-weight:bold; }
.downloads { margin-left:auto; display:flex; gap:8px; flex-wrap:wrap; }
.warnings { margin:10px 0; padding:8px 12px; background:#fff8c5; border-radius:6px; font-size:14px; }
#missing li { margin:4px 0; }
#missing .pts { color:var(--accent); font-weight:bold; margin-right:6px; }
#missing .remedy { color:var(--muted); font-size:14px; display:block; }
iframe { width:100%; height:80vh; border:1px solid var(--line); border-radius:6px; margin-top:12px; background:#fff; }
table.rank { width:100%; border-collapse:collapse; margin-top:12px; }
table.rank th, table.rank td { border-bottom:1px solid var(--line); padding:6px 8px; text-align:left; }
table.rank td.err { color:var(--accent); }
footer { color:var(--muted); font-size:12px; text-align:center; padding:16px; border-top:1px solid var(--line); }
[hidden] { display:none !important; }
`;

// Plain ES2020, no template literals, so it can live in this TS string untouched.
export const APP_JS = String.raw`
'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var lastCard = null, lastBatch = null, busy = false;

  function setStatus(t) { $('status').textContent = t || ''; }
  function showError(e) {
    var box = $('error');
    if (!e) { box.hidden = true; box.textContent = ''; return; }
    box.hidden = false;
    box.textContent = '错误 ' + (e.code || 'E_INTERNAL') + '：' + (e.message || '未知错误') + (e.file ? '（文件：' + e.file + '）' : '');
  }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function fmtNum(n) { return (Math.round(n * 10) / 10).toString(); }

  function loadRubrics() {
    fetch('/api/rubrics', { headers: { accept: 'application/json' } }).then(function (r) { return r.json(); }).then(function (j) {
      var sel = $('rubric');
      sel.textContent = '';
      (j.rubrics || []).forEach(function (r) {
        var o = el('option', null, r.title + (r.version ? '（' + r.version + '）' : '') + (r.source === 'dir' ? ' [本地]' : '') + (r.error ? ' — 有错误，不可用' : ''));
        o.value = r.key;
        if (r.error) { o.disabled = true; o.title = r.error; }
        if (r.key === j.default) o.selected = true;
        sel.appendChild(o);
      });
      if (!sel.options.length) { var o = el('option', null, '（没有可用的评分细则）'); o.value = ''; sel.appendChild(o); }
    }).catch(function () { showError({ code: 'E_NETWORK', message: '无法连接服务器，请刷新页面。' }); });
  }

  function post(url, form) {
    return fetch(url, { method: 'POST', body: form, headers: { accept: 'application/json' } }).then(function (r) {
      return r.text().then(function (t) {
        var j = null;
        try { j = JSON.parse(t); } catch (e) { j = { code: 'E_INTERNAL', message: '服务器返回了无法识别的内容（HTTP ' + r.status + '）。' }; }
        if (!r.ok) throw j;
        return j;
      });
    }, function () { throw { code: 'E_NETWORK', message: '网络连接失败或服务器已停止，请检查后重试。' }; });
  }

  function scoreForm(form) {
    if (busy) return;
    busy = true;
    showError(null);
    $('result').hidden = true;
    form.append('rubric', $('rubric').value);
    setStatus('正在评估，请稍候……');
    var t0 = Date.now();
    post('/api/score?view=1', form).then(function (j) {
      showCard(j);
      setStatus('评估完成，用时 ' + ((Date.now() - t0) / 1000).toFixed(1) + ' 秒。');
    }, function (e) { setStatus(''); showError(e); }).then(function () { busy = false; });
  }

  function showCard(j) {
    var c = j.card;
    lastCard = c;
    $('total').textContent = fmtNum(c.total);
    $('max').textContent = fmtNum(c.max);
    $('grade').textContent = c.grade;
    $('who').textContent = [c.place || '（未识别单位）', c.reportYear ? c.reportYear + ' 年度' : '', c.file].filter(Boolean).join(' · ');
    var w = $('warnings');
    w.textContent = '';
    var notes = (j.warnings || []).map(function (x) { return x.message; }).concat((c.flags || []).filter(function (f) { return f.severity !== 'info'; }).map(function (f) { return f.message; }));
    notes.forEach(function (m) { w.appendChild(el('div', null, '⚠ ' + m)); });
    w.hidden = notes.length === 0;
    var ol = $('missing');
    ol.textContent = '';
    (c.missing || []).forEach(function (m) {
      var li = el('li');
      li.appendChild(el('span', 'pts', '−' + fmtNum(m.atStake) + ' 分'));
      li.appendChild(el('span', 'title', m.title));
      if (m.remedy) li.appendChild(el('span', 'remedy', m.remedy));
      ol.appendChild(li);
    });
    $('missing-box').hidden = !(c.missing && c.missing.length);
    var frame = $('card');
    if (j.view) {
      frame.hidden = false;
      frame.src = j.view;
      $('dl-html').href = j.view + '?download=1';
      $('dl-html').hidden = false;
      $('dl-pdf').href = j.view + '.pdf';
      $('dl-pdf').hidden = false;
    } else {
      frame.hidden = true;
      $('dl-html').hidden = true;
      $('dl-pdf').hidden = true;
    }
    $('result').hidden = false;
  }

  function downloadJson(obj, name) {
    var blob = new Blob([JSON.stringify(obj, null, 2)], { type: 'application/json' });
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function scoreFile(file) {
    var f = new FormData();
    f.append('file', file, file.name);
    scoreForm(f);
  }

  function scoreBatch(files) {
    if (busy || !files.length) return;
    busy = true;
    showError(null);
    $('batch-result').hidden = true;
    var f = new FormData();
    f.append('rubric', $('rubric').value);
    for (var i = 0; i < files.length; i++) f.append('file', files[i], files[i].name);
    setStatus('正在评估 ' + files.length + ' 份报告，请稍候……');
    var t0 = Date.now();
    post('/api/batch', f).then(function (j) {
      showBatch(j);
      setStatus('完成：' + j.scored + ' 份评分成功，' + j.failed + ' 份失败，用时 ' + ((Date.now() - t0) / 1000).toFixed(1) + ' 秒。');
    }, function (e) { setStatus(''); showError(e); }).then(function () { busy = false; });
  }

  function showBatch(j) {
    lastBatch = j;
    $('batch-count').textContent = '共 ' + j.count + ' 份：成功 ' + j.scored + '，失败 ' + j.failed;
    var rows = $('batch-rows');
    rows.textContent = '';
    var ok = j.results.filter(function (r) { return r.ok; }).sort(function (a, b) { return b.total - a.total; });
    var bad = j.results.filter(function (r) { return !r.ok; });
    ok.concat(bad).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', null, r.file));
      if (r.ok) {
        tr.appendChild(el('td', null, r.place || '—'));
        tr.appendChild(el('td', null, fmtNum(r.total) + ' / ' + fmtNum(r.max)));
        tr.appendChild(el('td', null, r.grade));
        var td = el('td');
        if (r.view) {
          var b = el('button', null, '查看评分卡');
          b.type = 'button';
          b.addEventListener('click', function () { var d = $('dash'); d.hidden = false; d.src = r.view; });
          td.appendChild(b);
        }
        tr.appendChild(td);
      } else {
        var e = el('td', 'err', '错误 ' + r.error.code + '：' + r.error.message);
        e.colSpan = 4;
        tr.appendChild(e);
      }
      rows.appendChild(tr);
    });
    var d = $('dash');
    if (j.dashboard) {
      d.hidden = false; d.src = j.dashboard;
      $('dl-dash').href = j.dashboard + '?download=1'; $('dl-dash').hidden = false;
      $('dl-dash-pdf').href = j.dashboard + '.pdf'; $('dl-dash-pdf').hidden = false;
    } else { d.hidden = true; $('dl-dash').hidden = true; $('dl-dash-pdf').hidden = true; }
    $('batch-result').hidden = false;
  }

  function wireDrop(zone, onFiles) {
    ['dragenter', 'dragover'].forEach(function (ev) { zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add('over'); }); });
    ['dragleave', 'drop'].forEach(function (ev) { zone.addEventListener(ev, function () { zone.classList.remove('over'); }); });
    zone.addEventListener('drop', function (e) { e.preventDefault(); if (e.dataTransfer && e.dataTransfer.files.length) onFiles(e.dataTransfer.files); });
  }

  function setMode(mode) {
    var single = mode === 'single';
    $('tab-single').setAttribute('aria-selected', String(single));
    $('tab-batch').setAttribute('aria-selected', String(!single));
    $('single-panel').hidden = !single;
    $('batch-panel').hidden = single;
    $('result').hidden = true;
    $('batch-result').hidden = true;
    showError(null);
    setStatus('');
  }

  document.addEventListener('DOMContentLoaded', function () {
    loadRubrics();
    $('tab-single').addEventListener('click', function () { setMode('single'); });
    $('tab-batch').addEventListener('click', function () { setMode('batch'); });
    $('file').addEventListener('change', function (e) { var f = e.target.files[0]; if (f) scoreFile(f); e.target.value = ''; });
    $('files').addEventListener('change', function (e) { scoreBatch(Array.prototype.slice.call(e.target.files)); e.target.value = ''; });
    wireDrop($('drop'), function (fs) { if (fs.length > 1) { setMode('batch'); scoreBatch(Array.prototype.slice.call(fs)); } else scoreFile(fs[0]); });
    wireDrop($('drop-batch'), function (fs) { scoreBatch(Array.prototype.slice.call(fs)); });
    $('paste-go').addEventListener('click', function () {
      var t = $('paste').value;
      if (!t.trim()) { showError({ code: 'E_EMPTY_FILE', message: '粘贴框是空的。请粘贴报告全文后再评估。' }); return; }
      var f = new FormData();
      f.append('text', t);
      scoreForm(f);
    });
    $('dl-json').addEventListener('click', function () { if (lastCard) downloadJson(lastCard, (lastCard.file || 'report').replace(/\.[^.]+$/, '') + '-评分卡.json'); });
    $('dl-batch-json').addEventListener('click', function () { if (lastBatch) downloadJson(lastBatch, '批量评分结果.json'); });
  });
})();
`;
