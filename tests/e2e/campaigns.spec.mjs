// Campañas: a suggested campaign and a hand-made combination of filters give the counts of an
// independent computation (native engine's customers.csv + the demo's clientes.csv), the CSV
// holds only consenting customers unless overridden, and a saved campaign survives a reload.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseEs } from './engine.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'target', 'debug', 'fideliza');

/** customers.csv of the native engine on the demo, and the demo's clientes.csv (as generated). */
function demoOutputs() {
  const dir = mkdtempSync(join(root, 'target', 'tmp', 'demo-'));
  try {
    execFileSync(cli, ['generate', '--customers', '2000', '--out', dir]);
    execFileSync(cli, ['analyze', '--sales', join(dir, 'ventas.csv'), '--customers', join(dir, 'clientes.csv'),
      '--surveys', join(dir, 'encuestas.csv'), '--complaints', join(dir, 'quejas.csv'), '--out', join(dir, 'out')]);
    return {
      customers: readFileSync(join(dir, 'out', 'customers.csv'), 'utf8'),
      // The default (POS) dialect: Windows-1252, `;`.
      clientes: new TextDecoder('windows-1252').decode(readFileSync(join(dir, 'clientes.csv'))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of a simple CSV (no separator inside fields) as objects keyed by the header. */
function table(text, sep) {
  const [header, ...rows] = text.replace(/^\ufeff/, '').trim().split(/\r?\n/).map(l => l.split(sep).map(f => f.replace(/^"|"$/g, '')));
  return rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Every demo customer: engine metrics joined with the customer-file profile. */
function demoCustomers() {
  const { customers, clientes } = demoOutputs();
  const profiles = new Map(table(clientes, ';').map(c => [c.cod_cliente, c]));
  return table(customers, ',').map(m => ({ ...m, profile: profiles.get(m.customer_id) }));
}

const consents = c => c.profile?.acepta_publicidad === 'Sí';

async function count(page) {
  return parseEs(await page.getByTestId('campaign-count').innerText());
}

async function exportCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('campaign-export').click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

export const tests = {
  async 'campaigns: suggested and combined filters match the engine, CSV by consent, saved across a reload'({ page, baseUrl, artifacts }) {
    const all = demoCustomers();
    assert.equal(all.length, 2000);
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await page.goto(`${baseUrl}#/campanas`);
    await page.getByTestId('campaign-count').waitFor();
    // No filter: every consenting customer.
    assert.equal(await count(page), all.filter(consents).length);

    // A suggested campaign: win-back of "En riesgo".
    const atRisk = all.filter(c => c.segment === 'at_risk');
    const atRiskOk = atRisk.filter(consents);
    assert.ok(atRiskOk.length > 10 && atRiskOk.length < atRisk.length);
    await page.getByTestId('suggest-winback').click();
    await page.waitForFunction(n => document.querySelector('[data-testid="campaign-count"]').innerText.replace(/\s/g, '') === String(n), atRiskOk.length);
    assert.equal(await page.getByTestId('filter-segment').inputValue(), 'at_risk');
    const note = await page.getByTestId('campaign-consent').innerText();
    assert.match(note, new RegExp(`^${atRisk.length} clientes cumplen los filtros\\. Solo clientes que aceptan publicidad; ${atRisk.length - atRiskOk.length} quedan? fuera`));
    const value = atRiskOk.reduce((s, c) => s + Number(c.value), 0);
    assert.ok(Math.abs(parseEs(await page.getByTestId('campaign-value').innerText()) - value) < 0.01 + 1e-9 * value);

    // A hand-made combination: chronic patients overdue for their refill.
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filter-motive').selectOption('chronic');
    await page.getByTestId('filter-overdue').check();
    const chronic = all.filter(c => c.overdue === 'true' && c.profile?.motivo_compra === 'Crónico');
    const chronicOk = chronic.filter(consents);
    assert.ok(chronicOk.length > 5 && chronicOk.length < chronic.length, `${chronicOk.length} of ${chronic.length}`);
    await page.waitForFunction(n => document.querySelector('[data-testid="campaign-count"]').innerText.replace(/\s/g, '') === String(n), chronicOk.length);
    assert.equal(await page.getByTestId('campaign-row').count(), Math.min(10, chronicOk.length));

    // CSV: BOM, a first line saying whom it holds, the chosen columns, consenting customers only.
    await page.getByTestId('column-district').check();
    await page.getByTestId('column-email').uncheck();
    let csv = await exportCsv(page);
    assert.match(csv.name, /solo-con-consentimiento\.csv$/);
    assert.ok(csv.text.startsWith('\ufeff'), 'BOM for Excel');
    let lines = csv.text.slice(1).trimEnd().split('\r\n');
    assert.match(lines[0], new RegExp(`^# Solo clientes que aceptan publicidad; ${chronic.length - chronicOk.length} quedan fuera`));
    assert.equal(lines[1], 'Código;Nombre;Teléfono;Distrito;Segmento;Valor');
    let ids = lines.slice(2).map(l => l.split(';')[0]);
    assert.deepEqual([...ids].sort(), chronicOk.map(c => c.customer_id).sort());
    const byId = new Map(all.map(c => [c.customer_id, c]));
    for (const line of lines.slice(2)) {
      const [id, , phone, district, , value] = line.split(';');
      const c = byId.get(id);
      assert.equal(phone, c.profile.telefono);
      assert.equal(district, c.profile.distrito);
      assert.equal(Number(value.replace(",", ".")), Number(c.value));
    }

    // The override includes everyone and says so.
    await page.getByTestId('include-without-consent').check();
    await page.waitForFunction(n => document.querySelector('[data-testid="campaign-count"]').innerText.replace(/\s/g, '') === String(n), chronic.length);
    assert.match(await page.getByTestId('campaign-consent').innerText(), /Incluye a \d+ clientes que no aceptaron publicidad/);
    csv = await exportCsv(page);
    assert.match(csv.name, /incluye-sin-consentimiento\.csv$/);
    lines = csv.text.slice(1).trimEnd().split('\r\n');
    assert.match(lines[0], new RegExp(`^# Incluye a ${chronic.length - chronicOk.length} clientes que no aceptaron publicidad`));
    ids = lines.slice(2).map(l => l.split(';')[0]);
    assert.deepEqual([...ids].sort(), chronic.map(c => c.customer_id).sort());

    // Phone numbers to the clipboard: the list's distinct phones.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    await page.getByTestId('campaign-copy-phones').click();
    await page.waitForFunction(() => /copiados/.test(document.querySelector('[data-testid="campaign-message"]').innerText));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const phones = [...new Set(chronic.map(c => c.profile.telefono).filter(Boolean))];
    assert.deepEqual(clip.split('\n').sort(), phones.sort());
    await page.getByTestId('include-without-consent').uncheck();

    // Save, reload, find it again and open it.
    await page.getByTestId('campaign-name').fill('Crónicos atrasados');
    await page.getByTestId('campaign-save').click();
    await page.getByTestId('saved-name').filter({ hasText: 'Crónicos atrasados' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'campaigns.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(artifacts, 'campaigns-1024.png'), fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scroll at 1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.reload();
    await page.getByTestId('campaign-count').waitFor({ timeout: 30000 });
    await page.getByTestId('suggest-platinum_club').click();
    assert.equal(await page.getByTestId('filter-tier').inputValue(), 'platino');
    assert.equal(await count(page), all.filter(c => c.tier === 'platino' && consents(c)).length);
    const saved = page.getByTestId('saved-campaign').filter({ hasText: 'Crónicos atrasados' });
    await saved.getByTestId('saved-open').click();
    await page.waitForFunction(n => document.querySelector('[data-testid="campaign-count"]').innerText.replace(/\s/g, '') === String(n), chronicOk.length);
    assert.equal(await page.getByTestId('filter-motive').inputValue(), 'chronic');
    assert.ok(await page.getByTestId('filter-overdue').isChecked());
    assert.ok(await page.getByTestId('column-district').isChecked());
    assert.ok(!(await page.getByTestId('column-email').isChecked()));

    // Rename, then delete.
    await saved.getByTestId('saved-rename').click();
    await page.getByTestId('rename-input').fill('Reposición crónicos');
    await page.getByTestId('rename-ok').click();
    await page.getByTestId('saved-name').filter({ hasText: 'Reposición crónicos' }).waitFor();
    await page.reload();
    await page.getByTestId('campaign-count').waitFor({ timeout: 30000 });
    const renamed = page.getByTestId('saved-campaign').filter({ hasText: 'Reposición crónicos' });
    await renamed.waitFor();
    await renamed.getByTestId('saved-delete').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="saved-campaign"]').length === 0);
  },
};
