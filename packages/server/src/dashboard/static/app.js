// The raftbus dashboard: plain browser JavaScript, no build step and nothing from a CDN.
// State arrives from this node's /v1/dashboard/stream (Server-Sent Events): a `cluster` event with every
// member's status every half second, and `events` with new timeline entries from any member.

const LOG_PAGE_ENTRIES = 48;
const EVENTS_SHOWN_MAX = 300;
const STRIP_WINDOW_MS = 10 * 60 * 1000;
const STREAM_RETRY_MS = 1000;
/** While following the end of the log, refetch it at most this often. */
const LOG_REFRESH_MS = 1000;

// A bearer token, when the cluster needs one, comes in the fragment (#token=…): it never reaches a server log.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const authHeaders = token ? { authorization: `Bearer ${token}` } : {};

const $ = (id) => document.getElementById(id);
/** As the .k-* markers in style.css. */
const KIND_COLOURS = { started: '#3aa6b9', election: '#d08a1d', leader: '#2f9e6e', leaderLost: '#c8453a', stepDown: '#8a97a5', term: '#8a63c8', snapshot: '#2f6fb0', snapshotInstalled: '#2f6fb0' };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...authHeaders, ...(init.headers ?? {}) } });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, ok: res.ok, body };
}

const state = {
  self: '',
  members: [],
  view: undefined,
  events: [],
  log: { node: '', from: null, page: undefined, fetchedAt: 0, inFlight: false },
};

// ── Stream ───────────────────────────────────────────────────────────────────────────────────────

function setConn(kind, text) {
  $('conn').dataset.state = kind;
  $('conn-text').textContent = text;
}

/** Read the SSE stream with fetch (so a bearer token can go along), reconnecting when it ends. */
async function stream() {
  for (;;) {
    try {
      const res = await fetch('/v1/dashboard/stream', { headers: { accept: 'text/event-stream', ...authHeaders } });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      setConn('live', 'live');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
      throw new Error('the stream ended');
    } catch (e) {
      setConn('down', `reconnecting to ${state.self || 'this node'}… (${e.message})`);
      await new Promise((r) => setTimeout(r, STREAM_RETRY_MS));
    }
  }
}

function dispatch(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  const payload = JSON.parse(data.join('\n'));
  if (event === 'cluster') onCluster(payload);
  else if (event === 'events') onEvents(payload);
}

// ── Nodes ────────────────────────────────────────────────────────────────────────────────────────

function clusterLeader(members) {
  // The member that says it leads, in the highest term (a deposed leader may not know yet).
  let best;
  for (const m of members) if (m.status?.role === 'leader' && (!best || m.status.term > best.status.term)) best = m;
  return best;
}

function onCluster(view) {
  state.view = view;
  state.self = view.self;
  const leader = clusterLeader(view.members);
  $('leader-id').textContent = leader ? leader.id : 'none';
  $('cluster-term').textContent = String(Math.max(0, ...view.members.map((m) => m.status?.term ?? 0)));
  $('cluster-commit').textContent = leader ? String(leader.status.commit) : '—';
  $('self-id').textContent = view.self;
  renderNodes(view, leader);
  renderTransferTargets(view, leader);
  renderLogTabs(view);
  renderStrip();
  if (state.log.from === null && Date.now() - state.log.fetchedAt > LOG_REFRESH_MS) void loadLog();
}

function renderNodes(view, leader) {
  const cards = view.members.map((m) => nodeCard(m, leader, view.self));
  $('nodes').replaceChildren(...cards);
}

function nodeCard(m, leader, self) {
  const s = m.status;
  const up = s !== undefined;
  const role = up ? s.role : 'down';
  const progress = leader && leader.id !== m.id ? leader.status.progress?.[m.id] : undefined;
  const lag = progress ? Math.max(0, leader.status.lastIndex - progress.match) : undefined;
  const card = el('article', { class: 'node-card', 'data-node': m.id, 'data-role': role, 'data-up': String(up) });
  card.append(
    el('div', { class: 'top' }, el('span', { class: 'id', text: m.id }, m.id === self ? el('span', { class: 'self', text: '(this page)' }) : null), el('span', { class: `badge ${role}`, text: role === 'preCandidate' ? 'pre-candidate' : role })),
  );
  if (!up) {
    card.append(el('div', { class: 'err', text: `unreachable: ${m.error ?? 'no answer'}` }));
    return card;
  }
  const rows = [
    ['term', s.term],
    ['commit', s.commit],
    ['applied', s.applied],
    ['last index', s.lastIndex],
    ['leader', s.leader || 'none'],
    ['follower lag', role === 'leader' ? '—' : lag === undefined ? 'unknown' : `${lag} entr${lag === 1 ? 'y' : 'ies'}${progress.state && progress.state !== 'replicate' ? ` (${progress.state})` : ''}`],
    ['pending w / r', `${s.pendingProposals} / ${s.pendingReads}`],
    ['pid', s.pid],
  ];
  const dl = el('dl', { class: 'kv' });
  for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: String(v), 'data-field': k.replace(' ', '-') }));
  card.append(dl);
  if (role !== 'leader' && lag !== undefined) {
    // Full bar = caught up; it empties as the follower falls a log page behind.
    const pct = Math.max(0, 100 - (lag / LOG_PAGE_ENTRIES) * 100);
    card.append(el('div', { class: 'lagbar', title: `${lag} entries behind the leader` }, el('i', { style: `width:${pct}%` })));
  }
  return card;
}

function renderTransferTargets(view, leader) {
  const select = $('transfer-target');
  const wanted = view.members.filter((m) => m.status && m.id !== leader?.id).map((m) => m.id);
  const current = [...select.options].map((o) => o.value);
  if (wanted.join() === current.join()) return;
  const keep = select.value;
  select.replaceChildren(...wanted.map((id) => el('option', { value: id, text: id })));
  if (wanted.includes(keep)) select.value = keep;
}

// ── Log viewer ───────────────────────────────────────────────────────────────────────────────────

function renderLogTabs(view) {
  const ids = view.members.map((m) => m.id);
  if (!state.log.node) state.log.node = view.self;
  const tabs = $('log-nodes');
  if ([...tabs.children].map((b) => b.dataset.node).join() !== ids.join()) {
    tabs.replaceChildren(
      ...ids.map((id) => {
        const b = el('button', { role: 'tab', 'data-node': id, text: id });
        b.addEventListener('click', () => {
          state.log.node = id;
          state.log.from = null;
          void loadLog();
        });
        return b;
      }),
    );
  }
  for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.node === state.log.node));
}

function termColour(term) {
  // Golden-angle hue steps keep neighbouring terms far apart; term 1 is blue.
  return `hsl(${(72.5 + term * 137.5) % 360} 50% 45%)`;
}

async function loadLog() {
  const log = state.log;
  if (log.inFlight) return;
  log.inFlight = true;
  log.fetchedAt = Date.now();
  try {
    const q = new URLSearchParams({ node: log.node || state.self, limit: String(LOG_PAGE_ENTRIES) });
    if (log.from !== null) q.set('from', String(log.from));
    const res = await api(`/v1/dashboard/log?${q}`);
    if (!res.ok) {
      $('log-note').textContent = res.body?.error?.message ?? `HTTP ${res.status}`;
      return;
    }
    log.page = res.body;
    renderLog(res.body);
  } catch (e) {
    $('log-note').textContent = e.message;
  } finally {
    log.inFlight = false;
  }
}

function renderLog(page) {
  const cells = page.entries.map((e, k) => {
    const next = page.entries[k + 1];
    const edge = e.committed && (!next || !next.committed);
    const cell = el('div', {
      class: `entry${edge ? ' commit-edge' : ''}`,
      'data-index': e.index,
      'data-term': e.term,
      'data-committed': String(e.committed),
      title: `index ${e.index}, term ${e.term}, ${e.type} of ${e.size} bytes, ${e.committed ? 'committed' : 'not committed yet'}${e.index <= page.applied ? ', applied' : ''}`,
      style: `--term:${termColour(e.term)}`,
    });
    cell.append(el('div', { class: 'i', text: `${e.type === 'noop' ? '∅ ' : e.type === 'conf' ? '⚙ ' : ''}${e.index}` }), el('div', { class: 't', text: `t${e.term}` }));
    return cell;
  });
  $('log-grid').replaceChildren(...cells);
  const first = page.entries[0]?.index;
  const last = page.entries.at(-1)?.index;
  $('log-range').textContent = first === undefined ? 'no entries in memory' : `${page.node}: ${first}–${last} of ${page.firstIndex}–${page.lastIndex}`;
  $('log-range').dataset.first = String(first ?? '');
  $('log-range').dataset.last = String(last ?? '');
  $('log-note').textContent = `commit ${page.commit}, applied ${page.applied}${page.snapshotIndex > 0 ? `; compacted into a snapshot up to ${page.snapshotIndex}` : ''}${state.log.from === null ? ' — following the end' : ''}`;
  $('log-older').disabled = $('log-oldest').disabled = first === undefined || first <= page.firstIndex;
  $('log-newer').disabled = $('log-latest').disabled = state.log.from === null;
}

function pageTo(from) {
  const page = state.log.page;
  if (!page) return;
  const lastPageFrom = Math.max(page.firstIndex, page.lastIndex - LOG_PAGE_ENTRIES + 1);
  state.log.from = from >= lastPageFrom ? null : Math.max(page.firstIndex, from);
  void loadLog();
}

$('log-oldest').addEventListener('click', () => pageTo(state.log.page?.firstIndex ?? 1));
$('log-older').addEventListener('click', () => pageTo((state.log.page?.entries[0]?.index ?? 1) - LOG_PAGE_ENTRIES));
$('log-newer').addEventListener('click', () => pageTo((state.log.page?.entries[0]?.index ?? 1) + LOG_PAGE_ENTRIES));
$('log-latest').addEventListener('click', () => pageTo(Number.MAX_SAFE_INTEGER));

// ── Timeline ─────────────────────────────────────────────────────────────────────────────────────

function describe(e) {
  switch (e.kind) {
    case 'started': return `started (term ${e.term}, ${e.role})`;
    case 'election': return `${e.role === 'preCandidate' ? 'pre-vote' : 'election'} started for term ${e.role === 'preCandidate' ? e.term + 1 : e.term}`;
    case 'leader': return `sees ${e.leader} as leader of term ${e.term}`;
    case 'leaderLost': return `lost leader ${e.leader || '(none)'} in term ${e.term}`;
    case 'stepDown': return `stepped down as leader (term ${e.term})`;
    case 'term': return `moved to term ${e.term}`;
    case 'snapshot': return `took a snapshot at index ${e.index} (${e.bytes} bytes)`;
    case 'snapshotInstalled': return `installed the leader's snapshot at index ${e.index} (${e.bytes} bytes)`;
    default: return e.kind;
  }
}

function onEvents(events) {
  const seen = new Set(state.events.map((e) => `${e.node}/${e.seq}/${e.timeMs}`));
  for (const e of events) if (!seen.has(`${e.node}/${e.seq}/${e.timeMs}`)) state.events.push(e);
  state.events.sort((a, b) => a.timeMs - b.timeMs);
  if (state.events.length > EVENTS_SHOWN_MAX) state.events.splice(0, state.events.length - EVENTS_SHOWN_MAX);
  const items = [...state.events].reverse().map((e) =>
    el('li', { class: 'event', 'data-kind': e.kind, 'data-node': e.node },
      el('time', { text: new Date(e.timeMs).toLocaleTimeString([], { hour12: false }) + '.' + String(e.timeMs % 1000).padStart(3, '0') }),
      el('span', { class: 'who', text: e.node }),
      el('span', {}, el('i', { class: `kind k-${e.kind}` }), describe(e))),
  );
  $('events').replaceChildren(...items);
  renderStrip();
}

function renderStrip() {
  const svg = $('strip');
  const ns = 'http://www.w3.org/2000/svg';
  const ids = state.view ? state.view.members.map((m) => m.id) : [...new Set(state.events.map((e) => e.node))];
  const now = Date.now();
  // Drawn in CSS pixels, so dots stay round and labels unscaled at any width.
  const W = Math.max(200, Math.round(svg.getBoundingClientRect().width)) || 600;
  svg.setAttribute('viewBox', `0 0 ${W} 80`);
  const rowH = 80 / Math.max(1, ids.length);
  const parts = [];
  ids.forEach((id, k) => {
    const y = rowH * k + rowH / 2;
    const line = document.createElementNS(ns, 'line');
    Object.entries({ x1: 28, x2: W, y1: y, y2: y, stroke: '#e1e6eb' }).forEach(([a, v]) => line.setAttribute(a, String(v)));
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '2');
    label.setAttribute('y', String(y + 3));
    label.textContent = id;
    parts.push(line, label);
  });
  for (const e of state.events) {
    const age = now - e.timeMs;
    if (age > STRIP_WINDOW_MS || !ids.includes(e.node)) continue;
    const dot = document.createElementNS(ns, 'circle');
    dot.setAttribute('cx', String(28 + ((W - 34) * (STRIP_WINDOW_MS - age)) / STRIP_WINDOW_MS));
    dot.setAttribute('cy', String(rowH * ids.indexOf(e.node) + rowH / 2));
    dot.setAttribute('r', '4');
    dot.setAttribute('fill', KIND_COLOURS[e.kind] ?? '#8a97a5');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${e.node}: ${describe(e)}`;
    dot.append(title);
    parts.push(dot);
  }
  svg.replaceChildren(...parts);
}

// ── Actions ──────────────────────────────────────────────────────────────────────────────────────

$('transfer-btn').addEventListener('click', async () => {
  const to = $('transfer-target').value;
  if (!to) return;
  const out = $('transfer-result');
  out.textContent = `asking the cluster to hand leadership to ${to}…`;
  const started = performance.now();
  try {
    const res = await api('/v1/cluster/transfer-leadership', { method: 'POST', body: JSON.stringify({ to }) });
    out.textContent = res.ok ? `${to} leads (${Math.round(performance.now() - started)} ms)` : `failed: ${res.body?.error?.message ?? res.status}`;
  } catch (e) {
    out.textContent = `failed: ${e.message}`;
  }
});

$('cmd-send').addEventListener('click', async () => {
  const status = $('cmd-status');
  const result = $('cmd-result');
  let body;
  try {
    body = $('cmd-body').value.trim() === '' ? undefined : JSON.stringify(JSON.parse($('cmd-body').value));
  } catch (e) {
    status.textContent = `the body is not JSON: ${e.message}`;
    return;
  }
  status.textContent = 'sending…';
  const started = performance.now();
  try {
    const res = await api($('cmd-path').value, { method: $('cmd-method').value, ...(body ? { body } : {}) });
    status.textContent = `HTTP ${res.status} in ${Math.round(performance.now() - started)} ms`;
    result.textContent = JSON.stringify(res.body, null, 2);
    result.dataset.status = String(res.status);
  } catch (e) {
    status.textContent = `failed: ${e.message}`;
  }
});

async function init() {
  const res = await api('/v1/dashboard/app');
  if (res.ok) {
    $('app-name').textContent = res.body.app;
    $('cmd-app').textContent = `(${res.body.app})`;
    $('cmd-method').value = res.body.testCommand.method;
    $('cmd-path').value = res.body.testCommand.path;
    $('cmd-body').value = JSON.stringify(res.body.testCommand.body);
    state.self = res.body.self;
    state.log.node = res.body.self;
  } else {
    setConn('down', res.status === 401 ? 'this cluster needs a token: open the page as /#token=…' : `HTTP ${res.status}`);
  }
  void stream();
}

void init();
