// Presentación with the demo: launched from the Resumen, the header hides, full screen starts
// with the button, the keys walk every slide (counter, each chart drawn, each finding the same
// sentence as on the Resumen, the closing campaigns per segment) and Escape goes back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary } from './engine.mjs';

async function openDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
}

const counter = (page) => page.getByTestId('slide-counter').innerText();
const slideSlug = (page) => page.getByTestId('slide').getAttribute('data-slide');
/** Series count of the slide's chart, once it has drawn (0 when it has no canvas). */
const chartSeries = (page) => page.evaluate(() => {
  const el = document.querySelector('[data-testid="slide-chart"]');
  if (!el || !el.querySelector('canvas')) return 0;
  const option = window.echarts.getInstanceByDom(el)?.getOption();
  return (option?.series ?? []).filter(s => (s.data ?? []).length > 0).length;
});

export const tests = {
  async 'presentation: every slide by keyboard, findings equal the Resumen, Escape leaves'({ page, baseUrl, artifacts }) {
    const s = demoSummary();
    await openDemo(page, baseUrl);
    const client = (await page.getByTestId('workspace-name').innerText()).trim();
    const findings = await page.locator('[data-testid^="finding-"]:not([data-testid$="-link"])').evaluateAll(items =>
      items.map(li => ({ slug: li.dataset.testid.slice('finding-'.length),
        headline: li.querySelector('.summary-finding__headline').innerText })));
    assert.ok(findings.length >= 3, `findings on the Resumen: ${findings.length}`);

    await page.getByTestId('summary-present').click();
    await page.getByTestId('presentation').waitFor();
    assert.match(page.url(), /#\/presentacion$/);
    assert.equal(await page.locator('.app-header').isVisible(), false, 'no app header while presenting');

    // The cover: client, date, "Diagnóstico de fidelización".
    assert.equal(await slideSlug(page), 'cover');
    const total = Number((await counter(page)).split('/')[1]);
    assert.equal(await counter(page), `1 / ${total}`);
    if (client) assert.equal(await page.getByTestId('cover-client').innerText(), client);
    assert.match(await page.getByTestId('cover-date').innerText(), /Fecha del análisis: \d\d\/\d\d\/\d{4}/);
    assert.match(await page.getByTestId('presentation').innerText(), /DIAGNÓSTICO DE FIDELIZACIÓN|Diagnóstico de fidelización/);
    await page.screenshot({ path: join(artifacts, 'presentation-01-cover.png') });

    // Full screen on the presentation element.
    await page.getByTestId('presentation-start').click();
    await page.waitForFunction(() => document.fullscreenElement?.dataset.testid === 'presentation', null, { timeout: 5000 });
    // Keys go to the page, not to the focused button (space would press it).
    await page.evaluate(() => document.activeElement?.blur());

    // Walk every slide with the four "next" keys in turn.
    const keys = ['ArrowRight', 'PageDown', 'Space', 'ArrowDown'];
    const seen = ['cover'];
    for (let i = 2; i <= total; i++) {
      await page.keyboard.press(keys[i % keys.length]);
      await page.waitForFunction((n) => document.querySelector('[data-testid="slide-counter"]').innerText.startsWith(`${n} /`), i);
      assert.equal(await counter(page), `${i} / ${total}`);
      const slug = await slideSlug(page);
      seen.push(slug);
      if (slug.startsWith('finding-') || slug.startsWith('chart-')) {
        await page.waitForFunction(() => document.querySelector('[data-testid="slide-chart"] canvas'));
        assert.ok(await chartSeries(page) > 0, `slide ${i} (${slug}) drew a chart with data`);
      }
      if (slug.startsWith('finding-')) {
        const f = findings[i - 2];
        assert.equal(slug, `finding-${f.slug}`, `finding slides follow the Resumen's order`);
        assert.equal(await page.getByTestId('slide-headline').innerText(), f.headline);
      }
      await page.screenshot({ path: join(artifacts, `presentation-${String(i).padStart(2, '0')}-${slug}.png`) });
    }
    // Every finding had its slide, and the deck closes with the campaigns per segment.
    assert.deepEqual(seen.filter(x => x.startsWith('finding-')), findings.map(f => `finding-${f.slug}`));
    assert.equal(seen.at(-1), 'campaigns');
    const segments = s.segments.filter(r => r.customers > 0).length;
    assert.equal(await page.locator('.presentation__campaign').count(), segments);
    assert.match(await page.getByTestId('campaigns').innerText(), /Recompénselo/);
    assert.ok(seen.includes('chart-pyramid') && seen.includes('chart-quadrants'), seen.join(','));

    // Past the end nothing moves; Home, End and PageUp.
    await page.keyboard.press('ArrowRight');
    assert.equal(await counter(page), `${total} / ${total}`);
    await page.keyboard.press('Home');
    assert.equal(await counter(page), `1 / ${total}`);
    await page.keyboard.press('End');
    assert.equal(await counter(page), `${total} / ${total}`);
    await page.keyboard.press('PageUp');
    assert.equal(await counter(page), `${total - 1} / ${total}`);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await counter(page), `${total - 2} / ${total}`);

    // A smaller screen: the slide still fits.
    // The buttons move too.
    await page.keyboard.press('Home');
    assert.equal(await page.getByTestId('slide-previous').isDisabled(), true);
    assert.equal((await page.getByTestId('slide-next').innerText()).trim(), 'Siguiente →');
    await page.getByTestId('slide-next').click();
    assert.equal(await counter(page), `2 / ${total}`);
    await page.getByTestId('slide-previous').click();
    assert.equal(await counter(page), `1 / ${total}`);
    await page.getByTestId('slide-next').click();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'presentation-1024-finding.png') });
    const fits = await page.evaluate(() => {
      const el = document.querySelector('.presentation');
      return el.scrollWidth <= el.clientWidth && document.documentElement.scrollWidth <= window.innerWidth;
    });
    assert.ok(fits, 'no sideways scroll at 1024 px');

    // Escape leaves (the browser may spend the first one on leaving full screen).
    await page.keyboard.press('Escape');
    if (!page.url().endsWith('#/resumen')) await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash === '#/resumen');
    await page.getByTestId('kpi-active').waitFor();
    assert.equal(await page.locator('.app-header').isVisible(), true, 'the header is back');
    assert.equal(await page.evaluate(() => document.body.classList.contains('presenting')), false);
    assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  },
};
