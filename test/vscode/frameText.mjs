// Reads what every frame of the page shows, for the suite's checks of webviews (the Markdown
// preview lives in nested iframes the extension host cannot see into). The suite writes
// frames-NAME.request; the launcher answers with frames-NAME.json: { texts: [...] }.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function answerFrameRequests(page, resultsDir) {
  for (const name of fs.readdirSync(resultsDir)) {
    const match = /^frames-(.+)\.request$/.exec(name);
    if (!match) continue;
    const texts = [];
    for (const frame of page.frames()) {
      try {
        texts.push(await frame.evaluate(() => document.body?.innerText ?? ''));
      } catch {
        // a frame that went away meanwhile
      }
    }
    fs.rmSync(path.join(resultsDir, name), { force: true });
    fs.writeFileSync(path.join(resultsDir, `frames-${match[1]}.json`), JSON.stringify({ texts }));
  }
}
