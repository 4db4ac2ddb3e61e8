// Rename (F2) on a citation key: every citation of the paper in every note, and the entry's own
// key where a BibTeX or CSL-JSON file inside the workspace spells it, as one WorkspaceEdit.
// A key that no workspace file spells (generated, bundled corpus, outside the workspace) is
// refused with the reason, which the editor shows.
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Paper } from '../core/corpus/model';
import { findEntryKey, isValidCitationKey, type KeySpan } from '../core/pandoc/entryKeys';
import type { ServerContext } from '../context';
import { bundledCorpusDir, MAX_CORPUS_FILE_BYTES } from '../node/corpusFiles';
import { readTextBounded } from '../node/boundedRead';
import { pathToUri } from '../service/uris';

interface EntryKey {
  file: string;
  span: KeySpan;
}

interface RenamePlan {
  paper?: Paper;
  /** Every key whose citations are rewritten. */
  keys: string[];
  entries: EntryKey[];
}

const refuse = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

export function registerRename(context: ServerContext): void {
  const { connection } = context;
  connection.onPrepareRename((params) => {
    const citation = context.service.citationUnder(params.textDocument.uri, params.position);
    if (!citation) return null;
    planRename(context, params.textDocument.uri, citation.key);
    const range = { start: { line: citation.line, character: citation.keyStart }, end: { line: citation.line, character: citation.keyStart + citation.key.length } };
    return { range, placeholder: citation.key };
  });

  connection.onRenameRequest((params): WorkspaceEdit | null => {
    const citation = context.service.citationUnder(params.textDocument.uri, params.position);
    if (!citation) return null;
    const newName = params.newName.trim().replace(/^@/, '');
    if (!isValidCitationKey(newName)) {
      throw refuse(`"${newName}" is not a citation key Pandoc reads: letters, digits and _, with : . # $ % & - + ? < > ~ / only between them.`);
    }
    const plan = planRename(context, params.textDocument.uri, citation.key);
    const clash = paperFor(context, params.textDocument.uri, newName);
    if (clash && clash !== plan.paper) throw refuse(`@${newName} is already the key of "${clash.title}".`);
    return renameEdit(context, plan, newName);
  });
}

/** What a rename of `key` would touch, or a ResponseError saying why it cannot. */
export function planRename(context: ServerContext, noteUri: string, key: string): RenamePlan {
  const paper = paperFor(context, noteUri, key);
  if (!paper) return { keys: [key], entries: [] }; // an unknown key: fix it across the notes
  const keys = [...new Set([paper.key, ...paper.aliases, key])];
  const entries: EntryKey[] = [];
  const outside: string[] = [];
  for (const source of paper.sources) {
    const format = /\.(bib|bibtex|biblatex)$/i.test(source.file) ? 'bibtex' : /\.(json|csljson)$/i.test(source.file) ? 'csl-json' : undefined;
    if (!format) continue;
    const text = readText(context, source.file);
    if (text === undefined) continue;
    for (const k of keys) {
      const span = findEntryKey(text, format, source.line, k);
      if (!span) continue;
      if (isInWorkspace(context, source.file)) entries.push({ file: source.file, span });
      else outside.push(source.file);
    }
  }
  if (outside.length > 0) {
    throw refuse(`@${key} is the key of an entry in ${outside[0]}, which is outside the workspace: rename it there (Literature Notes only edits files in the workspace).`);
  }
  if (entries.length === 0) {
    const from = paper.sources[0]?.file ?? 'the corpus';
    const bundled = from.startsWith(bundledCorpusDir() + path.sep);
    throw refuse(
      bundled
        ? `@${key} comes from the bundled corpus, which cannot be edited: its key is generated from the paper's data. Add the paper to your own .bib with the key you want.`
        : `@${key} is generated from the paper's data in ${from}, not written there: no entry spells it, so renaming the citations would leave them unknown.`,
    );
  }
  return { paper, keys, entries };
}

function renameEdit(context: ServerContext, plan: RenamePlan, newName: string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  const add = (uri: string, line: number, start: number, end: number) =>
    (changes[uri] ??= []).push({ range: { start: { line, character: start }, end: { line, character: end } }, newText: newName });
  for (const key of plan.keys) {
    for (const site of context.service.notes().citationsOf(key)) {
      const c = site.citation;
      add(context.service.clientUri(site.uri), c.line, c.keyStart, c.keyStart + c.key.length);
    }
  }
  for (const entry of plan.entries) add(openUriOf(context, entry.file) ?? pathToUri(entry.file), entry.span.line, entry.span.start, entry.span.end);
  return { changes };
}

/** The paper a key names in a note (the note's own bibliography first, then the corpus). */
function paperFor(context: ServerContext, noteUri: string, key: string): Paper | undefined {
  return context.service.lookup(noteUri).paper(key);
}

function isInWorkspace(context: ServerContext, file: string): boolean {
  if (file.startsWith(bundledCorpusDir() + path.sep)) return false;
  return context.service.folders().some((folder) => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

/** An open document's text wins over the disk: that is what the edit applies to. */
function readText(context: ServerContext, file: string): string | undefined {
  const uri = openUriOf(context, file);
  if (uri) return context.documents.get(uri)?.getText();
  // As every corpus read: a regular file, bounded while reading (it may have become a FIFO since the load).
  const read = readTextBounded(file, MAX_CORPUS_FILE_BYTES);
  return read.ok ? read.text : undefined;
}

function openUriOf(context: ServerContext, file: string): string | undefined {
  const wanted = pathToUri(file);
  return context.documents.all().find((d) => d.uri === wanted)?.uri;
}
