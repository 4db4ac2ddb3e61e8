// Pandoc citations in a real VS Code: a note with its own bibliography, its Markdown preview
// with formatted citations and a "References" list, rename and a Quarto document.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { sleep, eventually, resultsDir, screenshot } = require('./support');

const folder = () => vscode.workspace.workspaceFolders[0].uri.fsPath;

/** The text every frame of the workbench shows (code-server launcher only), else undefined. */
async function framesText(name) {
  const dir = resultsDir();
  if (!dir || !process.env.LITNOTES_SCREENSHOTS) return undefined;
  const answer = path.join(dir, `frames-${name}.json`);
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(path.join(dir, `frames-${name}.request`), '');
  // Read once whole: the launcher may still be writing the file when it first exists.
  const parsed = await eventually(() => {
    try {
      return JSON.parse(fs.readFileSync(answer, 'utf8'));
    } catch {
      return false;
    }
  }, `frame text ${name}`, 15000);
  return parsed.texts.join('\n');
}

const bib = `@article{smith2020deep,
  author = {Smith, Ada and Jones, Bo},
  title = {Deep Symmetry Learning},
  journal = {Journal of Examples},
  volume = {12},
  number = {3},
  pages = {45--67},
  year = {2020}
}

@article{turing1950computing,
  author = {Turing, Alan},
  title = {Computing Machinery and Intelligence},
  year = {1950}
}
`;
const noteText = [
  '---',
  'title: Pandoc preview',
  'bibliography: pandoc-refs.bib',
  '---',
  '',
  '# Reading notes',
  '',
  'Symmetry can be learned [see @smith2020deep, p. 4], as @turing1950computing [p. 433] asked',
  'long ago [-@turing1950computing]. An unknown key shows as [@nosuchkey2000].',
  '',
].join('\n');

let api;
const created = [];
const write = (name, text) => {
  const file = path.join(folder(), 'notes', name);
  fs.writeFileSync(file, text);
  created.push(file);
  return vscode.Uri.file(file);
};

/** The first diagnostics the server publishes for a document. */
const diagnosticsOf = (uri, what) =>
  eventually(() => {
    const d = vscode.languages.getDiagnostics(uri);
    return d.length > 0 && d;
  }, what);

describe('Pandoc and Quarto in VS Code', function () {
  before(async function () {
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'litnotes');
    api = await extension.activate();
    await api.ready();
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) fs.rmSync(file, { force: true });
  });

  it('a note with its own bibliography: no unknown-key warning for its keys, one for the unknown', async function () {
    write('pandoc-refs.bib', bib);
    const uri = write('pandoc-preview.md', noteText);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsOf(uri, 'diagnostics');
    assert.deepEqual(diagnostics.map((d) => d.message), ['Unknown citation key "@nosuchkey2000": no paper in the corpus has it.']);
  });

  it('the Markdown preview shows formatted citations and a References list', async function () {
    const uri = vscode.Uri.file(path.join(folder(), 'notes', 'pandoc-preview.md'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // The preview's own markdown-it, with this extension's plugin, renders the note.
    let rendered = '';
    const html = await eventually(async () => {
      rendered = await vscode.commands.executeCommand('markdown.api.render', document);
      return /csl-entry/.test(rendered) && rendered;
    }, 'citations rendered by the preview engine').catch((error) => {
      throw new Error(`${error.message}; server answers: ${api.previewAnswers()}; last render: ${rendered}`);
    });
    assert.match(html, /\(see Smith &#38; Jones, 2020, p\. 4\)/);
    assert.match(html, /Turing \(1950, p\. 433\)/, 'the in-text locator form @key [p. 433]');
    assert.match(html, /<i>Journal of Examples<\/i>, <i>12<\/i>\(3\), 45–67/, 'the entry shows venue, volume, issue and pages');
    assert.match(html, /@nosuchkey2000\?/);
    assert.match(html, /References/);

    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    const shown = await framesText('preview');
    if (shown !== undefined) {
      const text = await eventually(async () => {
        const t = await framesText('preview');
        return /Smith, A\., & Jones, B\. \(2020\)/.test(t) && t;
      }, 'the preview webview showing the reference list');
      assert.match(text, /References/);
      assert.match(text, /\(see Smith & Jones, 2020, p\. 4\)/);
      assert.match(text, /Journal of Examples, 12\(3\), 45–67/);
      // A BibTeX title in sentence case, as pandoc gives it to citeproc.
      assert.match(text, /Turing, A\. \(1950\)\. Computing machinery and intelligence\./);
    }
    await sleep(500);
    await screenshot('preview-citations');
  });

  it('a Quarto document is a note: diagnostics, and @fig- cross-references are not citations', async function () {
    const uri = write('report.qmd', '# Report\n\nSee @fig-plot and [@nosuchkey2001].\n');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'quarto');
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsOf(uri, 'diagnostics on the .qmd');
    assert.deepEqual(diagnostics.map((d) => d.message), ['Unknown citation key "@nosuchkey2001": no paper in the corpus has it.']);
  });
});
