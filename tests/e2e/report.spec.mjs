// Informe with the demo: launched from the Resumen, it holds the engine's figures, every chart
// draws at a printable width, "Imprimir" calls window.print(), and printed to an A4 PDF it makes
// several pages without the app header. Saves report.pdf and its page images (poppler's pdftoppm,
// installed by scripts/setup.sh with pdftotext) into the artifacts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';

/** Text with the digit-group spaces of es-PE numbers removed ("1 702" → "1702"). */
const squeeze = (text) => text.replace(/(\d)[\s\u00a0\u202f]+(?=\d{3}(?!\d))/g, '$1');
const esMoney = (v) => v.toFixed(2).replace('.', ',');

export const tests = {
  async 'report: engine figures, charts and an A4 PDF of several pages'({ page, baseUrl, artifacts }) {
    const s = demoSummary();
    const k = s.kpis;
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await page.getByTestId('summary-report').click();
    await page.getByTestId('report').waitFor();
    assert.match(page.url(), /#\/informe$/);

    assert.equal(parseEs(await page.getByTestId('report-kpi-active').innerText()), k.active_customers);
    assert.equal(parseEs(await page.getByTestId('report-kpi-value').innerText()), Number(k.value.toFixed(2)));
    // The segment table: one row per segment with customers, summing to the active customers.
    const rows = await page.getByTestId('report-segments').locator('tbody tr').evaluateAll(trs =>
      trs.map(tr => tr.querySelectorAll('td')[0].innerText));
    assert.equal(rows.length, s.segments.filter(r => r.customers > 0).length);
    assert.equal(rows.map(parseEs).reduce((a, b) => a + b, 0), k.active_customers);
    assert.equal(await page.getByTestId('report-campaigns').locator('tbody tr').count(), rows.length);

    // Every chart drew, at the fixed printable width.
    const charts = page.locator('[data-testid^="report-chart-"]');
    const n = await charts.count();
    assert.ok(n >= 7, `charts: ${n}`);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid^="report-chart-"] canvas').length >= count, n);
    for (const box of await charts.evaluateAll(els => els.map(e => e.getBoundingClientRect().width))) {
      assert.equal(Math.round(box), 680);
    }
    await page.screenshot({ path: join(artifacts, 'report-screen.png'), fullPage: true });

    // "Imprimir" opens the browser's print dialog.
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
    await page.getByTestId('report-print').click();
    assert.equal(await page.evaluate(() => window.__printed), 1);

    // Print media: no header, no buttons; the figures are there.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.app-header').isVisible(), false);
    assert.equal(await page.getByTestId('report-print').isVisible(), false);
    const printed = squeeze(await page.getByTestId('report').innerText());
    assert.ok(printed.includes(String(k.active_customers)), 'active customers in the printed page');
    assert.ok(printed.includes(esMoney(k.value)), 'net sales in the printed page');
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(artifacts, 'report-print-media.png'), fullPage: true });

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(artifacts, 'report.pdf');
    writeFileSync(file, pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    assert.ok(pages > 2, `PDF pages: ${pages}`);
    const text = squeeze(execFileSync('pdftotext', ['-layout', file, '-']).toString());
    assert.ok(text.toLowerCase().includes('diagnóstico de fidelización'), 'cover title in the PDF');
    assert.ok(text.includes(String(k.active_customers)), 'active customers in the PDF');
    assert.ok(text.includes(esMoney(k.value)), 'net sales in the PDF');
    assert.ok(!text.includes('Imprimir'), 'no button in the PDF');
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(artifacts, 'report-page')]);
  },
};
