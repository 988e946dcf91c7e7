// UI smoke test in code-server + Chromium: what a user sees. Opens .htaccess from a temporary copy of the
// fixture workspace with the extension loaded from the repository, and checks the error squiggle, the
// Problems panel row, the hover widget and the Ctrl+. quick fix (the squiggle goes away). Saves a
// screenshot (squiggle + hover + Problems panel) for the README.
//
//   node test/e2e/ui-smoke.mjs [--screenshot <file>]      (default .e2e/ui-smoke.png)
//   node test/e2e/ui-smoke.mjs --screenshot docs/extension/screenshot.png   refreshes the READMEs' image
//
// Needs `npm run build` and test/e2e/install-code-server.sh. Bounded by CORS_LINT_E2E_TIMEOUT (default 120 s).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ROOT, closeAllEditors, startEditor } from './code-server.mjs';

const TIMEOUT_S = Number(process.env.CORS_LINT_E2E_TIMEOUT ?? 120);
const EXT = resolve(process.env.CORS_LINT_E2E_EXTENSION ?? ROOT);
const i = process.argv.indexOf('--screenshot');
const SCREENSHOT = resolve(i > 0 ? process.argv[i + 1] : join(ROOT, '.e2e/ui-smoke.png'));
const t0 = Date.now();
const say = (msg) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

const wsParent = mkdtempSync(join(tmpdir(), 'cors-lint-ui-ws-'));
const ws = join(wsParent, 'workspace');
cpSync(join(ROOT, 'test/e2e/workspace'), ws, { recursive: true });
let editor;
let failed = false;
const timer = setTimeout(async () => {
  console.error(`[ui] timed out after ${TIMEOUT_S} s`);
  await closeAllEditors();
  rmSync(wsParent, { recursive: true, force: true });
  process.exit(1);
}, TIMEOUT_S * 1000);

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`[ui] received ${sig}`);
    await closeAllEditors();
    rmSync(wsParent, { recursive: true, force: true });
    process.exit(130);
  });
}

async function step(name, fn) {
  try {
    await fn();
    say(`✔ ${name}`);
  } catch (err) {
    failed = true;
    say(`✘ ${name}: ${String(err?.message ?? err).split('\n')[0]}`);
    throw err;
  }
}

try {
  editor = await startEditor({ folder: ws });
  editor.onCrash = (reason) => console.error(`[ui] ${reason}`);
  const { page } = editor;
  await editor.open([['extensionDevelopmentPath', editor.remote(EXT)]]);
  const editorArea = page.locator('.monaco-editor').first();

  await step('the workbench loads', () => page.locator('.monaco-workbench').waitFor({ timeout: 60_000 }));
  await step('.htaccess opens through Quick Open', async () => {
    // Quick Open may need a second try while the workbench is still settling.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      try {
        await input.waitFor({ timeout: 5_000 });
        await input.fill('.htaccess');
        await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: '.htaccess' }).waitFor({ timeout: 10_000 });
        return;
      } catch (err) {
        if (attempt >= 2) throw err;
        await page.keyboard.press('Escape');
      }
    }
  });
  const squiggle = editorArea.locator('.squiggly-error').first();
  await step('an error squiggle appears', () => squiggle.waitFor({ timeout: 30_000 }));
  await step('the Apache TextMate grammar colours the line (tokens of several colours, not one plain run)', async () => {
    const line = editorArea.locator('.view-line', { hasText: 'Header always set Access-Control-Allow-Origin' }).first();
    await line.waitFor({ timeout: 10_000 });
    const classes = await line.locator('span > span').evaluateAll((spans) => spans.map((sp) => `${sp.className}|${sp.textContent}`));
    const header = classes.find((c) => c.split('|')[1].trim() === 'Header');
    if (!header) throw new Error(`no separate token for "Header": ${classes.join(' ; ')}`);
    const colours = new Set(classes.map((c) => (/mtk\d+/.exec(c) ?? [''])[0]));
    if (colours.size < 3 || /\bmtk1\b/.test(header.split('|')[0])) {
      throw new Error(`the line is not coloured by the grammar: ${classes.join(' ; ')}`);
    }
  });
  await editorArea.click();
  await page.keyboard.press('Control+Home');
  await step('the Problems panel lists the finding', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'wildcard-origin-with-credentials' }).first().waitFor({ timeout: 15_000 });
  });
  // Hover with the mouse at an element's centre (locator.hover() would scroll the editor around).
  async function mouseOver(locator) {
    await page.mouse.move(1, 1);
    const box = await locator.boundingBox();
    if (!box) throw new Error('element not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  }
  await step('hovering the header name shows its documentation', async () => {
    const line = editorArea.locator('.view-line', { hasText: 'Access-Control-Allow-Origin "*"' }).first();
    const token = line.locator('span > span', { hasText: 'Access-Control-Allow-Origin' }).first();
    await mouseOver((await token.count()) ? token : line);
    await page.locator('.monaco-hover', { hasText: /fetch\.spec\.whatwg\.org|Fetch standard|Specification/ }).first().waitFor({ timeout: 15_000 });
  });
  await step('hovering the squiggle shows the finding (screenshot)', async () => {
    await mouseOver(squiggle);
    await page.locator('.monaco-hover', { hasText: 'wildcard-origin-with-credentials' }).first().waitFor({ timeout: 15_000 });
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });
  await step('Ctrl+. offers the fix; applying it removes the squiggle', async () => {
    await page.mouse.move(1, 1);
    const box = await squiggle.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Allow only https://app.example.com' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await fix.click();
    await editorArea.locator('.view-line', { hasText: 'Access-Control-Allow-Origin "https://app.example.com"' }).first().waitFor({ timeout: 10_000 });
    await editorArea.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
  });
  say(`screenshot: ${SCREENSHOT}`);
} catch (err) {
  failed = true;
  console.error(`[ui] ${err?.stack ?? err}`);
  if (editor?.page) {
    const shot = join(ROOT, '.e2e/ui-smoke-failure.png');
    mkdirSync(dirname(shot), { recursive: true });
    await editor.page.screenshot({ path: shot }).catch(() => {});
    console.error(`[ui] failure screenshot: ${shot}`);
  }
} finally {
  clearTimeout(timer);
  await closeAllEditors();
  rmSync(wsParent, { recursive: true, force: true });
}
say(failed ? 'UI smoke test FAILED' : 'UI smoke test passed');
process.exit(failed ? 1 : 0);
