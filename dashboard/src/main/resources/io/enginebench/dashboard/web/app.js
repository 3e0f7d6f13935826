'use strict';
// EngineBench dashboard: live view fed by /ws/live, results browser over /api/*. No build step, no framework.
// All text from the server goes through textContent, never innerHTML.

const MAX_POINTS = 1200;
const state = { runs: new Map(), selected: null, windowS: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'onclick') e.onclick = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return e;
}

function fmt(v, digits) {
  if (v == null || Number.isNaN(v)) return '–';
  if (typeof v === 'number') return v.toFixed(digits == null ? 1 : digits);
  return String(v);
}

// ---------- live view ----------

const CHARTS = {
  latency: { div: 'chart-latency', title: 'TTFT / TPOT (ms, sliding window)', traces: [
    ['TTFT p50', p => p.ttft_p50_ms], ['TTFT p99', p => p.ttft_p99_ms],
    ['TPOT p50', p => p.tpot_p50_ms], ['TPOT p99', p => p.tpot_p99_ms]] },
  throughput: { div: 'chart-throughput', title: 'Throughput (sliding window)', traces: [
    ['output tokens/s', p => p.tokens_per_s], ['requests/s', p => p.requests_per_s, 'y2']] },
  engine: { div: 'chart-engine', title: 'Engine: KV cache and queue', traces: [
    ['KV cache %', p => p.kv_cache_usage == null ? null : p.kv_cache_usage * 100],
    ['waiting', p => p.requests_waiting, 'y2'], ['running', p => p.requests_running, 'y2']] },
};

function layout(chart) {
  // The title sits left and the mode bar (top right) shows on hover only, so the two never overlap.
  const l = { title: { text: chart.title, font: { size: 13 }, x: 0.01, xanchor: 'left' },
    margin: { l: 50, r: 50, t: 40, b: 35 },
    xaxis: { title: { text: 's since run start' } }, legend: { orientation: 'h', y: -0.25 } };
  if (chart.traces.some(t => t[2] === 'y2')) l.yaxis2 = { overlaying: 'y', side: 'right', rangemode: 'tozero' };
  return l;
}

function drawCharts() {
  const run = state.runs.get(state.selected);
  const points = run ? run.points : [];
  for (const chart of Object.values(CHARTS)) {
    const data = chart.traces.map(([name, f, axis]) => ({
      name, mode: 'lines+markers', type: 'scatter', yaxis: axis || 'y',
      x: points.map(p => p.t_s), y: points.map(f) }));
    Plotly.react(chart.div, data, layout(chart), { displaylogo: false, responsive: true, displayModeBar: 'hover' });
  }
  document.getElementById('chart-title').textContent = run
    ? `Run ${run.view.scenario || ''} · ${run.view.engine || ''} · ${run.view.run_id}` : 'Selected run';
}

function appendToCharts(point) {
  for (const chart of Object.values(CHARTS)) {
    const idx = chart.traces.map((_, i) => i);
    Plotly.extendTraces(chart.div, {
      x: chart.traces.map(() => [point.t_s]), y: chart.traces.map(t => [t[1](point)]) }, idx, MAX_POINTS);
  }
}

function onLiveMessage(msg) {
  const seen = new Set();
  let selectedChanged = false;
  for (const view of msg.runs) {
    seen.add(view.run_id);
    let run = state.runs.get(view.run_id);
    if (!run) { run = { points: [], lastSeq: 0 }; state.runs.set(view.run_id, run); }
    run.view = view;
    if (msg.type === 'hello' && view.history) {
      run.points = view.history.slice(-MAX_POINTS);
      run.lastSeq = run.points.length ? run.points[run.points.length - 1].seq : 0;
      if (view.run_id === state.selected) selectedChanged = true;
    } else if (view.latest && view.latest.seq > run.lastSeq) {
      run.points.push(view.latest);
      if (run.points.length > MAX_POINTS) run.points.shift();
      run.lastSeq = view.latest.seq;
      if (view.run_id === state.selected) appendToCharts(view.latest);
    }
    if (view.window_s) state.windowS = view.window_s;
  }
  for (const id of [...state.runs.keys()]) if (!seen.has(id)) state.runs.delete(id);
  if (!state.runs.has(state.selected)) {
    const running = msg.runs.find(r => r.status === 'running') || msg.runs[0];
    state.selected = running ? running.run_id : null;
    selectedChanged = true;
  }
  // charts only for a run to show: empty axes say nothing (shown before drawing, so Plotly sizes them)
  document.getElementById('live-charts').hidden = state.runs.size === 0;
  if (selectedChanged) drawCharts();
  renderCards();
  renderMatrices(msg.matrices || []);
  if (state.windowS) document.getElementById('window-s').textContent = state.windowS;
}

function renderCards() {
  const box = document.getElementById('cards');
  box.replaceChildren();
  if (state.runs.size === 0) {
    box.append(el('p', { class: 'empty' }, 'No run in progress: runs started with bench run or bench matrix appear '
      + 'here while they run; finished runs are in the Results tab.'));
    return;
  }
  for (const [id, run] of state.runs) {
    const v = run.view, p = v.latest || {};
    const rows = [
      ['status', v.status], ['requests done', v.requests_done], ['failed', v.requests_failed],
      ['in flight (est.)', v.in_flight_estimate],
      ['idle', v.idle_s == null ? null : (v.idle_s >= 30 ? `${fmt(v.idle_s, 0)} s (stalled?)` : `${fmt(v.idle_s, 1)} s`)], ['level', v.level_index == null ? null : `${v.level_index}` +
        (v.concurrency != null ? ` (c=${v.concurrency})` : '') + (v.target_rate != null ? ` (${v.target_rate} req/s)` : '')],
      ['TTFT p50 / p99 ms', `${fmt(p.ttft_p50_ms)} / ${fmt(p.ttft_p99_ms)}`],
      ['TPOT p50 / p99 ms', `${fmt(p.tpot_p50_ms, 2)} / ${fmt(p.tpot_p99_ms, 2)}`],
      ['tokens/s', fmt(p.tokens_per_s, 0)],
      ['KV cache', p.kv_cache_usage == null ? '–' : fmt(p.kv_cache_usage * 100, 0) + ' %'],
      ['waiting / running', `${fmt(p.requests_waiting, 0)} / ${fmt(p.requests_running, 0)}`]];
    const dl = el('dl');
    for (const [k, val] of rows) dl.append(el('dt', {}, k), el('dd', {}, val == null ? '–' : val));
    const card = el('div', { class: 'card' + (id === state.selected ? ' selected' : ''), 'data-run': id,
      onclick: () => { state.selected = id; drawCharts(); renderCards(); } },
      el('h3', {}, `${v.scenario || '?'} · ${v.variant || v.engine || '?'}`),
      v.status === 'running' ? '' : el('div', { class: 'finished' }, `finished (${v.status})`),
      v.simulated ? el('div', { class: 'sim' }, 'simulated engine') : '',
      el('div', { class: 'hint' }, `${v.model || ''} · ${id}`), dl);
    box.append(card);
  }
}

function renderMatrices(matrices) {
  const body = document.querySelector('#matrices tbody');
  body.replaceChildren();
  document.getElementById('live-matrices').hidden = matrices.length === 0;
  for (const m of matrices) {
    const cells = m.cells || [];
    const count = s => cells.filter(c => c.status === s).length;
    body.append(el('tr', {}, el('td', {}, m.matrix_id), el('td', {}, m.status), el('td', { class: 'num' }, cells.length),
      el('td', { class: 'num' }, count('complete') + count('skipped_complete')), el('td', { class: 'num' }, count('running')),
      el('td', { class: 'num' }, count('failed')), el('td', {}, m.updated_at || '')));
  }
}

function connectLive() {
  const conn = document.getElementById('conn');
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/live`);
  ws.onopen = () => { conn.textContent = 'live'; };
  ws.onmessage = ev => onLiveMessage(JSON.parse(ev.data));
  ws.onclose = () => { conn.textContent = 'disconnected, retrying…'; setTimeout(connectLive, 2000); };
}

// ---------- results browser ----------

async function getJson(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function query(form) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) params.set(k, String(v).trim());
  return params.toString();
}

async function loadRuns(ev) {
  if (ev) ev.preventDefault();
  const note = document.getElementById('runs-note');
  note.textContent = 'loading… (the first query starts Spark and takes a few seconds)';
  try {
    const data = await getJson('/api/runs?' + query(document.getElementById('run-filter')));
    note.textContent = `${data.count} runs` + (data.warehouse ? '' : ' (no warehouse yet: run folders only)');
    const body = document.querySelector('#runs tbody');
    body.replaceChildren();
    for (const r of data.runs) {
      body.append(el('tr', { onclick: () => loadRun(r.run_uid) }, el('td', {}, r.timestamp), el('td', {}, r.model_name || r.model),
        el('td', {}, r.engine), el('td', {}, r.engine_variant), el('td', {}, r.scenario), el('td', { class: 'num' }, r.iteration),
        el('td', {}, r.status), el('td', {}, r.ingested ? r.source : 'not ingested')));
    }
  } catch (e) { note.textContent = 'error: ' + e.message; }
}

const SUMMARY_KEYS = ['requests_total', 'requests_ok', 'requests_failed', 'error_rate', 'duration_s', 'output_tps',
  'request_rps', 'ttft_ms_p50', 'ttft_ms_p99', 'tpot_ms_p50', 'tpot_ms_p99', 'e2e_ms_p50', 'e2e_ms_p99', 'itl_ms_p50'];
const LEVEL_KEYS = ['level_index', 'concurrency', 'target_rate', 'requests_ok', 'requests_failed', 'output_tps',
  'request_rps', 'ttft_ms_p50', 'ttft_ms_p99', 'tpot_ms_p50', 'tpot_ms_p99', 'e2e_ms_p50'];

async function loadRun(uid) {
  const box = document.getElementById('run-detail');
  box.hidden = false;
  try {
    const d = await getJson('/api/runs/' + encodeURIComponent(uid));
    const r = d.run;
    document.getElementById('run-detail-title').textContent =
      `${r.scenario} · ${r.engine_variant || r.engine} · ${r.model_name || r.model || ''} (${uid})`;
    document.getElementById('run-detail-note').textContent = d.note || '';
    const sum = document.querySelector('#run-summary tbody');
    sum.replaceChildren();
    for (const k of SUMMARY_KEYS) {
      if (d.summary && d.summary[k] != null) sum.append(el('tr', {}, el('th', {}, k), el('td', { class: 'num' }, fmt(d.summary[k], 2))));
    }
    const t = document.getElementById('run-levels');
    t.tHead.replaceChildren(el('tr', {}, ...LEVEL_KEYS.map(k => el('th', {}, k))));
    t.tBodies[0].replaceChildren(...d.levels.map(l => el('tr', {}, ...LEVEL_KEYS.map(k => el('td', { class: 'num' }, fmt(l[k], 2))))));
  } catch (e) { document.getElementById('run-detail-note').textContent = 'error: ' + e.message; }
}

async function loadCompare(ev) {
  ev.preventDefault();
  const note = document.getElementById('compare-note');
  note.textContent = 'loading…';
  try {
    const d = await getJson('/api/compare?' + query(ev.target));
    const body = document.querySelector('#compare tbody');
    if (d.verdicts) {   // baseline/candidate selectors: the verdicts of bench compare
      note.textContent = `${d.verdicts.length} comparisons (${d.baseline_runs} baseline, ${d.candidate_runs} candidate runs); ${d.outcome}. Rule: ${d.rule}`
        + (d.reasons.length ? ' — ' + d.reasons.join('; ') : '');
      body.replaceChildren(...d.verdicts.map(v => el('tr', {},
        el('td', {}, v.metric), el('td', {}, `${v.scenario} · ${v.load}`),
        el('td', {}, 'baseline'), el('td', { class: 'num' }, `${fmt(v.mean_baseline, 2)} ± ${fmt(v.ci95_baseline, 2)} (n=${v.n_baseline})`),
        el('td', {}, 'candidate'), el('td', { class: 'num' }, `${fmt(v.mean_candidate, 2)} ± ${fmt(v.ci95_candidate, 2)} (n=${v.n_candidate})`),
        el('td', { class: 'verdict-' + v.verdict }, v.regression ? `${v.verdict} (regression)` : v.verdict))));
      return;
    }
    note.textContent = d.note || `${d.winners.length} comparisons. Rule: ${d.rule}`;
    body.replaceChildren(...d.winners.map(w => el('tr', {},
      el('td', {}, w.metric), el('td', {}, w.scope === 'level' ? `${w.level_index}` : w.scope + (w.arm ? ' ' + w.arm : '')),
      el('td', {}, w.engine_a), el('td', { class: 'num' }, `${fmt(w.mean_a, 2)} ± ${fmt(w.ci95_a, 2)} (n=${w.n_a})`),
      el('td', {}, w.engine_b), el('td', { class: 'num' }, `${fmt(w.mean_b, 2)} ± ${fmt(w.ci95_b, 2)} (n=${w.n_b})`),
      el('td', { class: 'verdict-' + w.verdict }, w.winner ? `${w.winner}` : w.verdict))));
  } catch (e) { note.textContent = 'error: ' + e.message; }
}

// ---------- wiring ----------

function showView(name) {
  for (const b of document.querySelectorAll('button.tab')) b.classList.toggle('active', b.dataset.view === name);
  document.getElementById('view-live').hidden = name !== 'live';
  document.getElementById('view-results').hidden = name !== 'results';
  if (name === 'results' && !document.querySelector('#runs tbody').children.length) loadRuns();
  if (name === 'live') drawCharts();
}

for (const b of document.querySelectorAll('button.tab')) b.onclick = () => showView(b.dataset.view);
document.getElementById('run-filter').onsubmit = loadRuns;
document.getElementById('compare-form').onsubmit = loadCompare;
drawCharts();
connectLive();
