// A real pointer on an element inside any frame of the page (the graph view's WebGL canvas lives
// in a webview's nested iframes): Playwright moves the mouse there and clicks or double-clicks,
// so the page receives the same events a user's mouse sends. Used by the launcher's act steps:
// { pointer: '#graph', x, y, double?, hover? } with x, y in pixels from the element's top left
// (hover: the mouse moves there and stays, without clicking).
export async function pointerInFrame(page, step) {
  for (const frame of page.frames()) {
    const element = frame.locator(step.pointer);
    if ((await element.count().catch(() => 0)) === 0) continue;
    const options = { position: { x: step.x, y: step.y }, timeout: 5000, force: true };
    if (step.hover) await element.first().hover(options);
    else if (step.double) await element.first().dblclick(options);
    else await element.first().click(options);
    return;
  }
  throw new Error(`no frame shows ${step.pointer}`);
}
