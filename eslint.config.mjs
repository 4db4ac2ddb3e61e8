// Lint keeps the layers apart: the core pure, the client talking to the server only through
// the protocol module. (Style is left to the compiler's strict mode.)
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default [
  { ignores: ['dist/**', 'node_modules/**', '.code-server/**', 'out/**', '.vscode-test/**'] },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'the core is pure: no Node APIs (the host reads files)' })),
          patterns: [
            { group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'the core is pure: no LSP or editor APIs' },
            { group: ['**/service/**', '**/service', '**/node/**', '**/features/**', '**/server', '**/context', '**/protocol'], message: 'the core does not know the layers above it' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // The preview's markdown-it plugin is pure and runs in the client's markdown-it (VS Code's preview).
            { regex: 'server/src/(?!protocol$|core/output/citationPreview$)', message: 'the client imports only the protocol module of the server (and the preview plugin)' },
            { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'the client uses vscode-languageclient' },
          ],
        },
      ],
    },
  },
];
