// The topic graph picture: a force layout drawn as SVG. Data comes from the extension by
// postMessage; nothing is loaded from anywhere else.
(function () {
  const vscode = acquireVsCodeApi();
  const svg = document.getElementById('graph');
  const filter = document.getElementById('filter');
  const info = document.getElementById('info');
  const toggles = [...document.querySelectorAll('input[data-kind]')];
  const NS = 'http://www.w3.org/2000/svg';
  let view = { x: -600, y: -400, w: 1200, h: 800 };
  let state;

  window.addEventListener('message', (event) => {
    if (event.data.type === 'graph') draw(event.data.graph);
  });
  vscode.postMessage({ type: 'ready' });

  function layout(nodes, edges) {
    // Spring-electric layout, a fixed number of rounds so it always finishes.
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const pos = nodes.map((n, i) => ({ x: Math.cos(i * 2.4) * 40 * Math.sqrt(i + 1), y: Math.sin(i * 2.4) * 40 * Math.sqrt(i + 1) }));
    const links = edges.map((e) => [index.get(e.from), index.get(e.to)]).filter(([a, b]) => a !== undefined && b !== undefined);
    const rounds = nodes.length > 400 ? 120 : 300;
    for (let r = 0; r < rounds; r++) {
      const cool = 1 - r / rounds;
      const force = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < pos.length; i++) {
        for (let j = i + 1; j < pos.length; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d2 = Math.max(dx * dx + dy * dy, 25);
          const f = 4000 / d2;
          force[i].x += dx * f / Math.sqrt(d2); force[i].y += dy * f / Math.sqrt(d2);
          force[j].x -= dx * f / Math.sqrt(d2); force[j].y -= dy * f / Math.sqrt(d2);
        }
      }
      for (const [a, b] of links) {
        const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y;
        const d = Math.sqrt(dx * dx + dy * dy) || 1;
        const f = (d - 90) * 0.05;
        force[a].x += dx / d * f; force[a].y += dy / d * f;
        force[b].x -= dx / d * f; force[b].y -= dy / d * f;
      }
      pos.forEach((p, i) => {
        p.x += Math.max(-20, Math.min(20, force[i].x - p.x * 0.002)) * cool;
        p.y += Math.max(-20, Math.min(20, force[i].y - p.y * 0.002)) * cool;
      });
    }
    return { pos, links };
  }

  function draw(graph) {
    svg.textContent = '';
    const { pos, links } = layout(graph.nodes, graph.edges);
    const edgeLayer = document.createElementNS(NS, 'g');
    const nodeLayer = document.createElementNS(NS, 'g');
    svg.append(edgeLayer, nodeLayer);
    const edgeEls = links.map(([a, b], k) => {
      const line = document.createElementNS(NS, 'line');
      line.setAttribute('x1', pos[a].x); line.setAttribute('y1', pos[a].y);
      line.setAttribute('x2', pos[b].x); line.setAttribute('y2', pos[b].y);
      line.setAttribute('class', `edge ${graph.edges[k] ? graph.edges[k].kind : ''}`);
      edgeLayer.append(line);
      return { line, a, b };
    });
    const nodeEls = graph.nodes.map((node, i) => {
      const g = document.createElementNS(NS, 'g');
      g.setAttribute('class', `node ${node.kind} ${node.source || ''}`);
      g.setAttribute('transform', `translate(${pos[i].x},${pos[i].y})`);
      g.setAttribute('tabindex', '0');
      const shape = document.createElementNS(NS, node.kind === 'paper' ? 'rect' : 'circle');
      if (node.kind === 'paper') { shape.setAttribute('x', -6); shape.setAttribute('y', -6); shape.setAttribute('width', 12); shape.setAttribute('height', 12); }
      else shape.setAttribute('r', node.kind === 'topic' ? 9 : 7);
      const label = document.createElementNS(NS, 'text');
      label.setAttribute('x', 12); label.setAttribute('y', 4);
      label.textContent = node.label.length > 40 ? node.label.slice(0, 39) + '…' : node.label;
      const title = document.createElementNS(NS, 'title');
      title.textContent = `${node.kind}: ${node.label}`;
      g.append(shape, label, title);
      g.addEventListener('click', () => vscode.postMessage({ type: 'open', kind: node.kind, ref: node.ref, id: node.id }));
      nodeLayer.append(g);
      return { g, node, i };
    });
    state = { graph, nodeEls, edgeEls };
    fit(pos);
    applyFilter();
    vscode.postMessage({ type: 'rendered', nodes: graph.nodes.length, edges: links.length });
  }

  function fit(pos) {
    if (pos.length === 0) return;
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const minX = Math.min(...xs) - 60, minY = Math.min(...ys) - 40;
    view = { x: minX, y: minY, w: Math.max(...xs) - minX + 300, h: Math.max(...ys) - minY + 80 };
    setView();
  }

  function setView() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    // Labels keep a readable size on screen whatever the zoom.
    const scale = view.w / Math.max(svg.clientWidth, 1);
    svg.style.setProperty('--label-size', `${11 * scale}px`);
    svg.style.setProperty('--stroke', `${scale}px`);
  }

  function applyFilter() {
    if (!state) return;
    const text = filter.value.trim().toLowerCase();
    const kinds = new Set(toggles.filter((t) => t.checked).map((t) => t.dataset.kind));
    const visible = new Set();
    let matches = 0;
    for (const { g, node, i } of state.nodeEls) {
      const shown = kinds.has(node.kind);
      const hit = text !== '' && node.label.toLowerCase().includes(text);
      if (hit) matches++;
      g.classList.toggle('hidden', !shown);
      g.classList.toggle('dim', text !== '' && !hit);
      g.classList.toggle('hit', hit);
      if (shown) visible.add(i);
    }
    for (const { line, a, b } of state.edgeEls) line.classList.toggle('hidden', !(visible.has(a) && visible.has(b)));
    info.textContent = `${state.graph.nodes.length} nodes · ${state.edgeEls.length} edges${text ? ` · ${matches} match` : ''}`;
  }

  filter.addEventListener('input', applyFilter);
  toggles.forEach((t) => t.addEventListener('change', applyFilter));

  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const k = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    const rect = svg.getBoundingClientRect();
    const px = view.x + (e.clientX - rect.left) / rect.width * view.w;
    const py = view.y + (e.clientY - rect.top) / rect.height * view.h;
    view = { x: px - (px - view.x) * k, y: py - (py - view.y) * k, w: view.w * k, h: view.h * k };
    setView();
  }, { passive: false });
  let drag;
  svg.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, view: { ...view } }; });
  window.addEventListener('pointerup', () => { drag = undefined; });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    view = { ...drag.view, x: drag.view.x - (e.clientX - drag.x) / rect.width * view.w, y: drag.view.y - (e.clientY - drag.y) / rect.height * view.h };
    setView();
  });
})();
