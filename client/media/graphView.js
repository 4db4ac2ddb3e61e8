// The topic graph view: sigma (WebGL) draws a graphology graph laid out by ForceAtlas2 in a web
// worker. Bundled by esbuild into dist/media/graphView.js; data comes from the extension by
// postMessage, nothing is loaded from anywhere else.
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { NodePointProgram } from 'sigma/rendering';

const vscode = acquireVsCodeApi();
const container = document.getElementById('graph');
const search = document.getElementById('search');
const depthInput = document.getElementById('depth');
const depthValue = document.getElementById('depth-value');
const modeButton = document.getElementById('mode');
const info = document.getElementById('info');
const legend = document.getElementById('legend');

/** Kinds a node is drawn by: topics by where they come from, papers, notes. */
const KINDS = [
  { kind: 'tag', label: 'your tags & topic headers', color: '--vscode-charts-blue', match: (n) => n.kind === 'topic' && (n.source === 'tag' || n.source === 'header' || n.source === 'keyword') },
  { kind: 'cluster', label: 'clusters', color: '--vscode-charts-purple', match: (n) => n.kind === 'topic' && n.source === 'cluster' },
  { kind: 'mined', label: 'phrases', color: '--vscode-charts-orange', match: (n) => n.kind === 'topic' && n.source === 'mined' },
  { kind: 'subject', label: 'subjects & places', color: '--vscode-charts-foreground', match: (n) => n.kind === 'topic' },
  { kind: 'paper', label: 'papers', color: '--vscode-charts-green', match: (n) => n.kind === 'paper' },
  { kind: 'note', label: 'notes', color: '--vscode-charts-red', match: (n) => n.kind === 'note' },
];
const kindOf = (node) => KINDS.find((k) => k.match(node)).kind;

/**
 * High-contrast themes get their own colours: their chart colours draw phrases in the same dark
 * blue as tags (light) or in a dim brown (dark), and the indent guides used for edges vanish.
 * Every colour here is at least 4.5:1 against the theme's background, and the hues differ.
 */
const HIGH_CONTRAST = {
  dark: { tag: '#6fc3ff', cluster: '#d7a6ff', mined: '#ffb454', subject: '#ffffff', paper: '#89d185', note: '#ff8c8c', edge: '#8a8a8a', dim: '#5a5a5a' },
  light: { tag: '#0f4a85', cluster: '#6a2d9a', mined: '#8f3a00', subject: '#292929', paper: '#2d5c00', note: '#b5200d', edge: '#6e6e6e', dim: '#b0b0b0' },
};

let state = vscode.getState() ?? { mode: 'local', depth: 2, camera: undefined, focus: undefined, hidden: [] };
let renderer;
let graph;
let layout;
let hovered;
let colors = {};
/** Kinds the legend hides, and the lit neighbourhood: worked out once per change, not per node drawn. */
let hiddenKinds = new Set(state.hidden);
let litCenter;
let lit;

/**
 * Past this many nodes the view does less per frame (measured in headless Chromium with software
 * WebGL, 10,000 nodes: 2 frames/s before, 9 after): nodes are drawn as WebGL points (one vertex
 * each) instead of circles (an instanced triangle each), edges are hidden while the camera moves,
 * and only the larger nodes are labelled.
 */
const LARGE = 500;
/** Node size in a large graph, against a small one's. */
const LARGE_NODE_SCALE = 0.5;

function updateLit() {
  litCenter = hovered ?? state.focus;
  lit = litCenter && graph?.hasNode(litCenter) ? new Set([litCenter, ...graph.neighbors(litCenter)]) : undefined;
}

function themeColors() {
  const style = getComputedStyle(document.body);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  colors = {
    fg: read('--vscode-editor-foreground', '#888'),
    bg: read('--vscode-editor-background', '#fff'),
    edge: read('--vscode-editorIndentGuide-activeBackground1', '') || read('--vscode-editorIndentGuide-activeBackground', '#999'),
    dim: read('--vscode-disabledForeground', '#8884'),
    highlight: read('--vscode-focusBorder', '#07f'),
  };
  const contrast = document.body.classList.contains('vscode-high-contrast-light') ? 'light' : document.body.classList.contains('vscode-high-contrast') ? 'dark' : undefined;
  for (const k of KINDS) colors[k.kind] = contrast ? HIGH_CONTRAST[contrast][k.kind] : read(k.color, '#888');
  if (contrast) {
    colors.edge = HIGH_CONTRAST[contrast].edge;
    colors.dim = HIGH_CONTRAST[contrast].dim;
  }
  legend.textContent = '';
  for (const k of KINDS) {
    const item = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !state.hidden.includes(k.kind);
    box.addEventListener('change', () => {
      state.hidden = box.checked ? state.hidden.filter((h) => h !== k.kind) : [...state.hidden, k.kind];
      hiddenKinds = new Set(state.hidden);
      save();
      renderer?.refresh();
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colors[k.kind];
    item.append(box, swatch, document.createTextNode(k.label));
    legend.append(item);
  }
}

function save() {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  if (renderer) state.camera = renderer.getCamera().getState();
  vscode.setState(state);
}

/** The camera moves every frame while it is dragged or zoomed: its state is saved once it rests. */
let saveTimer;
function saveSoon() {
  if (!saveTimer) saveTimer = setTimeout(save, 300);
}

/** A fixed-seed generator: the same graph starts from the same positions. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Where nodes were laid out last (by id): a graph drawn again (full → local → full, a theme
 * change) starts from the picture the user saw instead of a random square the layout must undo,
 * which on a slow machine it had not done seconds later.
 */
const laidOut = new Map();
const LAID_OUT_MAX = 20000;

function rememberPositions() {
  if (!graph) return;
  graph.forEachNode((id, a) => {
    if (laidOut.size >= LAID_OUT_MAX && !laidOut.has(id)) laidOut.delete(laidOut.keys().next().value);
    laidOut.set(id, { x: a.x, y: a.y });
  });
}

/** Initial positions: remembered ones; a new node next to a remembered neighbour; else random within their extent. */
function placeNodes(random) {
  let minX = 0, maxX = 100, minY = 0, maxY = 100;
  const known = graph.filterNodes((id) => laidOut.has(id));
  if (known.length > 0) {
    const xs = known.map((id) => laidOut.get(id).x);
    const ys = known.map((id) => laidOut.get(id).y);
    [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  }
  const spread = Math.max(maxX - minX, maxY - minY, 1);
  graph.forEachNode((id) => {
    const at = laidOut.get(id) ?? graph.neighbors(id).map((n) => laidOut.get(n)).find((p) => p);
    const jitter = laidOut.has(id) ? 0 : 0.02 * spread;
    graph.mergeNodeAttributes(id, at ? { x: at.x + (random() - 0.5) * jitter, y: at.y + (random() - 0.5) * jitter } : { x: minX + random() * (maxX - minX || 100), y: minY + random() * (maxY - minY || 100) });
  });
}

function draw(data, center) {
  layout?.kill();
  rememberPositions();
  renderer?.kill();
  hovered = undefined;
  graph = new Graph({ multi: false, type: 'undirected' });
  const random = seeded(7);
  for (const n of data.nodes) {
    graph.mergeNode(n.id, { label: n.label.length > 40 ? n.label.slice(0, 39) + '…' : n.label, fullLabel: n.label, nodeKind: n.kind, source: n.source, ref: n.ref, kindKey: kindOf(n), color: colors[kindOf(n)], x: 0, y: 0 });
  }
  for (const e of data.edges) if (graph.hasNode(e.from) && graph.hasNode(e.to) && e.from !== e.to && !graph.hasEdge(e.from, e.to)) graph.addEdge(e.from, e.to, { edgeKind: e.kind });
  placeNodes(random);
  const large = graph.order > LARGE;
  // Importance: topics and well-linked nodes are bigger, and their labels win where labels would collide.
  // A large graph draws them at half the size: thousands of full-size discs covered the view
  // several times over, and every pixel of each is drawn twice a frame (the picture and the
  // layer sigma picks the hovered node from).
  const scale = large ? LARGE_NODE_SCALE : 1;
  graph.forEachNode((id, a) => {
    const degree = graph.degree(id);
    graph.setNodeAttribute(id, 'size', scale * ((a.nodeKind === 'topic' ? 5 : 3) + Math.min(12, Math.sqrt(degree) * 1.5) + (id === center ? 6 : 0)));
  });
  renderer = new Sigma(graph, container, {
    labelDensity: 0.4,
    labelGridCellSize: 160,
    labelRenderedSizeThreshold: large ? 11 * LARGE_NODE_SCALE : 7, // the same nodes labelled as at full size
    ...(large ? { nodeProgramClasses: { circle: NodePointProgram } } : {}),
    labelFont: getComputedStyle(document.body).fontFamily || 'sans-serif',
    labelColor: { color: colors.fg },
    defaultEdgeColor: colors.edge,
    hideEdgesOnMove: large || graph.size > 2000,
    hideLabelsOnMove: large,
    zIndex: true,
    nodeReducer,
    edgeReducer,
    defaultDrawNodeHover: drawHover,
    defaultDrawNodeLabel: drawLabel,
  });
  renderer.on('beforeRender', () => {
    labelBoxes = [];
    drawnLabels = [];
  });
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    updateLit();
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = undefined;
    updateLit();
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => onClickNode(node));
  renderer.on('clickStage', () => {
    if (state.focus) {
      state.focus = undefined;
      updateLit();
      save();
      renderer.refresh({ skipIndexation: true });
    }
  });
  renderer.on('doubleClickNode', (event) => {
    event.preventSigmaDefault();
    onDoubleClickNode(event.node);
  });
  renderer.getCamera().on('updated', saveSoon);
  if (state.camera && state.restoreCamera) renderer.getCamera().setState(state.camera);
  state.restoreCamera = false;
  if (state.focus && !graph.hasNode(state.focus)) state.focus = undefined;
  updateLit();
  runLayout();
  // A local graph cut at its node bound says so: "showing 1,500 of 8,214 nodes".
  const shown = data.total > graph.order ? `showing ${graph.order.toLocaleString('en')} of ${data.totalAtLeast ? 'more than ' : ''}${data.total.toLocaleString('en')} nodes` : `${graph.order.toLocaleString('en')} nodes`;
  info.textContent = `${shown} · ${graph.size.toLocaleString('en')} edges`;
  vscode.postMessage({ type: 'rendered', nodes: graph.order, edges: graph.size, total: data.total, totalAtLeast: data.totalAtLeast, info: info.textContent, mode: state.mode, center, kinds: countKinds(), ids: graph.order <= 500 ? graph.nodes() : undefined });
}

/** A click on a topic focuses it: the camera goes there and its neighbours stay lit. */
function onClickNode(node) {
  if (graph.getNodeAttribute(node, 'nodeKind') === 'topic') focusNode(node);
}

/** A double click opens the note, or the paper's card, beside the graph. */
function onDoubleClickNode(node) {
  const a = graph.getNodeAttributes(node);
  vscode.postMessage({ type: 'open', kind: a.nodeKind, ref: a.ref, id: node });
}

function countKinds() {
  const counts = {};
  graph.forEachNode((_, a) => (counts[a.kindKey] = (counts[a.kindKey] ?? 0) + 1));
  return counts;
}

/**
 * ForceAtlas2 in a web worker (in slices here if workers are not allowed) until the layout
 * settles (nodes move less than 0.2 % of the drawing's extent between checks) or a time limit
 * passes: every step moves every node, which makes sigma process the whole graph again.
 */
function runLayout() {
  if (graph.order === 0) return;
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 };
  // Wall-clock: on a loaded machine the worker gets few iterations a second, and a layout cut
  // at 1.7 s (the old bound for 100 nodes) left a random square on screen.
  const limit = Math.min(15000, 5000 + graph.order * 2);
  const started = performance.now();
  try {
    layout = new FA2Layout(graph, { settings });
    layout.start();
  } catch {
    let running = true;
    const step = () => {
      if (!running) return;
      forceAtlas2.assign(graph, { iterations: graph.order > 2000 ? 1 : 5, settings });
      requestAnimationFrame(step);
    };
    layout = { stop: () => (running = false), kill: () => (running = false) };
    step();
  }
  const current = layout;
  const sample = graph.nodes().filter((_, i) => i % Math.ceil(graph.order / 300) === 0);
  let previous = positions(sample);
  let moving;
  const check = setInterval(() => {
    if (layout !== current) return clearInterval(check);
    const now = positions(sample);
    let moved = 0;
    let minX = Infinity;
    let maxX = -Infinity;
    for (let i = 0; i < sample.length; i++) {
      moved += Math.abs(now[2 * i] - previous[2 * i]) + Math.abs(now[2 * i + 1] - previous[2 * i + 1]);
      minX = Math.min(minX, now[2 * i]);
      maxX = Math.max(maxX, now[2 * i]);
    }
    previous = now;
    // Not before the worker has moved anything (its first steps take a moment to arrive).
    const settled = moving !== undefined && moved / sample.length < 0.002 * Math.max(1e-9, maxX - minX);
    if (moved > 0) moving = true;
    if (settled || performance.now() - started > limit) {
      clearInterval(check);
      current.stop();
      rememberPositions();
      vscode.postMessage({ type: 'layout', settled, settledMs: Math.round(performance.now() - started) });
    }
  }, 500);
}

function positions(nodes) {
  const out = new Float64Array(nodes.length * 2);
  nodes.forEach((node, i) => {
    out[2 * i] = graph.getNodeAttribute(node, 'x');
    out[2 * i + 1] = graph.getNodeAttribute(node, 'y');
  });
  return out;
}

/** Sigma hands each reducer its own copy of the node's data: it is changed in place, not copied again. */
function nodeReducer(node, data) {
  if (hiddenKinds.has(data.kindKey)) {
    data.hidden = true;
  } else if (lit) {
    if (!lit.has(node)) {
      data.color = colors.dim;
      data.label = '';
      data.zIndex = 0;
    } else {
      data.zIndex = 2;
      data.forceLabel = lit.size < 40;
      data.highlighted = node === litCenter;
    }
  } else if (state.match === node) {
    data.highlighted = true;
    data.forceLabel = true;
    data.zIndex = 2;
  }
  return data;
}

function edgeReducer(edge, data) {
  if (hiddenKinds.size === 0 && !litCenter) return data;
  const a = graph.source(edge);
  const b = graph.target(edge);
  if (hiddenKinds.has(graph.getNodeAttribute(a, 'kindKey')) || hiddenKinds.has(graph.getNodeAttribute(b, 'kindKey'))) {
    data.hidden = true;
  } else if (litCenter) {
    if (a === litCenter || b === litCenter) {
      data.color = colors.highlight;
      data.size = 2;
      data.zIndex = 1;
    } else {
      data.hidden = true;
    }
  }
  return data;
}

/** Label boxes drawn in this frame: a label that would overlap one already drawn is left out. */
let labelBoxes = [];

/**
 * Where a label of `width` goes beside a node: to its right, or to its left when the right
 * would run past the view's edge (labels of nodes near the right edge were cut off); undefined
 * when it fits on neither side (its node is at or past an edge: a label cut in half reads as
 * another word).
 */
function labelX(data, width, gap, height) {
  const { width: viewWidth, height: viewHeight } = renderer?.getDimensions() ?? { width: Infinity, height: Infinity };
  if (data.y - height / 2 < 0 || data.y + height / 2 > viewHeight) return undefined;
  const right = data.x + data.size + gap;
  if (right >= 0 && right + width <= viewWidth) return right;
  const left = data.x - data.size - gap - width;
  return left >= 0 && left + width <= viewWidth ? left : undefined;
}

/** Labels of the more important nodes come first (sigma orders them by size); none overlap. */
function drawLabel(context, data, settings) {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const width = context.measureText(data.label).width;
  const x = labelX(data, width, 3, size);
  if (x === undefined) return;
  const box = { x, y: data.y - size / 2 - 2, w: width + 2, h: size + 4 };
  const hit = (b) => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h;
  if (labelBoxes.some(hit)) return;
  labelBoxes.push(box);
  context.fillStyle = colors.fg;
  context.fillText(data.label, x, data.y + size / 3);
  drawnLabels.push({ id: data.key, x, width });
}

/** Labels drawn in the last frame with where they start and their width (tests check none is cut). */
let drawnLabels = [];

/** The hover card: the full label on the editor's background, readable in every theme. */
function drawHover(context, data, settings) {
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const text = graph.getNodeAttribute(data.key, 'fullLabel') ?? data.label ?? '';
  const width = context.measureText(text).width + 8;
  // Beside the node; a card too long for either side goes under it, inside the view, instead of over it.
  let x = labelX(data, width, 2, 0);
  let y = data.y;
  if (x === undefined) {
    const viewWidth = renderer?.getDimensions().width ?? width;
    x = Math.max(0, Math.min(data.x - width / 2, viewWidth - width));
    y = data.y + data.size + size / 2 + 8;
  }
  context.fillStyle = colors.bg;
  context.strokeStyle = colors.highlight;
  context.fillRect(x, y - size / 2 - 4, width, size + 8);
  context.strokeRect(x, y - size / 2 - 4, width, size + 8);
  context.fillStyle = colors.fg;
  context.fillText(text, x + 4, y + size / 3);
}

function focusNode(node) {
  state.focus = node;
  updateLit();
  save();
  const position = renderer.getNodeDisplayData(node);
  if (position) renderer.getCamera().animate({ x: position.x, y: position.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 400 });
  renderer.refresh({ skipIndexation: true });
  vscode.postMessage({ type: 'focused', id: node, label: graph.getNodeAttribute(node, 'fullLabel') });
}

search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || !graph) return;
  const text = search.value.trim().toLowerCase();
  if (!text) {
    state.match = undefined;
    save();
    renderer.refresh({ skipIndexation: true });
    return;
  }
  // Shown kinds only; a label that starts with the text before one that contains it, then the best linked.
  const hits = graph.filterNodes((_, a) => !hiddenKinds.has(a.kindKey) && a.fullLabel.toLowerCase().includes(text));
  const starts = (id) => (graph.getNodeAttribute(id, 'fullLabel').toLowerCase().startsWith(text) ? 0 : 1);
  hits.sort((a, b) => starts(a) - starts(b) || graph.degree(b) - graph.degree(a));
  info.textContent = `${hits.length} match${hits.length === 1 ? '' : 'es'}`;
  if (!hits.length) return;
  panTo(hits[0]);
});

/** The search's find: the camera pans (and zooms in) to it, and it stays marked and labelled. */
function panTo(node) {
  state.match = node;
  save();
  const position = renderer.getNodeDisplayData(node);
  if (position) renderer.getCamera().animate({ x: position.x, y: position.y, ratio: Math.min(renderer.getCamera().ratio, 0.3) }, { duration: 500 });
  renderer.refresh({ skipIndexation: true });
}

depthInput.addEventListener('input', () => {
  state.depth = Number(depthInput.value);
  depthValue.textContent = String(state.depth);
  save();
  vscode.postMessage({ type: 'depth', depth: state.depth });
});

modeButton.addEventListener('click', () => {
  state.mode = state.mode === 'local' ? 'full' : 'local';
  save();
  syncControls();
  vscode.postMessage({ type: 'mode', mode: state.mode });
});

function syncControls() {
  depthInput.value = String(state.depth);
  depthValue.textContent = String(state.depth);
  depthInput.disabled = state.mode !== 'local';
  modeButton.textContent = state.mode === 'local' ? 'Show full graph' : 'Show local graph';
}

/**
 * Frames drawn while the camera zooms and pans as a user's wheel and drag do (animated moves,
 * during which a large graph hides its edges): how interactive the view is at this size.
 */
async function measureFrames(durationMs) {
  const camera = renderer.getCamera();
  const times = [];
  let last = performance.now();
  const until = last + durationMs;
  let moving = false;
  let angle = 0;
  while (performance.now() < until) {
    if (!moving) {
      angle += 0.8;
      moving = true;
      camera.animate({ x: 0.5 + 0.2 * Math.cos(angle), y: 0.5 + 0.2 * Math.sin(angle), ratio: 0.6 + 0.3 * Math.sin(angle / 2) }, { duration: 400 }).then(() => (moving = false));
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  times.sort((a, b) => a - b);
  const gpu = webglRenderer();
  return { frames: times.length, fps: Math.round((1000 * times.length) / durationMs), medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)], ...gpu };
}

/**
 * Which WebGL implementation draws: a GPU's name, or a software rasteriser (SwiftShader,
 * llvmpipe) whose frame rate says nothing about a GPU machine's.
 */
/** Each kind's colour and its contrast against the background (WCAG ratio; tests check every theme's). */
function kindContrast() {
  const context = document.createElement('canvas').getContext('2d');
  const rgb = (color) => {
    context.fillStyle = '#000';
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = colors.bg;
    context.fillRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1); // a translucent colour as it shows on the background
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const luminance = (c) => {
    const [r, g, b] = c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const bg = luminance(rgb(colors.bg));
  const out = {};
  for (const k of [...KINDS.map((k) => k.kind), 'edge', 'dim', 'fg']) {
    const c = rgb(colors[k]);
    const l = luminance(c);
    out[k] = { rgb: c, contrast: Math.round(((Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05)) * 100) / 100 };
  }
  return out;
}

function webglRenderer() {
  const gl = document.createElement('canvas').getContext('webgl');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const name = (info && gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) || gl?.getParameter(gl.RENDERER) || 'none';
  return { webglRenderer: String(name), softwareWebgl: /swiftshader|llvmpipe|softpipe|software|basic render/i.test(String(name)) };
}

window.addEventListener('message', async (event) => {
  const message = event.data;
  if (message.type === 'graph') {
    if (message.mode) state.mode = message.mode;
    syncControls();
    draw(message.graph, message.center);
  } else if (message.type === 'focus' && graph?.hasNode(message.id)) {
    focusNode(message.id);
  } else if (message.type === 'simulate' && graph?.hasNode(message.id)) {
    // The tests' stand-in for a pointer on a WebGL canvas: the same handlers a click runs.
    if (message.event === 'click') onClickNode(message.id);
    else if (message.event === 'doubleClick') onDoubleClickNode(message.id);
  } else if (message.type === 'where' && graph?.hasNode(message.id)) {
    // Where a node is drawn, in pixels from the graph's top left (for a real pointer in tests).
    const a = graph.getNodeAttributes(message.id);
    let at = renderer.graphToViewport({ x: a.x, y: a.y });
    const { width, height } = renderer.getDimensions();
    if (at.x < 10 || at.y < 10 || at.x > width - 10 || at.y > height - 10) {
      // Out of sight: brought into view first, as a user would pan to it.
      const display = renderer.getNodeDisplayData(message.id);
      renderer.getCamera().setState({ x: display.x, y: display.y });
      renderer.refresh({ skipIndexation: true });
      at = renderer.graphToViewport({ x: a.x, y: a.y });
    }
    vscode.postMessage({ type: 'position', id: message.id, x: at.x, y: at.y });
  } else if (message.type === 'report') {
    // What a user sees of the view's state (tests): the lit neighbourhood, focus, camera, hidden kinds.
    // Also the labels drawn last frame (where each starts, its width) and the view's width, the node the search found and where it is drawn.
    const matchAt = state.match && graph?.hasNode(state.match) ? renderer.graphToViewport(graph.getNodeAttributes(state.match)) : undefined;
    vscode.postMessage({ type: 'viewState', litCenter, lit: lit ? [...lit].slice(0, 500) : [], focus: state.focus, camera: renderer?.getCamera().getState(), hidden: state.hidden, labels: drawnLabels.slice(0, 500), viewWidth: renderer?.getDimensions().width, viewHeight: renderer?.getDimensions().height, match: state.match, matchAt, colors: kindContrast(), theme: document.body.className });
  } else if (message.type === 'measure') {
    layout?.stop();
    vscode.postMessage({ type: 'frames', ...(await measureFrames(message.durationMs ?? 3000)), nodes: graph.order, edges: graph.size, layoutInWorker: typeof layout?.isRunning === 'function' });
  }
});

new MutationObserver(() => {
  themeColors();
  graph?.updateEachNodeAttributes((_, a) => ({ ...a, color: colors[a.kindKey] }));
  if (renderer) {
    renderer.setSetting('labelColor', { color: colors.fg });
    renderer.setSetting('defaultEdgeColor', colors.edge);
    renderer.refresh();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

themeColors();
syncControls();
// After a reload of the view (not a mere hide, which keeps it), the camera comes back too.
state.restoreCamera = true;
const webgl = !!document.createElement('canvas').getContext('webgl2') || !!document.createElement('canvas').getContext('webgl');
if (!webgl) info.textContent = 'This view needs WebGL, which is not available here.';
vscode.postMessage({ type: 'ready', webgl, state });
