// The citation grammar, tokenised by the same engine VS Code uses (vscode-textmate with
// Oniguruma), injected into a small stand-in for Markdown's grammar.
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
// Just enough Markdown: inline code spans and fenced code, the scopes the injection avoids.
const markdown = {
  scopeName: 'text.html.markdown',
  patterns: [
    { begin: '^```', end: '^```', name: 'markup.fenced_code.block.markdown' },
    { match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' },
  ],
};

async function tokenizer() {
  await oniguruma.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'text.html.markdown' ? markdown : scope === citationGrammar.scopeName ? citationGrammar : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? [citationGrammar.scopeName] : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  return (lines) => {
    let state = textmate.INITIAL;
    const out = [];
    for (const line of lines) {
      const result = grammar.tokenizeLine(line, state);
      for (const t of result.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      state = result.ruleStack;
    }
    return out;
  };
}

const tokenize = await tokenizer();
const scopesOf = (tokens, text) => tokens.find((t) => t.text === text)?.scopes ?? [];

test('grammar: keys in bracketed citations, with brackets, separators and locators', () => {
  const tokens = tokenize(['As shown [see @smith2020, p. 3; -@doe99].']);
  assert.ok(scopesOf(tokens, 'smith2020').includes('entity.name.label.citation-key.litnotes'));
  assert.ok(scopesOf(tokens, 'smith2020').includes('meta.citation.bracketed.litnotes'));
  assert.ok(scopesOf(tokens, 'doe99').includes('entity.name.label.citation-key.litnotes'));
  assert.ok(scopesOf(tokens, '-').includes('keyword.operator.suppress-author.litnotes'));
  assert.ok(scopesOf(tokens, ';').includes('punctuation.separator.citation.litnotes'));
  assert.ok(scopesOf(tokens, '[').includes('punctuation.definition.citation.begin.litnotes'));
});

test('grammar: in-text and braced keys; not e-mails, escaped @, code spans or fences', () => {
  const tokens = tokenize(['@jones2021 says, and @{odd.key!} too. Mail me@example.com or \\@not. `@code`', '```', '@fenced', '```']);
  assert.ok(scopesOf(tokens, 'jones2021').includes('entity.name.label.citation-key.litnotes'));
  assert.ok(scopesOf(tokens, '{').includes('punctuation.definition.citation-key.begin.litnotes'));
  const keys = tokens.filter((t) => t.scopes.includes('entity.name.label.citation-key.litnotes')).map((t) => t.text);
  assert.deepEqual(keys, ['jones2021', 'odd.key!']);
  assert.ok(!tokens.some((t) => t.text.includes('example') && t.scopes.some((s) => s.includes('citation'))));
});
