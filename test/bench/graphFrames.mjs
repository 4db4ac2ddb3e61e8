// Frames of the graph view (dist/media/graphView.js) in headless Chromium, outside VS Code: the
// same bundle on a bare page, fed the synthetic graph the real-editor suite draws, timed while
// the camera moves as a user's wheel and drag do. Software WebGL (SwiftShader) with --disable-gpu
// (the default here, a machine without a GPU); GPU=1 lets Chromium use one. The output names the
// WebGL renderer and says whether it is software. Quicker to iterate on than the whole suite:
//   node test/bench/graphFrames.mjs [nodes=10000] [edges=50000]   (SCREENSHOT=file.png to look at it)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [nodeCount = 10000, edgeCount = 50000] = process.argv.slice(2).map(Number);

/** The graph topicCommands.ts's syntheticGraph draws (same seed, same shape). */
function syntheticGraph(n, m) {
  let seed = 11;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const kinds = ['topic', 'paper', 'paper', 'paper', 'paper', 'note'];
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: kinds[i % kinds.length], label: `${kinds[i % kinds.length]} ${i}`, source: kinds[i % kinds.length] === 'topic' ? (i % 4 === 0 ? 'cluster' : 'mined') : undefined }));
  const edges = Array.from({ length: m }, () => ({ from: `n${Math.floor(random() ** 2 * n)}`, to: `n${Math.floor(random() * n)}`, kind: 'about' }));
  return { nodes, edges };
}

const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const browser = await chromium.launch({ executablePath, args: process.env.GPU ? ['--no-sandbox', '--ignore-gpu-blocklist', '--enable-gpu-rasterization'] : ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader'] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const css = fs.readFileSync(path.join(root, 'client', 'media', 'graph.css'), 'utf8');
  await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body>
<header><input id="search" type="search"><input id="depth" type="range" min="1" max="3" value="2"><span id="depth-value"></span><button id="mode"></button><span id="info"></span></header>
<div id="legend"></div><div id="graph"></div></body></html>`);
  await page.evaluate(() => {
    window.posted = [];
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => {} });
  });
  await page.addScriptTag({ content: fs.readFileSync(path.join(root, 'dist', 'media', 'graphView.js'), 'utf8') });
  await page.evaluate((graph) => window.postMessage({ type: 'graph', graph, mode: 'full' }, '*'), syntheticGraph(nodeCount, edgeCount));
  await page.waitForFunction(() => window.posted.some((m) => m.type === 'rendered'), undefined, { timeout: 60000 });
  const settled = await page
    .waitForFunction(() => window.posted.find((m) => m.type === 'layout')?.settledMs, undefined, { timeout: 15000 })
    .then((h) => h.jsonValue())
    .catch(() => undefined);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  await page.evaluate(() => window.postMessage({ type: 'measure', durationMs: 4000 }, '*'));
  const frames = await (await page.waitForFunction(() => window.posted.find((m) => m.type === 'frames'), undefined, { timeout: 60000 })).jsonValue();
  console.log(JSON.stringify({ ...frames, layoutSettledMs: settled, info: await page.textContent('#info'), errors }));
  // A software rasteriser's frames are this machine's CPU, not what a GPU machine would draw.
  if (frames.softwareWebgl) console.error(`WebGL here is software (${frames.webglRenderer}): ${frames.fps} frames/s is not a GPU frame rate; measure on a machine with a GPU (and without --disable-gpu).`);
} finally {
  await browser.close();
}
