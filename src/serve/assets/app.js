// gongwen serve: the form is built from the JSON schema of the content model (nothing here
// knows a key of the edition), the pages are fetched as PNG after each edit.
'use strict';

const S = {
  files: [],        // { name, kind, revision, data, schema }
  words: {},
  placeholders: [],
  pages: [],        // the last page views
  dirty: false,
  inFlight: false,
  pending: false,
  editAt: 0,        // performance.now() of the latest edit not yet on screen
  timer: 0,
  latencies: [],    // keystroke → new page on screen, in ms (read by the tests and the README)
  previews: 0,      // previews answered
  focusPath: null,
};
window.__gongwen = S;

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const w = (k) => S.words[k] || k;

async function api(path, body) {
  const opts = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(path, opts);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (_) { /* a refusal is plain text */ }
  return { ok: r.ok, status: r.status, json, text };
}

// ---- schema ---------------------------------------------------------------------------

function resolve(s, root) {
  let guard = 0;
  while (s && s.$ref && guard++ < 20) {
    const name = s.$ref.split('/').pop();
    const rest = Object.assign({}, s);
    delete rest.$ref;
    s = Object.assign({}, root.$defs[name], rest);
  }
  return s || {};
}

// The schema without its "or null": [schema, optional].
function unnull(s, root) {
  s = resolve(s, root);
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const t = s.type.filter((x) => x !== 'null');
    return [Object.assign({}, s, { type: t.length === 1 ? t[0] : t }), true];
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) {
      const rest = s[key].filter((b) => resolve(b, root).type !== 'null');
      if (rest.length < s[key].length) {
        const inner = rest.length === 1 ? Object.assign({}, resolve(rest[0], root), { title: s.title || resolve(rest[0], root).title, description: s.description }) : Object.assign({}, s, { [key]: rest });
        return [resolve(inner, root), true];
      }
    }
  }
  return [s, false];
}

function choicesOf(s) {
  if (Array.isArray(s.enum)) return s.enum.map((v, i) => ({ value: v, title: (s['x-titles'] || [])[i] || String(v) }));
  const list = s.oneOf || s.anyOf;
  if (Array.isArray(list) && list.every((b) => b.const !== undefined)) return list.map((b) => ({ value: b.const, title: b.title || String(b.const) }));
  return null;
}

function kindOf(s, root) {
  s = resolve(s, root);
  if (choicesOf(s)) return 'choice';
  if (s.anyOf || s.oneOf) return 'either';
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === 'object' || s.properties) return s.properties ? 'object' : 'map';
  if (t === 'array') return 'array';
  if (t === 'string') return s.format === 'date' ? 'date' : 'text';
  if (t === 'integer' || t === 'number') return 'number';
  if (t === 'boolean') return 'boolean';
  return 'text';
}

function emptyOf(s, root) {
  const k = kindOf(s, root);
  if (k === 'object' || k === 'map') return {};
  if (k === 'array') return [];
  if (k === 'number') return 0;
  if (k === 'boolean') return false;
  if (k === 'either') return emptyOf(resolve((resolve(s, root).anyOf || resolve(s, root).oneOf)[0], root), root);
  if (k === 'choice') return choicesOf(resolve(s, root))[0].value;
  return '';
}

// Which branch of an anyOf a value is.
function branchOf(branches, value, root) {
  const idx = branches.findIndex((b) => {
    const r = resolve(b, root);
    if (r.const !== undefined) return r.const === value;
    const k = kindOf(r, root);
    if (Array.isArray(value)) return k === 'array';
    if (value !== null && typeof value === 'object') return k === 'object' || k === 'map';
    if (typeof value === 'string') return k === 'text' || k === 'date' || k === 'choice';
    if (typeof value === 'number') return k === 'number';
    if (typeof value === 'boolean') return k === 'boolean';
    return false;
  });
  return idx < 0 ? 0 : idx;
}

// ---- paths ----------------------------------------------------------------------------

const join = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
const keyOf = (file, path) => `${file}|${path}`;

// ---- the form -------------------------------------------------------------------------

// A slot: where a value lives (its parent and key), so a widget can replace it.
function slot(parent, key) {
  return {
    get: () => parent[key],
    set: (v) => {
      if (v === undefined) {
        if (Array.isArray(parent)) parent[key] = ''; else delete parent[key];
      } else parent[key] = v;
    },
  };
}

function changed(path, file) {
  S.dirty = true;
  S.editAt = performance.now();
  S.focusPath = keyOf(file, path);
  status(w('unsaved'), 'dirty');
  schedule();
}

function labelFor(title, path, optional) {
  const l = el('label', 'label', title);
  if (optional) l.classList.add('optional');
  l.title = path;
  return l;
}

function widget(ctx, schema, sl, path, title, optional) {
  const root = ctx.root;
  const [s, maybe] = unnull(schema, root);
  optional = optional || maybe;
  const kind = kindOf(s, root);
  title = title || s.title || path.split('.').pop();
  const box = el('div', `field kind-${kind}`);
  box.dataset.key = keyOf(ctx.file, path);
  switch (kind) {
    case 'object': return objectWidget(ctx, s, sl, path, title, optional, box);
    case 'array': return arrayWidget(ctx, s, sl, path, title, optional, box);
    case 'map': return mapWidget(ctx, s, sl, path, title, box);
    case 'either': return eitherWidget(ctx, s, sl, path, title, optional, box);
    default: return scalarWidget(ctx, s, kind, sl, path, title, optional, box);
  }
}

function objectWidget(ctx, s, sl, path, title, optional, box) {
  const value = sl.get();
  const fs = el('fieldset', 'object');
  box.appendChild(fs);
  const legend = el('legend', '', title);
  fs.appendChild(legend);
  if (value === undefined || value === null || typeof value !== 'object') {
    const add = el('button', 'add', `${w('add')}${title}`);
    add.type = 'button';
    add.onclick = () => { sl.set({}); rebuild(box, () => widget(ctx, s, sl, path, title, optional)); changed(path, ctx.file); };
    fs.appendChild(add);
    fs.classList.add('absent');
    return box;
  }
  if (optional && path) {
    const rm = el('button', 'remove', '✕');
    rm.type = 'button';
    rm.title = `${w('remove')}${title}`;
    rm.onclick = () => { sl.set(undefined); rebuild(box, () => widget(ctx, s, sl, path, title, optional)); changed(path, ctx.file); };
    legend.appendChild(rm);
  }
  const required = new Set(s.required || []);
  for (const [key, prop] of Object.entries(s.properties || {})) {
    fs.appendChild(widget(ctx, prop, slot(value, key), join(path, key), prop.title || resolve(prop, ctx.root).title, !required.has(key)));
  }
  return box;
}

function rebuild(box, make) {
  const fresh = make();
  box.replaceWith(fresh);
  return fresh;
}

function arrayWidget(ctx, s, sl, path, title, optional, box) {
  let list = sl.get();
  if (!Array.isArray(list)) list = [];
  const items = s.items || {};
  const fs = el('fieldset', 'array');
  fs.appendChild(el('legend', '', title));
  box.appendChild(fs);
  const again = () => { const b = rebuild(box, () => widget(ctx, s, sl, path, title, optional)); return b; };
  const ensure = () => { if (!Array.isArray(sl.get())) sl.set(list); };
  list.forEach((_, i) => {
    const row = el('div', 'item');
    const tools = el('div', 'tools');
    const mk = (txt, tip, fn, dis) => {
      const b = el('button', 'tool', txt);
      b.type = 'button';
      b.title = tip;
      b.disabled = !!dis;
      b.onclick = () => { fn(); ensure(); again(); changed(join(path, i), ctx.file); };
      tools.appendChild(b);
    };
    mk('↑', w('up'), () => { [list[i - 1], list[i]] = [list[i], list[i - 1]]; }, i === 0);
    mk('↓', w('down'), () => { [list[i + 1], list[i]] = [list[i], list[i + 1]]; }, i === list.length - 1);
    mk('✕', w('remove'), () => { list.splice(i, 1); if (list.length === 0 && optional) sl.set(undefined); });
    const inner = widget(ctx, items, slot(list, i), join(path, i), itemTitle(list[i], i), false);
    inner.classList.add('in-list');
    row.appendChild(inner);
    row.appendChild(tools);
    fs.appendChild(row);
  });
  const add = el('button', 'add', `+ ${w('add')}`);
  add.type = 'button';
  add.onclick = () => {
    list.push(emptyOf(items, ctx.root));
    sl.set(list);
    const b = again();
    changed(join(path, list.length - 1), ctx.file);
    const inputs = b.querySelectorAll(':scope > fieldset > .item:last-of-type input, :scope > fieldset > .item:last-of-type textarea');
    if (inputs.length) inputs[0].focus();
  };
  fs.appendChild(add);
  return box;
}

// An entry of a list: its number, and the first text it holds (a section's title, say).
function itemTitle(value, i) {
  const n = `${i + 1}.`;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const first = Object.values(value).find((v) => typeof v === 'string' && v.trim());
    if (first) return `${n}　${first.length > 24 ? `${first.slice(0, 24)}…` : first}`;
  }
  return n;
}

function mapWidget(ctx, s, sl, path, title, box) {
  let map = sl.get();
  if (!map || typeof map !== 'object') map = {};
  const fs = el('fieldset', 'map');
  fs.appendChild(el('legend', '', title));
  box.appendChild(fs);
  const valueSchema = s.additionalProperties || {};
  const again = () => rebuild(box, () => widget(ctx, s, sl, path, title));
  for (const key of Object.keys(map)) {
    const row = el('div', 'map-row');
    row.dataset.key = keyOf(ctx.file, join(path, key));
    const name = el('input', 'map-key');
    name.value = key;
    name.setAttribute('aria-label', w('key'));
    name.onchange = () => {
      const k = name.value.trim();
      if (!k || k === key || k in map) { name.value = key; return; }
      // Keep the order: rebuild the object with the key renamed.
      const entries = Object.entries(map).map(([a, b]) => (a === key ? [k, b] : [a, b]));
      for (const a of Object.keys(map)) delete map[a];
      for (const [a, b] of entries) map[a] = b;
      again();
      changed(join(path, k), ctx.file);
    };
    row.appendChild(name);
    const inner = widget(ctx, valueSchema, slot(map, key), join(path, key), key, false);
    inner.classList.add('map-value');
    row.appendChild(inner);
    const rm = el('button', 'tool', '✕');
    rm.type = 'button';
    rm.title = w('remove');
    rm.onclick = () => { delete map[key]; sl.set(map); again(); changed(path, ctx.file); };
    row.appendChild(rm);
    fs.appendChild(row);
  }
  const add = el('button', 'add', `+ ${w('add')}`);
  add.type = 'button';
  add.onclick = () => {
    let n = 1;
    while (`new_${n}` in map) n++;
    map[`new_${n}`] = emptyOf(valueSchema, ctx.root);
    sl.set(map);
    again();
    changed(path, ctx.file);
  };
  fs.appendChild(add);
  return box;
}

function eitherWidget(ctx, s, sl, path, title, optional, box) {
  const branches = s.anyOf || s.oneOf;
  const value = sl.get();
  const absent = value === undefined || value === null;
  const i = absent ? 0 : branchOf(branches, value, ctx.root);
  const head = el('div', 'either-head');
  head.appendChild(labelFor(title, path, optional));
  const pick = el('select', 'either');
  branches.forEach((b, j) => {
    const o = el('option', '', resolve(b, ctx.root).title || String(j + 1));
    o.value = String(j);
    pick.appendChild(o);
  });
  pick.value = String(i);
  head.appendChild(pick);
  box.appendChild(head);
  pick.onchange = () => {
    const b = resolve(branches[Number(pick.value)], ctx.root);
    const old = sl.get();
    let next;
    if (b.const !== undefined) next = b.const;
    else if (kindOf(b, ctx.root) === 'array' && typeof old === 'string') next = [old];
    else if (kindOf(b, ctx.root) === 'text' && Array.isArray(old)) next = old.join('');
    else if (kindOf(b, ctx.root) === 'object' && typeof old === 'string') next = { text: old };
    else next = emptyOf(b, ctx.root);
    sl.set(next);
    rebuild(box, () => widget(ctx, s, sl, path, title, optional));
    changed(path, ctx.file);
  };
  const b = resolve(branches[i], ctx.root);
  if (b.const === undefined) {
    if (absent) sl.set(undefined);
    const inner = widget(ctx, Object.assign({}, b, { title: '' }), sl, path, ' ', optional);
    inner.classList.add('either-body');
    inner.removeAttribute('data-key');
    const lbl = inner.querySelector(':scope > .label');
    if (lbl) lbl.remove();
    const leg = inner.querySelector(':scope > fieldset > legend');
    if (leg && !leg.textContent.trim()) leg.remove();
    box.appendChild(inner);
  }
  return box;
}

function scalarWidget(ctx, s, kind, sl, path, title, optional, box) {
  const value = sl.get();
  box.appendChild(labelFor(title, path, optional));
  let input;
  if (kind === 'choice') {
    input = el('select');
    const choices = choicesOf(s);
    if (optional) {
      const o = el('option', '', w('none'));
      o.value = '';
      input.appendChild(o);
    }
    choices.forEach((c, j) => {
      const o = el('option', '', c.title);
      o.value = String(j);
      input.appendChild(o);
    });
    const at = choices.findIndex((c) => c.value === value);
    input.value = at >= 0 ? String(at) : '';
    input.onchange = () => { sl.set(input.value === '' ? undefined : choices[Number(input.value)].value); changed(path, ctx.file); };
  } else if (kind === 'boolean') {
    input = el('input');
    input.type = 'checkbox';
    input.checked = value === true;
    input.onchange = () => { sl.set(input.checked ? true : (optional ? undefined : false)); changed(path, ctx.file); };
  } else if (kind === 'number') {
    input = el('input');
    input.type = 'number';
    input.step = s.type === 'integer' ? '1' : 'any';
    input.value = value === undefined || value === null ? '' : String(value);
    input.oninput = () => {
      const t = input.value.trim();
      if (t === '') sl.set(optional ? undefined : 0);
      else if (!Number.isNaN(Number(t))) sl.set(Number(t));
      changed(path, ctx.file);
    };
  } else if (kind === 'date') {
    input = el('input');
    input.type = 'date';
    input.value = typeof value === 'string' ? value : '';
    input.oninput = () => { sl.set(input.value === '' ? (optional ? undefined : '') : input.value); changed(path, ctx.file); };
  } else {
    const text = typeof value === 'string' ? value : '';
    const long = text.length > 26 || /\]$/.test(path);
    input = el(long ? 'textarea' : 'input');
    if (!long) input.type = 'text';
    input.value = text;
    if (long) { input.rows = 1; requestAnimationFrame(() => grow(input)); }
    input.oninput = (ev) => {
      if (long) grow(input);
      // While an input method composes (拼音 letters not yet characters), wait for its text.
      if (ev.isComposing) return;
      sl.set(input.value === '' && optional ? undefined : input.value);
      changed(path, ctx.file);
    };
    const ph = el('button', 'ph', '{…}');
    ph.type = 'button';
    ph.title = w('placeholder');
    ph.tabIndex = -1;
    ph.onclick = () => placeholderMenu(ph, input);
    box.appendChild(input);
    box.appendChild(ph);
    input.addEventListener('compositionend', () => input.dispatchEvent(new Event('input')));
    input.onfocus = () => { S.focusPath = keyOf(ctx.file, path); scrollToText(input.value); };
    input.dataset.path = path;
    input.dataset.file = ctx.file;
    return box;
  }
  input.dataset.path = path;
  input.dataset.file = ctx.file;
  box.appendChild(input);
  return box;
}

function grow(t) {
  t.style.height = 'auto';
  t.style.height = `${t.scrollHeight + 2}px`;
}

function placeholderMenu(button, input) {
  const menu = $('placeholder-menu');
  menu.replaceChildren();
  for (const p of S.placeholders) {
    const b = el('button', 'ph-item');
    b.type = 'button';
    b.appendChild(el('code', '', p.text));
    b.appendChild(el('span', '', p.prints));
    b.onclick = () => {
      const at = input.selectionStart ?? input.value.length;
      input.value = input.value.slice(0, at) + p.text + input.value.slice(input.selectionEnd ?? at);
      input.dispatchEvent(new Event('input'));
      menu.hidden = true;
      input.focus();
    };
    menu.appendChild(b);
  }
  const r = button.getBoundingClientRect();
  menu.style.left = `${Math.max(8, r.right - 260)}px`;
  menu.style.top = `${r.bottom + 4}px`;
  menu.hidden = false;
}

document.addEventListener('click', (e) => {
  const menu = $('placeholder-menu');
  if (!menu.hidden && !menu.contains(e.target) && !e.target.classList.contains('ph')) menu.hidden = true;
});

function buildForm() {
  const form = $('form');
  form.replaceChildren();
  S.files.forEach((f, n) => {
    const part = el('section', 'file');
    part.dataset.file = f.name;
    const heading = n === 0 ? w('notice') : `${w('attachment')}${S.files.length > 2 ? n : ''}`;
    const h = el('h2', '', `${heading}`);
    h.appendChild(el('span', 'file-name', f.name));
    part.appendChild(h);
    const ctx = { root: f.schema, file: f.name };
    const required = new Set(f.schema.required || []);
    for (const [key, prop] of Object.entries(f.schema.properties || {})) {
      part.appendChild(widget(ctx, prop, slot(f.data, key), key, prop.title, !required.has(key)));
    }
    form.appendChild(part);
  });
}

// ---- preview --------------------------------------------------------------------------

// An edit is sent at once when nothing is on its way; edits made meanwhile go together in the
// next request, as soon as the answer is in.
function schedule() {
  clearTimeout(S.timer);
  S.scheduled = true;
  S.timer = setTimeout(sendPreview, 0);
}

// No edit waiting for its pages (for the tests).
S.settled = () => !S.scheduled && !S.inFlight && !S.pending;

async function sendPreview() {
  S.scheduled = false;
  if (S.inFlight) { S.pending = true; return; }
  S.inFlight = true;
  S.pending = false;
  const editAt = S.editAt;
  $('pages-state').textContent = w('rendering');
  const r = await api('/api/preview', { files: S.files.map((f) => ({ name: f.name, data: f.data })) });
  S.inFlight = false;
  if (r.ok && r.json) await showPreview(r.json, editAt);
  else banner(r.json?.message || r.text);
  S.previews++;
  if (S.pending) sendPreview();
}

function showPreview(p, editAt) {
  showProblems(p.problems);
  $('pages-state').textContent = p.fresh ? '' : w('stale');
  $('pages-state').className = p.fresh ? '' : 'stale';
  S.pages = p.pages;
  const box = $('pages');
  const loads = [];
  p.pages.forEach((page, i) => {
    let div = box.children[i];
    if (!div) {
      div = el('div', 'page');
      div.appendChild(el('img'));
      div.appendChild(el('span', 'page-no', String(i + 1)));
      box.appendChild(div);
    }
    div.style.aspectRatio = `${page.width} / ${page.height}`;
    const img = div.firstChild;
    if (img.dataset.id !== page.id) {
      img.dataset.id = page.id;
      loads.push(new Promise((done) => {
        const next = new Image();
        next.onload = next.onerror = () => { if (img.dataset.id === page.id) img.src = next.src; done(); };
        next.src = `/page/${page.id}.png`;
      }));
    }
  });
  while (box.children.length > p.pages.length) box.lastChild.remove();
  return Promise.all(loads).then(() => {
    if (loads.length && p.fresh && editAt) {
      const ms = performance.now() - editAt;
      S.latencies.push(ms);
      $('timing').textContent = `${Math.round(ms)} ms`;
    }
    if (p.fresh && S.focusPath) {
      const a = document.activeElement;
      if (a && a.dataset && a.dataset.path !== undefined && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT')) scrollToText(a.value);
    }
  });
}

// Scrolls the pages to where `text` prints (placeholders and spaces left out).
function scrollToText(text) {
  const want = String(text || '').replace(/\{[^}]*\}/g, '\u0000').split('\u0000').map((x) => x.replace(/\s+/g, '')).sort((a, b) => b.length - a.length)[0] || '';
  if (want.length < 2) return;
  for (const len of [12, 6, 3]) {
    const needle = want.slice(0, len);
    if (needle.length < Math.min(len, 2)) continue;
    for (let i = 0; i < S.pages.length; i++) {
      let all = '';
      const starts = [];
      for (const [y, t] of S.pages[i].texts) { starts.push([all.length, y]); all += t; }
      const at = all.indexOf(needle);
      if (at < 0) continue;
      let y = 0;
      for (const [s0, y0] of starts) if (s0 <= at) y = y0;
      const div = $('pages').children[i];
      if (!div) return;
      const pane = $('pages-pane');
      const top = div.offsetTop + y * div.offsetHeight - pane.clientHeight / 3;
      pane.scrollTo({ top: Math.max(0, top), behavior: 'auto' });
      for (const d of $('pages').children) d.classList.toggle('here', d === div);
      return;
    }
  }
}

function showProblems(problems) {
  for (const n of document.querySelectorAll('.problem')) n.remove();
  for (const n of document.querySelectorAll('.has-problem')) n.classList.remove('has-problem', 'has-error');
  const top = $('problems');
  top.replaceChildren();
  for (const p of problems) {
    const msg = el('div', `problem ${p.error ? 'error' : 'warning'}`, p.message);
    let target = null;
    if (p.file) {
      let path = p.field;
      while (path && !target) {
        target = document.querySelector(`[data-key="${CSS.escape(keyOf(p.file, path))}"]`);
        if (!target) path = path.replace(/(\[\d+\]|\.[^.[\]]+|^[^.[\]]+)$/, '');
      }
      if (!target) target = document.querySelector(`section.file[data-file="${CSS.escape(p.file)}"] > h2`);
    }
    if (target) {
      target.classList.add('has-problem');
      if (p.error) target.classList.add('has-error');
      if (target.tagName === 'H2') target.after(msg); else target.appendChild(msg);
    } else {
      top.appendChild(msg);
    }
  }
}

// ---- saving, downloads, next year -----------------------------------------------------

function status(text, cls) {
  const s = $('status');
  s.textContent = text;
  s.className = cls || '';
}

function banner(text, actions) {
  const b = $('banner');
  b.replaceChildren(el('span', '', text));
  for (const [label, fn] of actions || []) {
    const btn = el('button', '', label);
    btn.type = 'button';
    btn.onclick = fn;
    b.appendChild(btn);
  }
  const x = el('button', 'close', '✕');
  x.type = 'button';
  x.onclick = () => { b.hidden = true; };
  b.appendChild(x);
  b.hidden = false;
}

async function save() {
  const r = await api('/api/save', { files: S.files.map((f) => ({ name: f.name, revision: f.revision, data: f.data })) });
  if (r.ok && r.json) {
    for (const saved of r.json.files) {
      const f = S.files.find((x) => x.name === saved.name);
      if (f) f.revision = saved.revision;
    }
    S.dirty = false;
    status(w('saved'), 'saved');
    $('banner').hidden = true;
  } else {
    status(w('unsaved'), 'dirty');
    const actions = r.status === 409 ? [[w('conflict_reload'), () => load(true)]] : [];
    banner(r.json?.message || r.text, actions);
  }
}

async function nextYear() {
  const notice = S.files[0]?.data || {};
  const guess = typeof notice.year === 'number' ? notice.year + 1 : new Date().getFullYear() + 1;
  const answer = window.prompt(w('ask_year'), String(guess));
  if (!answer) return;
  const r = await api('/api/new-edition', { year: Number(answer) });
  if (!r.ok || !r.json) { banner(r.json?.message || r.text); return; }
  const b = $('banner');
  b.replaceChildren();
  b.appendChild(el('span', '', w('new_edition_ready')));
  const a = el('a', '', r.json.download.split('/').pop());
  a.href = r.json.download;
  a.download = a.textContent;
  b.appendChild(a);
  const list = el('ul');
  for (const c of r.json.changed) list.appendChild(el('li', '', `${w('changed')}${c}`));
  for (const c of r.json.decide) list.appendChild(el('li', 'decide', `${w('still_to_decide')}${c}`));
  b.appendChild(list);
  const x = el('button', 'close', '✕');
  x.type = 'button';
  x.onclick = () => { b.hidden = true; };
  b.appendChild(x);
  b.hidden = false;
}

async function load(again) {
  if (again && S.dirty && !window.confirm(w('leave'))) return;
  const r = await api('/api/state');
  if (!r.ok || !r.json) { banner(r.text); return; }
  const st = r.json;
  S.words = st.words;
  S.placeholders = st.placeholders;
  S.files = st.files.map((f) => Object.assign({}, f, { schema: st.schemas[f.kind] }));
  S.dirty = false;
  document.title = `${w('title')} · ${st.edition}`;
  $('heading').textContent = `${w('title')}　${st.edition}`;
  $('save').textContent = w('save');
  $('next-year').textContent = w('next_year');
  $('download-label').textContent = w('download');
  const list = $('download-list');
  list.replaceChildren();
  for (const name of st.downloads) {
    const a = el('a', '', name);
    a.href = `/download/${name}`;
    a.download = name;
    list.appendChild(a);
  }
  status(w('saved'), 'saved');
  $('banner').hidden = true;
  buildForm();
  S.editAt = 0;
  sendPreview();
}

window.addEventListener('beforeunload', (e) => { if (S.dirty) { e.preventDefault(); e.returnValue = ''; } });
document.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); } });

window.addEventListener('DOMContentLoaded', () => {
  // The token is in the cookie now: keep it out of the address bar and the history.
  if (location.search.includes('token=')) history.replaceState(null, '', '/');
  $('save').onclick = save;
  $('next-year').onclick = nextYear;
  load(false);
});
