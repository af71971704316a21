// Browser import benchmark: the user's path with the generator's large files, timed in headless
// Chromium against the built dist/. Prints figures; asserts results, never a time target.
// usage: [DIST=dir] [READ_MS=n] [PICK_MS=n] node tests/bench/import_bench.mjs FILE
// FILE is a sales file: the generator's ventas.csv, or the XLSX made from it by
// tests/bench/make_xlsx.py. DIST defaults to dist/. READ_MS is the user's reading time on the
// mapping and on the report before clicking on: 0 (the default) clicks at once, so the figures
// add up to the machine's time; with a few seconds, they are the waits a user sees once the
// check has run ahead. PICK_MS is the user's time to pick the file once the Datos page is open:
// 0 (the default) drops it at once, while the page and its import worker are still starting.
// CLICKS=page has the page itself click "Revisar", "Importar" and "Resumen" the moment each is
// usable (READ_MS is then ignored): the import's figures are then the app's own time on the
// page's clock, without Playwright's latency (its clicks retry their actionability checks at
// 20–500 ms intervals, and each wait polls). Either way the import's timeline on the page's
// clock is printed, with the latency of each click.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, readdir, writeFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { basename, join, extname, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
// DIST=path serves another build (e.g. a baseline) with this script.
const dist = process.env.DIST ?? join(root, 'dist');
const sales = process.argv[2];
const readMs = Number(process.env.READ_MS ?? 0);
const pickMs = Number(process.env.PICK_MS ?? 0);
const pageClicks = process.env.CLICKS === 'page';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(dist, path.endsWith('/') ? join(path, 'index.html') : path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/html' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const profile = await mkdtemp(join(root, 'target', 'tmp', 'bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  viewport: { width: 1280, height: 800 },
});
// The import's timeline on the page's clock: when the file arrived, when each button became
// usable, when each click reached the page, when each result appeared; with CLICKS=page the
// page clicks each button itself (in a task of its own, as a user's click) once it is usable.
await context.addInitScript(pageClicks => {
  const at = window.__timeline = {};
  const seen = k => { if (!(k in at)) at[k] = performance.now(); };
  const q = id => document.querySelector(`[data-testid="${id}"]`);
  const press = (k, el) => {
    if (pageClicks && !(`pressed:${k}` in at)) { at[`pressed:${k}`] = performance.now(); setTimeout(() => el.click(), 0); }
  };
  document.addEventListener('change', e => { if (e.target.dataset?.testid === 'file-input') seen('drop'); }, true);
  document.addEventListener('click', e => { const id = e.target.closest?.('[data-testid]')?.dataset.testid; if (id) seen(`click:${id}`); }, true);
  new MutationObserver(() => {
    if (!('drop' in at)) return;
    if (q('file-kind')) seen('mapping');
    const check = q('import-check');
    if (check && !check.disabled) { seen('check-usable'); press('check', check); }
    const accept = q('import-accept');
    if (accept && !accept.disabled) {
      seen('report');
      if (!('summary' in at)) at.summary = q('report-summary')?.innerText;
      press('accept', accept);
    }
    const notice = q('import-notice');
    if (notice && /Listo/.test(notice.textContent)) { seen('stored'); press('resumen', q('nav-resumen')); }
    if ('click:nav-resumen' in at && q('kpi-active')) seen('kpi');
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['disabled'] });
}, pageClicks);
const timeline = () => page.evaluate(() => window.__timeline);
// Long main-thread tasks, collected from the first script on: [start, duration] on the page's clock.
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
});
const page = context.pages()[0] ?? await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const heap = async () => {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find(m => m.name === 'JSHeapUsedSize').value / 1048576;
};
// The renderer's main-thread busy time (Chromium's TaskDuration metric, in seconds): what a
// step costs the page, without Playwright's round trips.
const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find(m => m.name === 'TaskDuration').value;
const s = ms => `${(ms / 1000).toFixed(2)} s`;
// The longest of the long tasks that ended after `since` (the page's clock): the import's are
// those that ended after the drop (the page's start, seconds before with PICK_MS, is not the
// import's; a task under way at the drop is).
const longest = (since = 0) => page.evaluate(since => Math.max(0, ...window.__longTasks
  .filter(([start, duration]) => start + duration > since).map(([, duration]) => duration)), since);
// The long tasks that ended after `since`, in order: [duration (ms), its start from `since`
// and where it falls among the app's marks: the marks made in it, else the last one before].
const longTasks = since => page.evaluate(since => {
  const marks = performance.getEntriesByType('mark').filter(m => m.name.startsWith('fideliza:'));
  const name = m => m.name.slice('fideliza:'.length);
  return window.__longTasks.filter(([start, duration]) => start + duration > since).map(([start, duration]) => {
    const inside = marks.filter(m => m.startTime >= start && m.startTime <= start + duration).map(name);
    const before = marks.filter(m => m.startTime < start).at(-1);
    const where = inside.length ? `marks ${inside.join(', ')}` : `after ${before ? name(before) : 'start'}`;
    return [Math.round(duration), `at ${Math.round(start - since)} ms, ${where}`];
  });
}, since);
// The app's User Timing marks (src/ui/state.rs) after `since` (ms of the page's clock), and the
// page's clock now.
const marks = since => page.evaluate(since => performance.getEntriesByType('mark')
  .filter(m => m.name.startsWith('fideliza:') && m.startTime >= since)
  .map(m => `${m.name.slice(9)} ${(m.startTime - since).toFixed(0)} ms`).join(', '), since);
const now = () => page.evaluate(() => performance.now());
// Peak resident memory of this profile's renderer processes (the page and its workers, wasm
// memory included), from /proc (Linux): VmHWM, which `5 > clear_refs` resets.
const renderers = async () => {
  const pids = [];
  for (const pid of (await readdir('/proc')).filter(p => /^\d+$/.test(p))) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('--type=renderer') && cmd.includes(profile)) pids.push(pid);
  }
  return pids;
};
const memoryMB = async (field) => Math.max(0, ...await Promise.all((await renderers()).map(async pid => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
})));
const peakMB = () => memoryMB('VmHWM');
const resetPeak = async () => { for (const pid of await renderers()) await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => {}); };

const size = (await stat(sales)).size / 1048576;
await page.goto(`${base}#/datos`);
await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 60000 });
await page.waitForTimeout(pickMs);
const startMB = await memoryMB('VmRSS');
await resetPeak();

let t = Date.now();
let tRead, tCheck, tSave, checkAt, acceptAt, busyAtCheck, checkMarks, summary;
if (pageClicks) {
  busyAtCheck = await busy();
  await page.getByTestId('file-input').setInputFiles(sales);
  await page.waitForFunction(() => 'kpi' in window.__timeline, null, { timeout: 600000, polling: 250 });
  const at = await timeline();
  [tRead, tCheck, tSave] = [at.mapping - at.drop, at.report - at['click:import-check'], at.kpi - at['click:import-accept']];
  [checkAt, acceptAt, summary] = [at['click:import-check'], at['click:import-accept'], at.summary];
  checkMarks = (await marks(checkAt)).split(', ').filter(m => Number(m.split(' ').at(-2)) <= tCheck).join(', ');
} else {
  await page.getByTestId('file-input').setInputFiles(sales);
  await page.getByTestId('file-kind').waitFor({ timeout: 600000 });
  tRead = Date.now() - t;
  await page.waitForTimeout(readMs);
  t = Date.now();
  checkAt = await now();
  busyAtCheck = await busy();
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-review').waitFor({ timeout: 600000 });
  tCheck = Date.now() - t;
  checkMarks = await marks(checkAt);
  summary = await page.getByTestId('report-summary').innerText();
  await page.waitForTimeout(readMs);
  t = Date.now();
  acceptAt = await now();
  await page.getByTestId('import-accept').click();
  await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 600000 });
  await page.getByTestId('nav-resumen').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 600000 });
  tSave = Date.now() - t;
}
const busyImport = (await busy() - busyAtCheck) * 1e3;
// The timeline, from the drop; and how long each click took to reach the page once its
// button was usable (Playwright's latency, or with CLICKS=page the page's own busy time).
const at = await timeline();
const since = k => `${(at[k] - at.drop).toFixed(0)} ms`;
const importTimeline = `mapping ${since('mapping')}, "Revisar" usable ${since('check-usable')} and clicked ${since('click:import-check')}, `
  + `report ${since('report')}, "Importar" clicked ${since('click:import-accept')}, stored ${since('stored')}, "Resumen" clicked ${since('click:nav-resumen')}, KPIs shown ${since('kpi')}`;
const clickLatency = [['Revisar', 'check-usable', 'click:import-check'], ['Importar', 'report', 'click:import-accept'], ['Resumen', 'stored', 'click:nav-resumen']]
  .map(([name, usable, click]) => `${name} ${(at[click] - at[usable]).toFixed(0)} ms`).join(', ');
const active = await page.getByTestId('kpi-active').innerText();
const longImport = await longest(at.drop);
const importTasks = await longTasks(at.drop);
const importMarks = await marks(acceptAt);
const heapImport = await heap();
const peakImport = await peakMB();

// The reopen shows the dashboard stored with the data once it is there (stored right after
// the analysis; a build from before stored dashboards never marks it).
await page.waitForFunction(() => performance.getEntriesByName('fideliza:dashboard-stored').length > 0, null, { timeout: 10000 })
  .catch(() => console.log('no dashboard stored (a build without them)'));
const kpis = () => page.evaluate(() => ['kpi-active', 'kpi-value', 'kpi-ticket', 'kpi-frequency', 'kpi-retention', 'kpi-top20']
  .map(id => document.querySelector(`[data-testid="${id}"]`).innerText));
const imported = await kpis();
t = Date.now();
await page.reload();
await page.getByTestId('kpi-active').waitFor({ timeout: 600000 });
const tReopen = Date.now() - t;
const early = await kpis();
// Then the engine has read the data back and recomputed: every page works.
await page.waitForFunction(() => performance.getEntriesByName('fideliza:analyzed').length > 0
  && !document.querySelector('.status--busy'), null, { timeout: 600000 });
const tEngine = Date.now() - t;
const engine = await kpis();
if (JSON.stringify(early) !== JSON.stringify(imported) || JSON.stringify(engine) !== JSON.stringify(imported)) {
  throw new Error(`reopen figures differ: after import ${imported}, shown first ${early}, engine ${engine}`);
}
const longReopen = await longest();
const reopenTasks = await longTasks(0);
const reopenMarks = await marks(0);
const wasmReady = await page.evaluate(() => {
  const r = performance.getEntriesByType('resource').find(e => e.name.endsWith('_bg.wasm') && !e.name.includes('worker'));
  return r ? `${r.responseEnd.toFixed(0)} ms` : '?';
});

// A window change in Ajustes (12 → 6 → 12 months), then the Resumen and the RFV page drawn
// with it; and a round of the pages: each timed from the change or click until two frames
// after (Playwright's own round trips included), with the longest main-thread task meanwhile.
const settle = () => page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
const timed = async (act) => {
  await page.evaluate(() => { window.__longTasks = []; });
  const [t0, b0] = [Date.now(), await busy()];
  await act();
  await settle();
  const [t1, b1] = [Date.now(), await busy()];
  return `${t1 - t0} ms (main thread busy ${((b1 - b0) * 1e3).toFixed(0)} ms, longest task ${(await longest()).toFixed(0)} ms)`;
};
const windowChanges = [];
for (const [months, nav, probe] of [[6, 'resumen', 'kpi-active'], [12, 'rfv', 'rfv-subtitle']]) {
  await page.goto(`${base}#/ajustes`);
  await page.getByTestId('window-months').waitFor();
  const change = await timed(async () => {
    await page.getByTestId('window-months').fill(String(months));
    await page.getByTestId('window-months').blur();
  });
  const shown = await timed(async () => {
    await page.getByTestId(`nav-${nav}`).click();
    await page.getByTestId(probe).waitFor();
  });
  windowChanges.push(`${months} months: ${change}, then ${nav} ${shown}`);
}
// A ranking change in Ajustes (the practitioners' tier cuts, then the defaults back): the
// window and the models stay, only the tiers and what follows from them change.
const rankingChanges = [];
await page.goto(`${base}#/ajustes`);
await page.getByTestId('cuts-practitioner').waitFor();
for (const button of ['cuts-practitioner', 'settings-restore']) {
  rankingChanges.push(`${button} ${await timed(() => page.getByTestId(button).click())}`);
}
const pageSwitches = [];
for (const [nav, probe] of [['piramide', 'nav-piramide'], ['satisfaccion', 'nav-satisfaccion'], ['fuga', 'nav-fuga'], ['clientes', 'customers-totals'], ['resumen', 'kpi-active']]) {
  pageSwitches.push(`${nav} ${await timed(async () => {
    await page.getByTestId(`nav-${nav}`).click();
    await page.getByTestId(probe).waitFor();
  })}`);
}
// Clientes again, and a customer's card and back to the list: both show the list kept from the
// first visit (the same analysis and query), so neither filters and sorts 100k customers again.
const listAgain = [];
for (const [what, act] of [
  ['clientes again', async () => { await page.getByTestId('nav-clientes').click(); await page.getByTestId('customers-totals').waitFor(); }],
  ['card', async () => { await page.getByTestId('customer-link').first().click(); await page.getByTestId('card-title').waitFor(); }],
  ['back to the list', async () => { await page.getByTestId('card-back').click(); await page.getByTestId('customers-totals').waitFor(); }],
]) {
  listAgain.push(`${what} ${await timed(act)}`);
}

// A new analysis date in Ajustes (30 days before the one shown): its fit runs in the worker
// while the page keeps the previous figures; timed until the busy status clears.
await page.goto(`${base}#/ajustes`);
await page.getByTestId('as-of').waitFor();
const shownDate = await page.getByTestId('as-of').inputValue();
const newDate = new Date(Date.parse((shownDate || '2026-10-31') + 'T00:00:00Z') - 30 * 86400000).toISOString().slice(0, 10);
await page.evaluate(() => {
  window.__longTasks = [];
  window.__busySeen = false;
  new MutationObserver(() => { if (document.querySelector('.status--busy')) window.__busySeen = true; })
    .observe(document.body, { subtree: true, childList: true, characterData: true });
});
t = Date.now();
await page.getByTestId('as-of').fill(newDate);
await page.getByTestId('as-of').blur();
// (A build that fits on the page shows no busy status: then the freeze is over after 3 s.)
await page.evaluate(() => { window.__changedAt = performance.now(); });
await page.waitForFunction(() => !document.querySelector('.status--busy')
  && (window.__busySeen || performance.now() - window.__changedAt > 3000), null, { timeout: 600000 });
const tDate = Date.now() - t;
const longDate = await longest();
const busySeen = await page.evaluate(() => window.__busySeen);

// Memory of a reopen alone: leave the app (its memory collected), reset the peak, open it again
// and wait for the engine's result.
const address = page.url().replace(/#.*/, '#/resumen');
await page.goto('about:blank');
await cdp.send('HeapProfiler.collectGarbage');
await resetPeak();
await page.goto(address);
await page.waitForFunction(() => performance.getEntriesByName('fideliza:analyzed').length > 0
  && !document.querySelector('.status--busy'), null, { timeout: 600000 });
const peakReopen = await peakMB();

console.log(`file: ${basename(sales)} ${size.toFixed(1)} MB; report: ${summary}; active customers shown: ${active}`);
if (pickMs > 0) console.log(`file dropped ${s(pickMs)} after the Datos page opened (PICK_MS)`);
console.log(`drop → mapping shown (worker reads and decodes): ${s(tRead)}`);
console.log(`"Revisar" → report shown (worker checks every row, dataset sent back): ${s(tCheck)}`);
console.log(`  marks from the "Revisar" click: ${checkMarks}`);
console.log(`"Importar" → stored and Resumen ready (IndexedDB write + engine): ${s(tSave)}`);
console.log(pageClicks
  ? `total machine time from drop to analytics ready, on the page's clock (the page clicking each button once usable): ${s(at.kpi - at.drop)}`
  : readMs
    ? `total waited from drop to analytics ready, reading ${s(readMs)} on the mapping and on the report: ${s(tRead + tCheck + tSave)}`
    : `total machine time from drop to analytics ready: ${s(tRead + tCheck + tSave)}`);
console.log(`  the import on the page's clock, from the drop: ${importTimeline}`);
console.log(`  from a button usable to its click on the page: ${clickLatency}`);
console.log(`  marks from the "Importar" click: ${importMarks}`);
console.log(`page main thread busy from "Revisar" to analytics ready: ${busyImport.toFixed(0)} ms`);
console.log(`reopen (reload) → Resumen ready: ${s(tReopen)}; → the engine's own result (every page ready): ${s(tEngine)}`);
console.log(`  marks from navigation start: page wasm fetched ${wasmReady}, ${reopenMarks}`);
console.log(`longest main-thread task: import (from the drop) ${longImport.toFixed(0)} ms, reopen ${longReopen.toFixed(0)} ms`);
// Total blocking time (Σ of each long task's time past 50 ms), the Web Vitals lab measure.
const blocking = importTasks.reduce((sum, [d]) => sum + Math.max(0, d - 50), 0);
const listed = tasks => tasks.map(([d, where]) => `${d} ms (${where})`).join('; ') || 'none';
console.log(`  the import's long tasks (≥ 50 ms) from the drop: ${listed(importTasks)}; total blocking time ${blocking} ms`);
console.log(`  the reopen's long tasks from navigation start: ${listed(reopenTasks)}`);
console.log(`window change in Ajustes → page drawn: ${windowChanges.join('; ')}`);
console.log(`ranking change in Ajustes: ${rankingChanges.join('; ')}`);
console.log(`page switches (100k customers): ${pageSwitches.join(', ')}`);
console.log(`then: ${listAgain.join(', ')}`);
console.log(`new analysis date ${newDate} in Ajustes → figures recomputed: ${s(tDate)}${busySeen ? '' : ' (no busy status: fitted on the page; includes a 3 s wait)'}; longest main-thread task meanwhile ${longDate.toFixed(0)} ms`);
console.log(`page JS heap after import: ${heapImport.toFixed(0)} MB (wasm memory not included)`);
console.log(`peak resident memory of the renderer (page + import worker, wasm included): import ${peakImport.toFixed(0)} MB, reopen ${peakReopen.toFixed(0)} MB (${startMB.toFixed(0)} MB with the Datos page open before the import)`);
await context.close();
await rm(profile, { recursive: true, force: true });
server.close();
