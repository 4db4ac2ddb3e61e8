// Runs the real-editor suite inside VS Code on machines without internet: code-server (VS Code's
// server and web workbench) on 127.0.0.1, opened in headless Chromium, loads the extension under
// development and calls run() of the suite, as @vscode/test-electron does on a desktop.
// Screenshots requested by the suite are saved to test-results/.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { answerFrameRequests } from './frameText.mjs';
import { pointerInFrame } from './framePointer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// --vsix FILE: install the packaged extension into code-server and test that instead of the
// development folder (a stub extension stands in as the development host).
const vsixArg = process.argv.indexOf('--vsix');
const vsix = vsixArg > 0 ? path.resolve(process.argv[vsixArg + 1]) : undefined;
const codeServer = path.join(root, '.code-server', 'node_modules', '.bin', 'code-server');
const resultsDir = path.join(root, 'test-results');
const TOTAL_TIMEOUT_MS = Number(process.env.LITNOTES_VSCODE_TIMEOUT_MS ?? 600000);
const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

if (!fs.existsSync(codeServer)) fail('code-server is not installed: run test/vscode/install-code-server.sh');
if (!chromiumPath) fail('Chromium is not installed (apt-get install chromium)');
if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) fail('build first: npm run build');

fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-vscode-'));
const workspace = path.join(work, 'workspace');
fs.cpSync(path.join(root, 'test', 'vscode', 'fixture'), workspace, { recursive: true });
const userData = path.join(work, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false }),
);
const resultsFile = path.join(resultsDir, 'results.json');
const extensionsDir = path.join(work, 'extensions');
let developmentPath = root;
if (vsix) {
  const install = spawnSync(codeServer, ['--extensions-dir', extensionsDir, '--user-data-dir', userData, '--install-extension', vsix], { encoding: 'utf8', timeout: 120000 });
  if (install.status !== 0) fail(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
  console.log(install.stdout.trim());
  developmentPath = path.join(work, 'stub-extension');
  fs.mkdirSync(developmentPath);
  fs.writeFileSync(path.join(developmentPath, 'package.json'), JSON.stringify({ name: 'litnotes-test-host', publisher: 'test', version: '0.0.0', engines: { vscode: '^1.91.0' } }));
}

const port = await freePort();
const server = spawn(
  codeServer,
  ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
  { env: { ...process.env, LITNOTES_TEST_RESULTS: resultsFile, LITNOTES_SCREENSHOTS: '1', LITNOTES_EXPECT_INSTALLED: vsix ? '1' : '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));

let browser;
const stopAll = async () => {
  await browser?.close().catch(() => {});
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
const deadline = setTimeout(async () => {
  console.error(`real-editor suite: no result after ${TOTAL_TIMEOUT_MS / 1000} s\n${serverLog.slice(-3000)}`);
  await stopAll();
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    // WebGL (the graph view) through SwiftShader: headless Chromium has no GPU here.
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => (serverLog += `\n[page error] ${e.message}`));
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['extensionTestsPath', remote(path.join(root, 'test', 'vscode', 'suite', 'index.js'))],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  // The suite asks for screenshots by writing snap-NAME.request; answer with test-results/NAME.png.
  while (!fs.existsSync(resultsFile)) {
    await answerFrameRequests(page, resultsDir);
    for (const name of fs.readdirSync(resultsDir)) {
      const act = /^act-(.+)\.request$/.exec(name);
      if (act) await answerAct(page, path.join(resultsDir, name), path.join(resultsDir, `act-${act[1]}.json`));
      const match = /^snap-(.+)\.request$/.exec(name);
      if (!match) continue;
      await page.screenshot({ path: path.join(resultsDir, `${match[1]}.png`) });
      fs.renameSync(path.join(resultsDir, name), path.join(resultsDir, `snap-${match[1]}.done`));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await page.screenshot({ path: path.join(resultsDir, 'final.png') });
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  for (const t of results.tests) console.log(`${t.state === 'passed' ? 'ok' : 'not ok'} - ${t.title}${t.error ? `\n    ${t.error.split('\n').join('\n    ')}` : ''}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  clearTimeout(deadline);
  await stopAll();
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
} catch (error) {
  console.error(`real-editor suite: ${error.stack ?? error}\n${serverLog.slice(-3000)}`);
  clearTimeout(deadline);
  await stopAll();
  process.exit(1);
}

/**
 * What a test inside the editor cannot do through the API: press keys and click like a user,
 * then read what the workbench shows. The request is JSON: { steps: [{ press } | { type, delay }
 * | { click, nth } | { wait }], read: CSS selector }; the answer lists the matching elements'
 * aria-label or text.
 */
async function answerAct(page, requestFile, answerFile) {
  let answer;
  try {
    const spec = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
    for (const step of spec.steps ?? []) {
      if (step.press) await page.keyboard.press(step.press);
      else if (step.type !== undefined) await page.keyboard.type(step.type, { delay: step.delay ?? 80 });
      else if (step.click) await page.locator(step.click).nth(step.nth ?? 0).click({ timeout: 5000 });
      else if (step.pointer) await pointerInFrame(page, step);
      if (step.wait) await new Promise((r) => setTimeout(r, step.wait));
    }
    const read = spec.read ? await page.$$eval(spec.read, (els) => els.map((e) => `${e.getAttribute('aria-label') ?? ''} | ${e.textContent ?? ''}`)) : [];
    answer = { ok: true, read };
  } catch (error) {
    answer = { ok: false, error: String(error.message ?? error) };
  }
  fs.rmSync(requestFile, { force: true });
  fs.writeFileSync(answerFile, JSON.stringify(answer));
}

function fail(message) {
  console.error(`real-editor suite: ${message}`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHttp(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}`);
}
