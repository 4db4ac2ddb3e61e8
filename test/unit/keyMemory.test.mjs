// Key memory kept outside the server (issue 11): the warm-start cache's memory section and the
// workspace key file (.litnotes/keys.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, service as lib } from '../helpers.mjs';

const listing =
  '- Literate Programming Methods We study programs written for people to read. 1 authors · May 1, 1984\n' +
  '- Literate Programming Tools We build tools that weave and tangle programs. 1 authors · May 1, 1984\n';
const bib = '@article{knuth84tools,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming Tools},\n  year = 1984\n}\n';
const files = [{ path: 'list.txt', text: listing }, { path: 'lib.bib', text: bib }];
const session = core.buildCorpus(files, [], { previous: core.buildCorpus([files[0]]) });

test('cache: the key memory round-trips in its own section, and a bad section is no memory', () => {
  const bytes = lib.encodeCache({ files: () => [], keyMemory: () => session.keyMemory });
  const decoded = lib.decodeCache(bytes);
  assert.deepEqual([...decoded.keyMemory()], [...session.keyMemory]);
  const restarted = core.buildCorpus(files, [], { previous: { keyMemory: decoded.keyMemory() } });
  assert.equal(restarted.byKey.get('literate1984programmingtools')?.key, 'knuth84tools', 'the key only the memory keeps');
  assert.equal(core.buildCorpus(files).byKey.get('literate1984programmingtools'), undefined, 'and without it the key is gone');

  // The memory section (last) replaced by bytes of the same length that are not a memory.
  const memoryLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(20);
  const broken = bytes.slice();
  broken.fill(0x20, broken.length - memoryLength);
  broken[broken.length - memoryLength] = 0x7b; // "{" then spaces: not JSON
  const undecodable = lib.decodeCache(broken);
  assert.ok(undecodable, 'the rest of the cache still counts');
  assert.equal(undecodable.keyMemory(), undefined);
});

test('key file: written from the cited keys, read back as the same memory, errors named', () => {
  const { text, keys } = lib.keyFileText(session, session.keyMemory, ['literate1984programmingtools', 'nosuchkey', 'literate1984programming']);
  assert.equal(keys, 3);
  const parsed = JSON.parse(text);
  assert.deepEqual(parsed.papers.map((p) => p.keys), [['knuth84tools', 'literate1984programmingtools'], ['literate1984programming']]);
  const read = lib.parseKeyFile(text, '/ws/.litnotes/keys.json');
  assert.deepEqual(read.problems, []);
  const fresh = core.buildCorpus(files, [], { previous: { keyMemory: read.memory } });
  assert.equal(fresh.byKey.get('literate1984programmingtools')?.key, 'knuth84tools');
  assert.equal(fresh.byKey.get('literate1984programming')?.title, 'Literate Programming Methods');

  for (const [bad, message] of [['{', /not valid JSON/], ['{}', /no "papers" list/], ['{"papers":[{"keys":["a"],"copies":[1]}]}', /paper 1 needs/]]) {
    const result = lib.parseKeyFile(bad, '/ws/.litnotes/keys.json');
    assert.equal(result.memory, undefined);
    assert.equal(result.problems[0].file, '/ws/.litnotes/keys.json');
    assert.match(result.problems[0].message, message);
  }
});

test('key memories join with the first one keeping each paper its key', () => {
  const a = new Map([['p', ['one', 'two']]]);
  const b = new Map([['p', ['three', 'one']], ['q', ['four']]]);
  assert.deepEqual([...lib.joinMemories(a, undefined, b)], [['p', ['one', 'two', 'three']], ['q', ['four']]]);
  assert.equal(lib.joinMemories(undefined, new Map()), undefined);
});
