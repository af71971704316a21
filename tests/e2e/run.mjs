// End-to-end test runner: serves dist/ on 127.0.0.1, drives Debian's Chromium with
// playwright-core, runs every *.spec.mjs here and prints one PASS/FAIL line per test.
// usage: node tests/e2e/run.mjs [filter]
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, readdir, mkdir, rm, mkdtemp } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const dist = join(root, 'dist');
export const artifacts = join(root, 'target', 'e2e');
await mkdir(artifacts, { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dist, path.endsWith('/') ? join(path, 'index.html') : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404); res.end('not found');
  }
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const baseUrl = `http://127.0.0.1:${server.address().port}/`;

const filter = process.argv[2] ?? '';
const specs = (await readdir(here)).filter(f => f.endsWith('.spec.mjs')).sort();
const profiles = join(root, 'target', 'tmp');
await mkdir(profiles, { recursive: true });

let passed = 0, failed = 0;
for (const spec of specs) {
  const { tests } = await import(join(here, spec));
  for (const [name, fn] of Object.entries(tests)) {
    if (!`${spec} ${name}`.includes(filter)) continue;
    const userDataDir = await mkdtemp(join(profiles, 'chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = context.pages()[0] ?? await context.newPage();
    // Every request must stay on the page's own origin (data never leave the machine).
    const foreign = [];
    const errors = [];
    page.on('request', r => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== new URL(baseUrl).origin) foreign.push(r.url());
    });
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    // With its stack: a flaky error says where it came from.
    page.on('pageerror', e => errors.push(e.stack ?? String(e)));
    const t0 = Date.now();
    try {
      await fn({ page, context, baseUrl, artifacts });
      if (foreign.length) throw new Error(`requests left the origin: ${foreign.join(', ')}`);
      if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
      passed++;
      console.log(`PASS ${spec} › ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${spec} › ${name}\n${e.stack ?? e}`);
      await page.screenshot({ path: join(artifacts, `FAILED-${spec}-${name}.png`.replace(/[^\w.-]+/g, '_')) }).catch(() => {});
    } finally {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  }
}
server.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
