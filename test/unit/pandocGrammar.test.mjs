// The citation grammar injected into Quarto and R Markdown grammars; cross-references stay plain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');
const citationGrammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', 'citations.tmLanguage.json'), 'utf8'));
const hosts = ['text.html.markdown', 'text.html.quarto', 'text.html.rmarkdown'];

await oniguruma.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
  loadGrammar: async (scope) =>
    hosts.includes(scope) ? { scopeName: scope, patterns: [{ match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' }] } : scope === citationGrammar.scopeName ? citationGrammar : null,
  getInjections: (scope) => (hosts.includes(scope) ? [citationGrammar.scopeName] : undefined),
});

async function keysIn(scope, line) {
  const grammar = await registry.loadGrammar(scope);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.filter((t) => t.scopes.includes('entity.name.label.citation-key.litnotes')).map((t) => line.slice(t.startIndex, t.endIndex));
}

test('grammar: citations highlighted in Quarto and R Markdown; cross-references are not', async () => {
  const line = 'As @fig-plot and [@tbl-data; @lim2024] show, @sec:intro and @figueroa2020 agree. `@code`';
  for (const scope of hosts) assert.deepEqual(await keysIn(scope, line), ['lim2024', 'figueroa2020'], scope);
});
