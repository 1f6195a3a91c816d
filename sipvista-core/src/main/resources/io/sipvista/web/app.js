'use strict';
// sipvista's page: one app for the server (fetches the API) and the self-contained report (reads its data block).
// Capture text is only ever set as text (textContent, text nodes, attributes); the ladder SVG is parsed as XML.
(() => {
  const SVGNS = 'http://www.w3.org/2000/svg';
  const ROW = 22, PAGE = 200, MAXPX = 1000000, OVERSCAN = 10, ARROW = ' \u2192 ';
  const $ = (id) => document.getElementById(id);

  function add(e, kids) {
    for (const k of kids) {
      if (k == null || k === false) continue;
      if (Array.isArray(k)) add(e, k);
      else e.append(k instanceof Node ? k : String(k));
    }
    return e;
  }
  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const k in props || {}) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (typeof v === 'function') e.addEventListener(k, v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    return add(e, kids);
  }
  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs || {}) e.setAttribute(k, String(attrs[k]));
    return add(e, kids);
  }
  const clear = (e) => { e.replaceChildren(); return e; };
  const enc = encodeURIComponent;
  const num = (v) => (v == null ? '' : String(v));
  const fix = (v, d) => (v == null ? '' : Number(v).toFixed(d));

  // ---- time ----
  function secs(iso) {
    const m = /^(.*?)(?:\.(\d+))?Z$/.exec(iso || '');
    return m ? Date.parse(m[1] + 'Z') / 1000 + (m[2] ? Number('0.' + m[2]) : 0) : NaN;
  }
  const clock = (iso) => (iso ? iso.slice(11, iso.length - 1) : '');
  function rel(iso) {
    const d = secs(iso) - S.base;
    return Number.isFinite(d) ? (d < 0 ? '' : '+') + d.toFixed(6) : '';
  }
  function dur(ms) {
    if (ms == null) return '';
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 60000 ? 2 : 0) + ' s';
  }
  const bytes = (n) => (n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB');

  // ---- filters (report mode runs them in memory, with the API's semantics) ----
  const NOFILTER = { call: '', method: '', status: '', addr: '', q: '' };
  const empty = (f) => !f.call && !f.method && !f.status && !f.addr && !f.q;
  function host(a) {
    if (!a) return '';
    if (a[0] === '[') return a.slice(1, a.indexOf(']'));
    const i = a.indexOf(':');
    return i > 0 && a.indexOf(':', i + 1) < 0 ? a.slice(0, i) : a;
  }
  function plusOne(a) {
    const i = a.lastIndexOf(':');
    return i < 0 ? a : a.slice(0, i + 1) + (Number(a.slice(i + 1)) + 1);
  }
  function matcher(f, analysis, textOf) {
    const tests = [];
    if (f.call) {
      const call = (analysis.calls || []).find((c) => c.id === f.call);
      const own = new Set(call ? call.frames : []);
      const pairs = new Set();
      for (const s of analysis.streams || []) {
        if (s.call !== f.call) continue;
        pairs.add(s.src + '>' + s.dst);
        pairs.add(plusOne(s.src) + '>' + plusOne(s.dst));
      }
      tests.push((fr) => own.has(fr.number) || fr.call === f.call
        || (fr.sip || []).some((s) => s.call === f.call)
        || ((fr.protocol === 'rtp' || fr.protocol === 'rtcp') && pairs.has(fr.src + '>' + fr.dst)));
    }
    if (f.method) {
      const m = f.method.trim().toUpperCase();
      tests.push((fr) => (fr.sip || []).some((s) => (s.method != null ? s.method.toUpperCase() === m
        : String(s.cseq || '').trim().split(/\s+/)[1] === m)));
    }
    if (f.status) {
      const v = f.status.trim().toLowerCase();
      const cls = /^[1-6]xx$/.test(v) ? Number(v[0]) : 0;
      const exact = /^\d{3}$/.test(v) ? Number(v) : 0;
      tests.push((fr) => (fr.sip || []).some((s) => s.status != null
        && (cls ? Math.floor(s.status / 100) === cls : s.status === exact)));
    }
    if (f.addr) {
      const a = f.addr.trim();
      const full = a[0] === '[' ? a.includes(']:') : a.split(':').length === 2;
      const h = a.replace(/^\[|\]$/g, '');
      tests.push(full ? (fr) => fr.src === a || fr.dst === a : (fr) => host(fr.src) === h || host(fr.dst) === h);
    }
    if (f.q) {
      const q = f.q.toLowerCase();
      tests.push((fr, i) => textOf(i).includes(q));
    }
    return (fr, i) => tests.every((t) => t(fr, i));
  }

  // ---- data sources: the same interface over the embedded data and over the API ----
  function reportSource(data) {
    const frames = Array.isArray(data.frames) ? data.frames : [];
    const at = new Map(frames.map((f, i) => [f.number, i]));
    const texts = [];
    const textOf = (i) => texts[i] || (texts[i] = JSON.stringify(frames[i]).toLowerCase());
    const capture = (data.analysis && data.analysis.capture) || {};
    const info = { id: 'report', name: data.file || capture.file || 'capture', state: 'ready', progress: 1 };
    return {
      mode: 'report',
      note: data.framesNote || null,
      list: async () => [info],
      analysis: async () => ({ ready: true, analysis: data.analysis || {} }),
      ladder: async (id, call) => (data.ladders || {})[call] || null,
      frame: async (id, n) => (at.has(n) ? frames[at.get(n)] : null),
      query(id, f, analysis) {
        const test = matcher(f, analysis, textOf);
        const idx = [];
        for (let i = 0; i < frames.length; i++) if (test(frames[i], i)) idx.push(i);
        return {
          total: frames.length, matched: idx.length, complete: true,
          get: (i) => frames[idx[i]],
          indexOf(n) {
            let lo = 0, hi = idx.length - 1;
            while (lo <= hi) {
              const mid = (lo + hi) >> 1, v = frames[idx[mid]].number;
              if (v === n) return mid;
              if (v < n) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
          },
          close() {},
        };
      },
    };
  }

  async function json(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error((await r.text()).trim() || 'HTTP ' + r.status);
    return r.json();
  }
  function serverSource() {
    const base = (id) => '/api/captures/' + enc(id);
    return {
      mode: 'server',
      note: null,
      list: () => json('/api/captures'),
      async analysis(id) {
        const r = await fetch(base(id) + '/analysis');
        if (r.status === 200) return { ready: true, analysis: await r.json() };
        if (r.status === 202 || r.status === 422) return { ready: false, failed: r.status === 422, status: await r.json() };
        throw new Error(r.status === 404 ? 'no capture ' + id : (await r.text()).trim() || 'HTTP ' + r.status);
      },
      async ladder(id, call) {
        const r = await fetch(base(id) + '/calls/' + enc(call) + '/ladder.svg');
        return r.ok ? r.text() : null;
      },
      async frame(id, n) {
        const r = await fetch(base(id) + '/frames/' + n);
        return r.ok ? r.json() : null;
      },
      query(id, f, analysis, onChange) {
        let params = '';
        for (const k of ['call', 'method', 'status', 'addr', 'q']) if (f[k]) params += '&' + k + '=' + enc(f[k].trim());
        const pages = new Map(), asked = new Set();
        let timer = 0;
        const q = {
          total: 0, matched: 0, complete: false, loaded: false, error: null, closed: false,
          get(i) {
            const p = Math.floor(i / PAGE), got = pages.get(p);
            if (!got) { load(p); return undefined; }
            return got[i - p * PAGE];
          },
          indexOf(n) {
            for (const [p, got] of pages) {
              const k = got.findIndex((x) => x.number === n);
              if (k >= 0) return p * PAGE + k;
            }
            return empty(f) && n >= 1 && n <= q.total ? n - 1 : -1;
          },
          close() { q.closed = true; clearTimeout(timer); },
        };
        function load(p, again) {
          if (q.closed || asked.has(p) || (pages.has(p) && !again)) return;
          asked.add(p);
          json(base(id) + '/frames?offset=' + p * PAGE + '&limit=' + PAGE + params).then((d) => {
            asked.delete(p);
            if (q.closed) return;
            pages.set(p, d.frames || []);
            Object.assign(q, { total: d.total, matched: d.matched, complete: d.complete, loaded: true, error: null });
            if (!q.complete && !timer) {
              timer = setTimeout(() => {
                timer = 0;
                for (const [k, got] of pages) if (got.length < PAGE) pages.delete(k);
                load(0, true);
              }, 1000);
            }
            onChange();
          }, (e) => { asked.delete(p); q.error = e.message; onChange(); });
        }
        load(0);
        return q;
      },
    };
  }

  // ---- state ----
  const S = {
    src: null, id: null, analysis: null, base: 0, token: 0, timer: 0,
    filters: { ...NOFILTER }, q: null, sel: -1, pending: -1, vpos: 0, setTop: -1, raw: false, card: 0, drawn: false,
  };

  // ---- layout ----
  function shell() {
    const app = $('app');
    document.documentElement.classList.add('app');
    clear(app).hidden = false;
    const tab = (name, text) => el('a', { class: 'tab', 'data-tab': name, href: '#' }, text);
    app.append(
      el('header', { id: 'bar' },
        el('a', { class: 'brand', href: '#/' }, 'sipvista'),
        el('span', { id: 'capture-name' }),
        el('nav', { id: 'tabs' }, tab('overview', 'Overview'), tab('frames', 'Timeline')),
        el('span', { id: 'bar-note' })),
      el('main', {},
        el('section', { id: 'list-view', class: 'view', hidden: true },
          el('div', { id: 'dropzone' },
            el('p', {}, 'Drop a capture (pcap, pcapng, gzip) here, or ',
              el('label', { class: 'button' }, 'choose a file', el('input', { id: 'upload-input', type: 'file' }))),
            el('p', { id: 'upload-status', role: 'status' })),
          el('h2', {}, 'Captures'),
          el('table', { id: 'capture-list', class: 'grid' })),
        el('section', { id: 'progress', class: 'view', hidden: true },
          el('h2', {}, 'Analysing'), el('progress', { max: 1, value: 0 }), el('p', { class: 'phase' }),
          el('p', { class: 'error' })),
        el('section', { id: 'overview', class: 'view', hidden: true },
          el('div', { id: 'facts' }),
          el('h2', {}, 'Calls'), el('table', { id: 'calls', class: 'grid' }),
          el('h2', {}, 'Findings'), el('div', { id: 'findings' }),
          el('h2', {}, 'Streams'), el('div', { id: 'streams' }),
          el('h2', {}, 'Registrations'), el('div', { id: 'registrations' }),
          el('h2', {}, 'Subscriptions'), el('div', { id: 'subscriptions' })),
        el('section', { id: 'call-view', class: 'view', hidden: true },
          el('div', { class: 'call-head' }), el('div', { class: 'call-legs' }),
          el('div', { class: 'split' }, el('div', { id: 'ladder' }), el('div', { class: 'card-slot' })),
          el('h2', {}, 'Streams'), el('div', { id: 'call-streams' }),
          el('h2', {}, 'Findings'), el('div', { id: 'call-findings' })),
        el('section', { id: 'timeline', class: 'view', hidden: true },
          el('div', { class: 'filters' },
            el('select', { id: 'filter-call', title: 'only this call: its SIP and its media' }),
            el('input', { id: 'filter-method', placeholder: 'method', title: 'SIP method (requests, and responses by CSeq)', size: 9 }),
            el('input', { id: 'filter-status', placeholder: 'status', title: '200, or a class: 4xx', size: 6 }),
            el('input', { id: 'filter-addr', placeholder: 'address', title: 'IP or ip:port, source or destination', size: 18 }),
            el('input', { id: 'filter-q', placeholder: 'text  ( / )', title: 'any text of the frame, raw message included', size: 24 }),
            el('span', { id: 'frame-count' }),
            el('span', { class: 'keys' }, 'j/k \u2191\u2193 PgUp PgDn Home End \u00b7 Enter raw \u00b7 / search \u00b7 Esc clear')),
          el('div', { class: 'split' },
            el('div', { id: 'frame-list', tabindex: 0 }, el('div', { class: 'spacer' })),
            el('div', { class: 'card-slot' })))),
      el('aside', { id: 'frame-card', hidden: true }));
    $('upload-input').addEventListener('change', (e) => { if (e.target.files[0]) upload(e.target.files[0]); e.target.value = ''; });
    const dz = $('dropzone');
    dz.addEventListener('dragover', (e) => { e.preventDefault(); dz.classList.add('over'); });
    dz.addEventListener('dragleave', () => dz.classList.remove('over'));
    dz.addEventListener('drop', (e) => {
      e.preventDefault();
      dz.classList.remove('over');
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (f) upload(f);
    });
    for (const k of ['method', 'status', 'addr', 'q']) $('filter-' + k).addEventListener('input', filtersChanged);
    $('filter-call').addEventListener('change', filtersChanged);
    const list = $('frame-list');
    list.addEventListener('scroll', () => {
      if (list.scrollTop !== S.setTop) S.vpos = fromScroll(list.scrollTop);
      S.setTop = -1;
      paint();
    });
    list.addEventListener('click', (e) => {
      const row = e.target.closest('.frame-row');
      if (row) select(Number(row.dataset.index));
    });
    window.addEventListener('resize', paint);
    document.addEventListener('keydown', keys);
  }

  function show(view) {
    for (const v of document.querySelectorAll('#app .view')) v.hidden = v.id !== view;
    for (const t of document.querySelectorAll('#tabs .tab')) {
      t.classList.toggle('active', (view === 'timeline' ? 'frames' : view) === t.dataset.tab);
      t.hidden = !S.id;
      t.setAttribute('href', '#/' + enc(S.id || '') + (t.dataset.tab === 'frames' ? '/frames' : ''));
    }
    S.view = view;
  }
  function link(hash, text, cls) { return el('a', { href: '#/' + enc(S.id) + hash, class: cls }, text); }
  const frameLink = (n) => link('/frame/' + n, String(n), 'frame-link');
  function table(head, rows, cls) {
    return el('table', { class: 'grid ' + (cls || '') }, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows));
  }
  const td = (v, cls) => el('td', { class: cls }, v);
  const none = (text) => el('p', { class: 'muted' }, text);

  // ---- routing ----
  async function route() {
    const token = ++S.token;
    clearTimeout(S.timer);
    const parts = location.hash.replace(/^#\/?/, '').split('/').map((p) => { try { return decodeURIComponent(p); } catch (e) { return p; } });
    let [id, kind, arg] = parts;
    if (S.src.mode === 'report') id = 'report';
    if (!id) return showList(token);
    if (id !== S.id) {
      S.id = id; S.analysis = null; S.filters = { ...NOFILTER }; S.sel = -1; S.vpos = 0; S.drawn = false;
      if (S.q) S.q.close();
      S.q = null;
    }
    if (!S.analysis) {
      let r;
      try { r = await S.src.analysis(id); } catch (e) { return failed(e.message); }
      if (token !== S.token) return;
      if (!r.ready) return progress(r, token);
      S.analysis = r.analysis;
      S.base = secs((r.analysis.capture || {}).firstTime);
    }
    const cap = S.analysis.capture || {};
    $('capture-name').textContent = cap.file || '';
    document.title = 'sipvista: ' + (cap.file || id);
    if (kind === 'call') return showCall(arg, token);
    if (kind === 'frames') return showTimeline(0);
    if (kind === 'frame') return showTimeline(Number(arg));
    showOverview();
  }

  function failed(text) {
    show('progress');
    $('progress').querySelector('.error').textContent = text;
  }
  function progress(r, token) {
    const st = r.status || {};
    show('progress');
    const p = $('progress');
    p.querySelector('h2').textContent = (st.name || S.id) + (r.failed ? ': analysis failed' : ': analysing');
    p.querySelector('progress').value = st.progress || 0;
    p.querySelector('.phase').textContent = (st.state || '') + (st.phase ? ', ' + st.phase : '')
      + (st.frames ? ', ' + st.frames + ' frames so far' : '');
    p.querySelector('.error').textContent = st.error || '';
    if (!r.failed) S.timer = setTimeout(() => { if (token === S.token) route(); }, 500);
  }

  // ---- capture list and upload (server) ----
  async function showList(token) {
    S.id = null;
    show('list-view');
    $('capture-name').textContent = '';
    let list;
    try { list = await S.src.list(); } catch (e) { $('upload-status').textContent = 'cannot list captures: ' + e.message; return; }
    if (token !== S.token) return;
    const rows = list.map((c) => el('tr', { class: c.state },
      td(el('a', { class: 'capture', 'data-id': c.id, href: '#/' + enc(c.id) }, c.name)),
      td(bytes(c.bytes || 0), 'num'),
      td(c.state + (c.state === 'running' || c.state === 'queued' ? ' ' + Math.round((c.progress || 0) * 100) + '%' : '')),
      td(c.phase || c.error || ''), td(num(c.frames), 'num'),
      td(c.uploaded ? el('button', { type: 'button', click: () => remove(c) }, 'delete') : '')));
    const t = clear($('capture-list'));
    add(t, [el('thead', {}, el('tr', {}, ['capture', 'size', 'state', 'phase', 'frames', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)]);
    if (!list.length) t.append(el('tbody', {}, el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'no captures yet'))));
    if (list.some((c) => c.state === 'queued' || c.state === 'running')) {
      S.timer = setTimeout(() => { if (token === S.token) showList(token); }, 1000);
    }
  }
  async function remove(c) {
    await fetch('/api/captures/' + enc(c.id), { method: 'DELETE' });
    route();
  }
  async function upload(file) {
    const st = $('upload-status');
    st.className = '';
    st.textContent = 'uploading ' + file.name + ' (' + bytes(file.size) + ')\u2026';
    try {
      const r = await fetch('/api/captures', {
        method: 'POST', body: file,
        headers: { 'X-Capture-Name': file.name.replace(/[^\x20-\x7e]/g, '_'), 'Content-Type': 'application/octet-stream' },
      });
      const text = await r.text();
      if (r.status === 201) {
        st.textContent = 'uploaded ' + file.name;
        location.hash = '#/' + enc(JSON.parse(text).id);
      } else {
        st.className = 'error';
        st.textContent = text.trim() || 'upload failed: HTTP ' + r.status;
      }
    } catch (e) {
      st.className = 'error';
      st.textContent = 'upload failed: ' + e.message;
    }
  }

  // ---- overview ----
  function worstMos(callId) {
    let w = null;
    for (const s of S.analysis.streams || []) {
      if (s.call === callId && s.quality && (w == null || s.quality.mos < w)) w = s.quality.mos;
    }
    return w;
  }
  const party = (p) => (p ? p.user || p.uri || p.displayName || '?' : '?');

  function showOverview() {
    show('overview');
    const a = S.analysis, cap = a.capture || {};
    const calls = a.calls || [], findings = a.findings || [];
    const sev = (s) => findings.filter((f) => f.severity === s).length;
    const fact = (k, v) => [el('dt', {}, k), el('dd', {}, v)];
    const d = secs(cap.lastTime) - secs(cap.firstTime);
    add(clear($('facts')), [el('dl', {},
      fact('capture', cap.file || ''), fact('frames', num(cap.frames)), fact('SIP messages', num(cap.sipMessages)),
      fact('from', cap.firstTime || ''), fact('to', cap.lastTime || ''),
      fact('duration', Number.isFinite(d) ? d.toFixed(3) + ' s' : ''),
      fact('calls', String(calls.length)),
      fact('findings', sev('error') + ' errors, ' + sev('warning') + ' warnings, ' + sev('info') + ' info'),
      (cap.warnings || []).length ? fact('warnings', (cap.warnings || []).map((w) => el('div', { class: w.severity }, w.text))) : null,
      S.src.note ? fact('frames here', S.src.note) : null,
      S.src.mode === 'report' ? null : fact('share', [
        el('a', { id: 'report-link', href: '/captures/' + enc(S.id) + '/report', download: (cap.file || 'capture') + '.html' }, 'HTML report'),
        ' (one file, works offline) \u00b7 ',
        el('a', { id: 'analysis-link', href: '/api/captures/' + enc(S.id) + '/analysis' }, 'analysis JSON')]))]);
    const t = clear($('calls'));
    add(t, [el('thead', {}, el('tr', {}, ['call', 'caller', 'callee', 'outcome', 'start', 'post-dial', 'talk', 'codec', 'quality', 'legs']
      .map((h) => el('th', {}, h)))),
    el('tbody', {}, calls.map((c) => {
      const mos = worstMos(c.id);
      return el('tr', { 'data-call': c.id, class: 'clickable', click: () => { location.hash = '#/' + enc(S.id) + '/call/' + enc(c.id); } },
        td(link('/call/' + enc(c.id), c.id)), td(party(c.from), 'mono'), td(party(c.to), 'mono'),
        td(c.outcome + (c.status ? ' ' + c.status : ''), 'outcome ' + c.outcome), td(clock(c.start), 'mono'),
        td(dur(c.postDialDelayMs), 'num'), td(dur(c.talkTimeMs), 'num'), td(c.codec || ''),
        td(mos == null ? '' : mos.toFixed(2), 'num ' + (mos == null ? '' : mos < 3.1 ? 'error' : mos < 3.6 ? 'warning' : 'good')),
        td(String((c.legs || []).length), 'num'));
    }))]);
    if (!calls.length) t.append(el('tbody', {}, el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'no calls in this capture'))));
    renderFindings($('findings'), findings);
    renderStreams($('streams'), a.streams || [], true);
    const regs = a.registrations || [];
    add(clear($('registrations')), [regs.length ? table(['address of record', 'attempts', 'accepted', 'last status', 'contact', 'granted', 'first frame'],
      regs.map((r) => {
        const at = r.attempts || [], last = at[at.length - 1] || {}, c = (last.contacts || [])[0] || {};
        return el('tr', {}, td(r.aor, 'mono'), td(String(at.length), 'num'),
          td(String(at.filter((x) => x.status >= 200 && x.status < 300).length), 'num'), td(num(last.status), 'num'),
          td(c.uri || '', 'mono'), td(c.grantedExpires == null ? '' : c.grantedExpires + ' s of ' + num(c.requestedExpires), 'num'),
          td(frameLink(r.firstFrame)));
      })) : none('no registrations')]);
    const subs = a.subscriptions || [];
    add(clear($('subscriptions')), [subs.length ? table(['event', 'Call-ID', 'state', 'NOTIFYs', 'granted', 'first frame'],
      subs.map((s) => el('tr', {}, td(s.event, 'mono'), td(s.callId, 'mono'),
        td(s.state + (s.reason ? ' (' + s.reason + ')' : '')), td(num(s.notifies), 'num'),
        td(s.grantedExpires == null ? '' : s.grantedExpires + ' s', 'num'), td(frameLink(s.firstFrame))))) : none('no subscriptions')]);
  }

  function renderFindings(box, findings) {
    clear(box);
    if (!findings.length) return box.append(none('no findings'));
    for (const sev of ['error', 'warning', 'info']) {
      const mine = findings.filter((f) => f.severity === sev);
      if (!mine.length) continue;
      box.append(el('h3', { class: sev }, sev + ' (' + mine.length + ')'), el('ul', { class: 'findings' }, mine.map((f) =>
        el('li', { class: 'finding ' + sev },
          el('span', { class: 'badge ' + sev }, sev), ' ', el('code', {}, f.id),
          f.call ? [' ', link('/call/' + enc(f.call), f.call)] : null, ': ', f.text || f.title || '',
          el('div', { class: 'muted' }, 'evidence: ', (f.frames || []).map((n, i) => [i ? ', ' : '', frameLink(n)]),
            f.rfc ? ' \u00b7 ' + f.rfc : '', f.remedy ? ' \u00b7 ' + f.remedy : '')))));
    }
  }

  function renderStreams(box, streams, withCall) {
    clear(box);
    if (!streams.length) return box.append(none('no RTP streams'));
    box.append(table([withCall ? 'call' : null, 'from', 'to', 'SSRC', 'codec', 'packets', 'lost', 'jitter max', 'MOS', 'frames'].filter(Boolean),
      streams.map((s) => el('tr', {},
        withCall ? td(s.call ? link('/call/' + enc(s.call), s.call) : '(inferred)') : null,
        td(s.src, 'mono'), td(s.dst, 'mono'), td(s.ssrc, 'mono'), td(s.codec || (s.protocol === 'rtcp' ? 'RTCP only' : '')),
        td(num(s.packets), 'num'), td(s.lost == null ? '' : s.lost + ' (' + fix(s.lossPercent, 1) + '%)', 'num' + (s.lost > 0 ? ' warning' : '')),
        td(s.jitterMaxMs == null ? '' : fix(s.jitterMaxMs, 2) + ' ms', 'num'),
        td(s.quality ? fix(s.quality.mos, 2) : '', 'num'),
        td([frameLink(s.firstFrame), '\u2013', frameLink(s.lastFrame)])))));
  }

  // ---- call view ----
  async function showCall(callId, token) {
    const call = (S.analysis.calls || []).find((c) => c.id === callId);
    const view = $('call-view');
    show('call-view');
    view.setAttribute('data-call', callId || '');
    const head = clear(view.querySelector('.call-head'));
    const legs = clear(view.querySelector('.call-legs'));
    const lad = clear($('ladder'));
    clear($('call-streams'));
    clear($('call-findings'));
    hideCard();
    if (!call) return head.append(el('h2', {}, 'no call ' + (callId || '')));
    head.append(el('h2', {}, call.id + ': ' + party(call.from) + ARROW + party(call.to) + ', ' + call.outcome
      + (call.status ? ' ' + call.status : '')),
    el('p', { class: 'muted' }, 'started ' + (call.start || '?'),
      call.postDialDelayMs != null ? ' \u00b7 post-dial delay ' + dur(call.postDialDelayMs) : '',
      call.talkTimeMs != null ? ' \u00b7 talk ' + dur(call.talkTimeMs) : '',
      call.codec ? ' \u00b7 ' + call.codec : '',
      call.hungUpBy ? ' \u00b7 hung up by the ' + call.hungUpBy.side + ' (' + call.hungUpBy.address + ')' : '',
      ' \u00b7 ', el('a', { href: '#/' + enc(S.id) + '/frames', click: () => setFilters({ ...NOFILTER, call: call.id }) }, 'its frames in the timeline')));
    legs.append(table(['leg Call-ID', 'from', 'to', 'src' + ARROW + 'dst', 'first frame', 'outcome', 'tie'],
      (call.legs || []).map((l) => el('tr', {}, td(l.callId, 'mono'), td(party(l.from), 'mono'), td(party(l.to), 'mono'),
        td(l.src + ARROW + l.dst, 'mono'), td(frameLink(l.firstFrame)), td(l.outcome + (l.status ? ' ' + l.status : '')),
        td(l.tie))), 'legs'));
    const mine = (S.analysis.streams || []).filter((s) => s.call === call.id);
    const cs = $('call-streams');
    renderStreams(cs, mine, false);
    for (const s of mine) cs.append(streamChart(s));
    renderFindings($('call-findings'), (S.analysis.findings || []).filter((f) => f.call === call.id));
    lad.append(none('loading the ladder\u2026'));
    let text = null;
    try { text = await S.src.ladder(S.id, call.id); } catch (e) { text = null; }
    if (token !== S.token) return;
    clear(lad);
    const node = text && ladderNode(text);
    if (!node) return lad.append(none('no ladder for this call'));
    lad.append(node);
    for (const g of node.querySelectorAll('g.arrow[data-frame]')) {
      const b = g.getBBox();
      g.insertBefore(svg('rect', { x: b.x - 2, y: b.y - 3, width: b.width + 4, height: b.height + 6, class: 'hit' }), g.firstChild);
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      const open = () => {
        for (const o of lad.querySelectorAll('g.arrow.selected')) o.classList.remove('selected');
        g.classList.add('selected');
        openCard(Number(g.getAttribute('data-frame')), view.querySelector('.card-slot'));
      };
      g.addEventListener('click', open);
      g.addEventListener('focus', () => { if (S.follow) { S.follow = false; open(); } });
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    }
  }

  // Our own escaped SVG, parsed as XML and imported; scripts, foreign content and event attributes are dropped anyway.
  function ladderNode(text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (!root || root.namespaceURI !== SVGNS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
    for (const bad of root.querySelectorAll('script, foreignObject, iframe, image, use, a')) bad.remove();
    for (const e of [root, ...root.querySelectorAll('*')]) {
      for (const at of [...e.attributes]) {
        if (/^on/i.test(at.name) || /href$/i.test(at.name) || at.name === 'style') e.removeAttribute(at.name);
      }
    }
    return document.importNode(root, true);
  }

  function streamChart(s) {
    const caption = el('figcaption', {}, s.src + ARROW + s.dst + '  ' + s.ssrc + '  ' + (s.codec || '') + '  '
      + num(s.packets) + ' packets, ' + num(s.lost) + ' lost, jitter max ' + (s.jitterMaxMs == null ? '?' : fix(s.jitterMaxMs, 2) + ' ms'));
    const fig = el('figure', { class: 'stream-chart' }, caption);
    const se = s.series;
    if (!se || !Array.isArray(se.lost) || !se.lost.length) {
      fig.append(el('p', { class: 'muted no-data' }, 'no per-interval data'));
      return fig;
    }
    const W = 640, H = 170, L = 46, R = 50, T = 12, B = 34, pw = W - L - R, ph = H - T - B;
    const n = se.lost.length, step = (se.intervalMs || 1000) / 1000;
    const jit = Array.isArray(se.jitterMaxMs) ? se.jitterMaxMs : [];
    const maxLost = Math.max(1, ...se.lost);
    const maxJit = Math.max(1, ...jit.filter((v) => v != null));
    const x = (i) => L + (i * pw) / n, yL = (v) => T + ph - (v * ph) / maxLost, yJ = (v) => T + ph - (v * ph) / maxJit;
    const g = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, class: 'chart', role: 'img' },
      svg('title', {}, 'lost packets (bars) and highest jitter (line) per ' + step + ' s'));
    const text = (x0, y0, t, cls, extra) => svg('text', { x: x0, y: y0, class: cls, ...(extra || {}) }, t);
    g.append(svg('rect', { x: L, y: T, width: pw, height: ph, class: 'plot' }),
      svg('line', { x1: L, y1: T + ph, x2: L + pw, y2: T + ph, class: 'axis' }),
      svg('line', { x1: L, y1: T, x2: L, y2: T + ph, class: 'axis' }),
      svg('line', { x1: L + pw, y1: T, x2: L + pw, y2: T + ph, class: 'axis' }),
      text(L - 4, T + ph, '0', 'tick', { 'text-anchor': 'end' }), text(L - 4, T + 9, String(maxLost), 'tick', { 'text-anchor': 'end' }),
      text(L + pw + 4, T + ph, '0', 'tick'), text(L + pw + 4, T + 9, maxJit.toFixed(maxJit < 100 ? 1 : 0), 'tick'),
      text(L, T + ph + 13, '0 s', 'tick', { 'text-anchor': 'middle' }),
      text(L + pw, T + ph + 13, (n * step).toFixed(0) + ' s', 'tick', { 'text-anchor': 'middle' }),
      text(L + pw / 2, H - 4, 'time, ' + step + ' s per interval', 'label', { 'text-anchor': 'middle' }),
      text(12, T + ph / 2, 'lost packets', 'label loss', { 'text-anchor': 'middle', transform: 'rotate(-90 12 ' + (T + ph / 2) + ')' }),
      text(W - 8, T + ph / 2, 'jitter ms', 'label jit', { 'text-anchor': 'middle', transform: 'rotate(90 ' + (W - 8) + ' ' + (T + ph / 2) + ')' }));
    const bw = Math.max(1, pw / n - (n < 120 ? 1 : 0));
    se.lost.forEach((v, i) => {
      if (v > 0) g.append(svg('rect', { x: x(i).toFixed(1), y: yL(v).toFixed(1), width: bw.toFixed(1), height: (T + ph - yL(v)).toFixed(1), class: 'bar' },
        svg('title', {}, v + ' lost at ' + (i * step) + ' s')));
    });
    let d = '', pen = false;
    jit.forEach((v, i) => {
      if (v == null) { pen = false; return; }
      d += (pen ? 'L' : 'M') + (x(i) + bw / 2).toFixed(1) + ' ' + yJ(v).toFixed(1) + ' ';
      pen = true;
    });
    if (d) g.append(svg('path', { d: d.trim(), class: 'jitter' }));
    fig.append(g);
    return fig;
  }

  // ---- timeline ----
  function setFilters(f) {
    S.filters = { ...f };
    S.drawn = false;
  }
  function fillFilters() {
    const sel = clear($('filter-call'));
    sel.append(el('option', { value: '' }, 'all calls'));
    for (const c of S.analysis.calls || []) sel.append(el('option', { value: c.id }, c.id + ': ' + party(c.from) + ARROW + party(c.to)));
    sel.value = S.filters.call;
    for (const k of ['method', 'status', 'addr', 'q']) $('filter-' + k).value = S.filters[k];
  }
  let debounce = 0;
  function filtersChanged() {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      const f = { call: $('filter-call').value };
      for (const k of ['method', 'status', 'addr', 'q']) f[k] = $('filter-' + k).value.trim();
      const keep = selectedNumber();
      S.filters = f;
      requery(keep);
    }, 250);
  }
  function selectedNumber() {
    const f = S.q && S.sel >= 0 ? S.q.get(S.sel) : null;
    return f ? f.number : S.card;
  }
  function requery(keepFrame) {
    if (S.q) S.q.close();
    S.sel = -1;
    S.pending = -1;
    S.vpos = 0;
    S.want = keepFrame || 0;
    S.q = S.src.query(S.id, S.filters, S.analysis, () => { seek(); paint(); });
    $('frame-list').scrollTop = 0;
    S.drawn = true;
    seek();
    paint();
  }
  function seek() {
    if (!S.want || !S.q) return;
    const i = S.q.indexOf(S.want);
    if (i >= 0) {
      S.want = 0;
      select(i, true);
    }
  }

  function showTimeline(frame) {
    show('timeline');
    const slot = $('timeline').querySelector('.card-slot');
    if (!S.drawn || !S.q) {
      fillFilters();
      requery(frame);
    } else if (frame) {
      S.want = frame;
      seek();
    }
    if (frame) {
      if (S.card !== frame || $('frame-card').parentNode !== slot) openCard(frame, slot);
    } else if ($('frame-card').parentNode !== slot) {
      hideCard();
    }
    paint();
  }

  function geometry() {
    const list = $('frame-list'), n = S.q ? S.q.matched : 0;
    const vh = list.clientHeight || 600, full = n * ROW, spacer = Math.min(full, MAXPX);
    return { list, n, vh, full, spacer, maxVirt: Math.max(0, full - vh), maxScroll: Math.max(0, spacer - vh) };
  }
  function fromScroll(top) {
    const g = geometry();
    return g.full <= MAXPX || !g.maxScroll ? top : (top / g.maxScroll) * g.maxVirt;
  }
  function scrollToVirtual(v) {
    const g = geometry();
    S.vpos = Math.max(0, Math.min(v, g.maxVirt));
    g.list.scrollTop = g.full <= MAXPX || !g.maxVirt ? S.vpos : Math.round((S.vpos / g.maxVirt) * g.maxScroll);
    S.setTop = g.list.scrollTop;
  }

  let painting = 0;
  function paint() {
    if (painting) return;
    painting = requestAnimationFrame(() => { painting = 0; draw(); });
  }
  function draw() {
    if (S.view !== 'timeline' || !S.q) return;
    const q = S.q, g = geometry(), list = g.list;
    const count = $('frame-count');
    count.textContent = q.matched + ' of ' + q.total + ' frames' + (q.complete ? '' : ' (indexing\u2026)')
      + (S.src.note ? ' \u00b7 ' + S.src.note : '') + (q.error ? ' \u00b7 ' + q.error : '');
    const spacer = list.querySelector('.spacer');
    spacer.style.height = g.spacer + 'px';
    S.vpos = Math.max(0, Math.min(S.vpos, g.maxVirt));
    const first = Math.floor(S.vpos / ROW), top = list.scrollTop - (S.vpos - first * ROW);
    const from = Math.max(0, first - OVERSCAN), to = Math.min(g.n, first + Math.ceil(g.vh / ROW) + OVERSCAN);
    const rows = [];
    for (let i = from; i < to; i++) {
      const f = q.get(i), y = top + (i - first) * ROW;
      const r = f ? frameRow(f, i) : el('div', { class: 'frame-row loading', 'data-index': i }, el('span', { class: 'c-no' }, '\u2026'), el('span', { class: 'c-label muted' }, 'loading'));
      r.style.top = y + 'px';
      if (i === S.sel) r.classList.add('selected');
      rows.push(r);
    }
    spacer.replaceChildren(...rows);
    if (!g.n) spacer.append(el('div', { class: 'frame-row empty' }, q.loaded === false ? 'loading\u2026' : 'no frames match'));
    if (S.pending >= 0) {
      const f = q.get(S.pending);
      if (f) {
        S.pending = -1;
        openCard(f.number, $('timeline').querySelector('.card-slot'), f);
        history.replaceState(null, '', '#/' + enc(S.id) + '/frame/' + f.number);
      }
    }
  }
  function frameRow(f, i) {
    const s = (f.sip || [])[0];
    const insight = s ? s.insight : f.insight;
    const proto = f.protocol || '';
    const odd = (f.anomalies || []).length || (f.sip || []).some((x) => (x.anomalies || []).length);
    const st = s && s.status ? (s.status >= 400 ? ' fail' : s.status >= 200 ? ' final' : '') : '';
    return el('div', { class: 'frame-row p-' + proto.replace(/[^a-z0-9]/gi, '') + st + (odd ? ' odd' : ''), 'data-frame': f.number, 'data-index': i,
      title: odd ? 'this frame has anomalies: see its card' : null },
      el('span', { class: 'c-no' }, String(f.number)), el('span', { class: 'c-time' }, rel(f.time)),
      el('span', { class: 'c-addr' }, f.src || f.dst ? (f.src || '?') + ARROW + (f.dst || '?') : ''), el('span', { class: 'c-proto' }, proto),
      el('span', { class: 'c-label' }, s ? s.startLine : f.label || ''), el('span', { class: 'c-insight' }, insight || ''));
  }
  function select(i, quiet) {
    const q = S.q;
    if (!q || !q.matched) return;
    i = Math.max(0, Math.min(q.matched - 1, i));
    S.sel = i;
    const g = geometry();
    if (quiet) scrollToVirtual(i * ROW - (g.vh - ROW) / 2); // opened by its address: in the middle
    else if (i * ROW < S.vpos) scrollToVirtual(i * ROW);
    else if ((i + 1) * ROW > S.vpos + g.vh) scrollToVirtual((i + 1) * ROW - g.vh);
    const f = q.get(i);
    S.pending = f ? -1 : i;
    if (f) {
      openCard(f.number, $('timeline').querySelector('.card-slot'), f);
      if (!quiet) history.replaceState(null, '', '#/' + enc(S.id) + '/frame/' + f.number);
    }
    paint();
  }

  function keys(e) {
    const t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    if (S.view === 'call-view' && !typing && (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'j' || e.key === 'k')) {
      const arrows = [...document.querySelectorAll('#ladder g.arrow[data-frame]')];
      if (!arrows.length) return;
      const at = arrows.indexOf(document.activeElement);
      const next = arrows[Math.max(0, Math.min(arrows.length - 1, at + (e.key === 'ArrowDown' || e.key === 'j' ? 1 : -1)))];
      e.preventDefault();
      S.follow = !$('frame-card').hidden; // with a card open, the card follows the arrow
      next.focus();
      S.follow = false;
      return;
    }
    if (S.view !== 'timeline') return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (typing) t.blur();
      setFilters(NOFILTER);
      fillFilters();
      requery(selectedNumber());
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const page = Math.max(1, Math.floor(geometry().vh / ROW) - 1);
    const cur = S.sel < 0 ? Math.floor(S.vpos / ROW) - 1 : S.sel;
    const moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) select(S.sel < 0 && moves[e.key] < 0 ? 0 : cur + moves[e.key]);
    else if (e.key === 'Home') select(0);
    else if (e.key === 'End') select((S.q ? S.q.matched : 1) - 1);
    else if (e.key === 'Enter' && $('frame-card').hidden && S.sel >= 0) select(S.sel);
    else if (e.key === 'Enter') toggleRaw();
    else if (e.key === '/') $('filter-q').focus();
    else return;
    e.preventDefault();
  }

  // ---- frame card ----
  function hideCard() {
    const c = $('frame-card');
    c.hidden = true;
    c.removeAttribute('data-frame');
    S.card = 0;
  }
  async function openCard(n, slot, known) {
    const c = $('frame-card');
    if (c.parentNode !== slot) slot.append(c);
    S.card = n;
    c.hidden = false;
    c.setAttribute('data-frame', String(n));
    let f = known;
    if (!f) {
      clear(c).append(none('loading frame ' + n + '\u2026'));
      try { f = await S.src.frame(S.id, n); } catch (e) { f = null; }
      if (S.card !== n) return;
    }
    fillCard(c, n, f);
  }
  function kv(rows) {
    return el('table', { class: 'kv' }, el('tbody', {}, rows.filter((r) => r && r[1] != null && r[1] !== '')
      .map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))));
  }
  function anomalies(list) {
    if (!list || !list.length) return null;
    return el('ul', { class: 'anomalies' }, list.map((a) => el('li', { class: a.severity }, el('span', { class: 'badge ' + a.severity }, a.severity), ' ', a.text || a.id)));
  }
  function sdpRows(sdp) {
    const o = sdp.origin;
    const rows = [
      ['origin', o ? [o.username, o.sessionId, o.sessionVersion, o.netType, o.addressType, o.address].join(' ') : ''],
      ['session', sdp.sessionName], ['connection', sdp.connection], ['direction', sdp.direction],
    ];
    for (const m of sdp.media || []) {
      rows.push(['media', m.type + ' ' + m.port + ' ' + m.protocol + ': ' + (m.codecs && m.codecs.length ? m.codecs.join(', ') : (m.formats || []).join(' '))]);
      if (m.connection) rows.push(['  connection', m.connection]);
      if (m.direction) rows.push(['  direction', m.direction]);
      if (m.ptime != null) rows.push(['  ptime', m.ptime + ' ms']);
      for (const k in m.fmtp || {}) rows.push(['  fmtp ' + k, m.fmtp[k]]);
      if (m.rtcp) rows.push(['  rtcp', typeof m.rtcp === 'object' ? JSON.stringify(m.rtcp) : m.rtcp]);
      if (m.rtcpMux) rows.push(['  rtcp-mux', 'yes']);
      if (m.crypto && m.crypto.length) rows.push(['  crypto', m.crypto.length + ' (keys masked)']);
      if (m.candidates && m.candidates.length) rows.push(['  ICE', m.candidates.length + ' candidates']);
    }
    return el('div', { class: 'sdp' }, el('h4', {}, 'SDP'), kv(rows),
      sdp.lines && sdp.lines.length ? el('details', {}, el('summary', {}, 'all ' + sdp.lines.length + ' lines'),
        el('pre', { class: 'lines' }, sdp.lines.join('\n'))) : null, anomalies(sdp.anomalies));
  }
  // the headers `frames` shows as key headers (FramesTextWriter.KEY_HEADERS); the others fold under them
  const KEY_HEADERS = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'contact', 'record-route', 'route', 'user-agent',
    'server', 'expires', 'min-expires', 'event', 'subscription-state', 'allow-events', 'max-forwards', 'content-type',
    'accept', 'supported', 'require', 'session-expires', 'reason', 'refer-to', 'referred-by', 'replaces',
    'p-asserted-identity', 'diversion', 'www-authenticate', 'proxy-authenticate', 'authorization',
    'proxy-authorization', 'warning', 'retry-after']);
  function headerRows(headers) {
    const row = (h) => el('tr', {}, el('th', {}, h.name), el('td', {}, h.value));
    const key = headers.filter((h) => KEY_HEADERS.has(String(h.name).toLowerCase()));
    const more = headers.filter((h) => !KEY_HEADERS.has(String(h.name).toLowerCase()));
    return [el('table', { class: 'headers' }, el('tbody', {}, key.map(row))),
      more.length ? el('details', { class: 'more-headers' },
        el('summary', {}, more.length + (more.length === 1 ? ' more header' : ' more headers')),
        el('table', { class: 'headers' }, el('tbody', {}, more.map(row)))) : null];
  }
  function fillCard(c, n, f) {
    clear(c);
    const close = el('button', { type: 'button', class: 'close', title: 'close', click: hideCard }, '\u00d7');
    if (!f) {
      c.append(close, el('h3', {}, 'Frame ' + n), none(S.src.mode === 'report'
        ? 'frame ' + n + ' is not in this report' + (S.src.note ? ': ' + S.src.note : '') : 'frame ' + n + ' is not available'));
      return;
    }
    const raws = (f.sip || []).map((s) => s.raw).filter((r) => r != null);
    add(c, [close, el('h3', {}, 'Frame ' + f.number, el('span', { class: 'time' }, f.time + '  ' + rel(f.time))),
      kv([['time', f.time], ['path', (f.src || '?') + ARROW + (f.dst || '?')],
        ['transport', [f.transport, f.protocol].filter(Boolean).join(' / ')],
        ['length', f.capturedLength == null ? null : f.capturedLength + (f.originalLength !== f.capturedLength ? ' of ' + f.originalLength : '') + ' bytes'],
        ['layers', (f.layers || []).join(' / ')], ['tunnels', (f.tunnels || []).join(' | ')], ['call', f.call]]),
      el('p', { class: 'label mono' }, f.label || ''),
      f.insight ? el('p', { class: 'insight' }, f.insight) : null,
      (f.sip || []).map((s) => el('div', { class: 'sip' },
        el('p', { class: 'start-line mono' }, s.startLine),
        s.insight ? el('p', { class: 'insight' }, s.insight) : null,
        s.quotedBy ? none('quoted by ' + s.quotedBy) : null,
        s.firstFrame ? none('began in frame ' + s.firstFrame) : null,
        headerRows(s.headers || []),
        s.bodyLength ? none('body ' + s.bodyLength + ' bytes') : null,
        s.sdp ? sdpRows(s.sdp) : null, (s.moreSdp || []).map(sdpRows), anomalies(s.anomalies))),
      anomalies(f.anomalies),
      el('div', { class: 'raw-bar' }, el('button', { id: 'show-raw', type: 'button', disabled: !raws.length, click: toggleRaw },
        raws.length ? (S.raw ? 'hide raw' : 'show raw (Enter)') : 'no raw text (not SIP)'))]);
    if (S.raw && raws.length) c.append(el('pre', { id: 'raw' }, raws.join('\n')));
    c.rawText = raws.join('\n');
  }
  function toggleRaw() {
    const c = $('frame-card');
    if (c.hidden) return;
    S.raw = !S.raw;
    const pre = $('raw'), b = $('show-raw');
    if (pre) pre.remove();
    if (b && !b.disabled) b.textContent = S.raw ? 'hide raw' : 'show raw (Enter)';
    if (S.raw && c.rawText) c.append(el('pre', { id: 'raw' }, c.rawText));
  }

  // ---- start ----
  function boot() {
    const block = $('sipvista-data');
    if (block) {
      let data;
      try { data = JSON.parse(block.textContent); } catch (e) { return; }
      S.src = reportSource(data);
    } else {
      S.src = serverSource();
    }
    shell();
    const st = $('static-report'); // the report without script: hidden once the app stands
    if (st) st.hidden = true;
    window.addEventListener('hashchange', route);
    route();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
