// A consultant keeps one workspace per client and switches between them: the workspace chosen
// last is the one shown, whichever workspace's data are read last.
import assert from 'node:assert/strict';
import { join } from 'node:path';

/** How many times the app has read a workspace's stored data (`fideliza:read`). */
const reads = page => page.evaluate(() => performance.getEntriesByName('fideliza:read').length);

export const tests = {
  async 'choosing a workspace while another is still being read shows only the one chosen last'({ page, baseUrl, artifacts }) {
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    // A second, empty workspace: creating it opens it.
    await page.getByTestId('nav-datos').click();
    await page.getByTestId('workspace-name-input').fill('Cliente nuevo');
    await page.getByTestId('workspace-create').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-select"]')?.options.length === 2
      && document.querySelector('[data-testid="stored-summary"]')?.innerText === 'Este espacio de trabajo aún no tiene datos.',
    null, { timeout: 30000 });
    const before = await reads(page);

    // The demo's workspace, then at once (same task) the empty one: the demo's data take longer
    // to read, so their read ends last.
    await page.evaluate(() => {
      const select = document.querySelector('[data-testid="workspace-select"]');
      const [demo, empty] = [...select.options].map(o => o.value);
      for (const id of [demo, empty]) {
        select.value = id;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    await page.waitForFunction(before => performance.getEntriesByName('fideliza:read').length >= before + 2,
      before, { timeout: 30000 });
    // Time for whatever the demo's read would show: its engine prepared and analysed.
    await page.waitForTimeout(1500);

    assert.equal(await page.getByTestId('workspace-name').innerText(), 'Cliente nuevo');
    assert.equal(await page.getByTestId('workspace-select').locator('option:checked').innerText(), 'Cliente nuevo');
    assert.equal(await page.getByTestId('stored-summary').innerText(), 'Este espacio de trabajo aún no tiene datos.');
    await page.getByTestId('nav-resumen').click();
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('kpi-active').count(), 0, 'no figures of the other workspace');
    await page.screenshot({ path: join(artifacts, 'workspace-switch.png'), fullPage: true });

    // Back to the demo's workspace: its figures are all there.
    await page.getByTestId('nav-datos').click();
    await page.getByTestId('workspace-select').selectOption({ index: 0 });
    await page.getByTestId('nav-resumen').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
  },
};
