// Completion for a client that takes LSP 3.17 list defaults (VS Code's does): the edit range and
// the item data are sent once per list, and what the editor inserts and shows is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace } from './lspClient.mjs';

/** What an editor inserts for an item: the list's range replaced by the item's text. */
function inserted(line, list, item) {
  const range = item.textEdit?.range ?? list.itemDefaults.editRange;
  const text = item.textEdit?.newText ?? item.textEditText ?? item.label;
  return line.slice(0, range.start.character) + text + line.slice(range.end.character);
}

test('completion with item defaults: the same insertions and cards in fewer bytes than without', async () => {
  const dir = makeWorkspace({ 'notes/a.md': 'x' });
  const withDefaults = await new TestClient(dir, {}, { itemDefaults: true }).start();
  const without = await new TestClient(dir, {}).start();
  try {
    // Both ready with abstract words indexed: before that a server's list can differ from one whose index is
    // complete. The status sent while the first load runs (0 papers) also says abstractsIndexed, so 'ready' counts.
    for (const client of [withDefaults, without]) await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'abstracts indexed');
    const complete = async (client, line) => {
      const uri = await client.open(path.join(dir, 'notes/draft.md'), line);
      return client.request('textDocument/completion', client.at(uri, 0, line.length));
    };
    for (const line of ['See [@jelyfish', 'See @{jelyfish', 'As @jegelka', 'See [@n']) {
      const shared = await complete(withDefaults, line);
      const full = await complete(without, line);
      assert.ok(shared.itemDefaults?.editRange, 'the range is sent once');
      assert.equal(shared.items[0].textEdit, undefined);
      assert.equal(shared.items[0].data, undefined);
      assert.deepEqual(shared.items.map((i) => i.label), full.items.map((i) => i.label));
      assert.deepEqual(shared.items.map((i) => inserted(line, shared, i)), full.items.map((i) => inserted(line, full, i)));
      const bytes = [JSON.stringify(shared).length, JSON.stringify(full).length];
      // The range and the note's URI are left out of every item after the first.
      assert.ok(bytes[0] < bytes[1] - (shared.items.length - 1) * 100, `${bytes[0]} bytes against ${bytes[1]} for ${shared.items.length} items`);
    }
    const braced = await complete(withDefaults, 'See @{jelyfish');
    assert.equal(inserted('See @{jelyfish', braced, braced.items[0]), 'See @{jellyfish2023characterise}');

    // VS Code's client gives each item the list's data before resolving it.
    const list = await complete(withDefaults, 'As @jegelka');
    const resolved = await withDefaults.request('completionItem/resolve', { ...list.items[0], data: list.itemDefaults.data });
    assert.match(resolved.documentation.value, /The Empirical Impact of Neural Parameter Symmetries/);
  } finally {
    await withDefaults.stop();
    await without.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
