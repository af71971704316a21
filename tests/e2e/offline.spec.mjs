// Offline: once opened online, the app keeps a copy of its files (sw.js) and the Datos page says
// so; with the network gone it still opens, loads the demo and imports a file (the import
// worker's files included).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The URLs the offline copy holds, relative to the app's folder. */
const cached = (page) => page.evaluate(async () => {
  const cache = await caches.open('fideliza-app');
  return (await cache.keys()).map((r) => r.url.slice(new URL('./', location.href).href.length));
});

export const tests = {
  async 'offline: the app opens, loads the demo and imports a file without a network'({ page, context, baseUrl, artifacts }) {
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').waitFor({ timeout: 30000 });
    // The copy is whole once the service worker controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const files = await cached(page);
    for (const f of ['', 'fideliza-worker_loader.js', 'fideliza-worker.js', 'fideliza-worker_bg.wasm',
      'public/echarts.min.js']) {
      assert.ok(files.includes(f), `the offline copy holds "${f}" (it holds ${files.join(', ')})`);
    }
    assert.ok(files.some((f) => /^fideliza-web-[0-9a-f]{1,16}_bg\.wasm$/.test(f)), 'the page wasm is kept');
    // The Datos page says so.
    await page.goto(`${baseUrl}#/datos`);
    assert.match(await page.getByTestId('offline-status').innerText(), /Funciona sin conexión/);

    await context.setOffline(true);
    // Offline for real, for the service worker too: the network does not answer it.
    const [worker] = context.serviceWorkers();
    assert.ok(worker, 'the service worker runs');
    const probe = await worker.evaluate(() => fetch(`./sw.js?probe=${Date.now()}`, { cache: 'no-store' })
      .then(() => 'answered', () => 'failed'));
    assert.equal(probe, 'failed');
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await page.waitForSelector('[data-testid="chart-pareto"] canvas');
    assert.match(await page.getByTestId('kpi-active').innerText(), /\d/);

    const file = join(artifacts, 'ventas-sin-red.csv');
    writeFileSync(file, [
      'Cod_Cliente;Fecha_Venta;Nro_Boleta;Importe_Total',
      '00123;05/02/2026;B001-000123;25,80',
      '00124;06/02/2026;B001-000124;32,50',
      '00123;07/03/2026;B001-000125;12,00',
    ].join('\r\n'), 'latin1');
    await page.goto(`${baseUrl}#/datos`);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(artifacts, 'offline-import.png') });
    await context.setOffline(false);
  },
};
