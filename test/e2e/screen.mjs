// Screen-level check, driven through the UI like a user: Quick Open requirements.txt, wait for the
// squiggle under the typo, hover it, read the hover, screenshot. Used by scripts/run-e2e.mjs.
// Every wait is a poll with a timeout (playwright's waitFor), never a fixed sleep.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const TYPO = 'reqeusts';
const TARGET = 'requests';

/**
 * @param {import('playwright-core').Page} page a fresh page of the running browser
 * @param {string} url workbench URL with ?folder= of a fresh fixture copy
 * @param {string} resultsDir where the screenshot goes
 * @param {(m: string) => void} say progress log
 * @returns {Promise<string>} the screenshot path
 */
export async function screenLevelCheck(page, url, resultsDir, say) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the remote file system is up.
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });

  // Quick Open, exactly as a user would.
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 400 } });
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget .quick-input-box input');
  await quickInput.waitFor({ timeout: 15_000 });
  await quickInput.fill('requirements.txt');
  // Wait for the result row of exactly that file before pressing Enter.
  await page
    .locator('.quick-input-list .monaco-list-row[aria-label^="requirements.txt"]')
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active[aria-label^="requirements.txt"]').waitFor({ timeout: 15_000 });
  say('screen: requirements.txt opened through Quick Open');

  // The grammar is the packaged one: the typo is a package-name token.
  const squiggle = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ timeout: 30_000 });
  say('screen: squiggle shown');

  // Hover over the middle of the squiggle; the decoration sits under the text layer, so move the
  // mouse by coordinates instead of asking playwright to hover the element itself.
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('squiggle has no bounding box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: TARGET });
  await hover.first().waitFor({ timeout: 20_000 });
  const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
  if (!text.includes(TYPO) || !/typo/i.test(text)) {
    throw new Error(`hover text does not name '${TYPO}' as a typo of '${TARGET}': ${text.slice(0, 300)}`);
  }
  say(`screen: hover reads "${text.slice(0, 120)}…"`);

  // The status bar item counts the findings of the active file.
  const status = page.locator('.statusbar-item').filter({ hasText: /Pipwatch \d+/ });
  await status.first().waitFor({ timeout: 15_000 });
  say(`screen: status bar "${(await status.first().innerText()).trim()}"`);

  mkdirSync(resultsDir, { recursive: true });
  const shot = join(resultsDir, 'e2e-hover.png');
  await page.screenshot({ path: shot });

  // Clicking the status item opens the Problems view, listing the finding.
  await page.mouse.move(10, 10);
  await status.first().click();
  const problems = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'PW101' });
  await problems.first().waitFor({ timeout: 15_000 });
  say('screen: status bar click opened the Problems view with PW101');
  return shot;
}
