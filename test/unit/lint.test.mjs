// The layer rules of eslint.config.mjs catch what they are there for (npm test runs the lint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { root } from '../helpers.mjs';

const eslint = new ESLint({ cwd: root });
const messagesOf = async (file, text) => (await eslint.lintText(text, { filePath: path.join(root, file) }))[0].messages.map((m) => m.message);

test('lint: the core may not import Node, LSP or the layers above it', async () => {
  const messages = await messagesOf('server/src/core/probe.ts', [
    "import * as fs from 'fs';",
    "import * as path from 'node:path';",
    "import type { Connection } from 'vscode-languageserver/node';",
    "import { createLitService } from '../service/service';",
    "import { tokenize } from './text';",
    'export const all = [fs, path, createLitService, tokenize] as unknown as Connection;',
  ].join('\n'));
  assert.equal(messages.length, 4, messages.join('\n'));
});

test('lint: the client imports the protocol module and nothing else of the server', async () => {
  const messages = await messagesOf('client/src/probe.ts', [
    "import { scanCitations } from '../../server/src/core/notes/citations';",
    "import { StatusNotification } from '../../server/src/protocol';",
    'export const all = [scanCitations, StatusNotification];',
  ].join('\n'));
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0], /only the protocol module/);
});
