// `litnotes`: the same core as the language server, from a terminal.
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import type { Corpus } from './core/corpus/corpus';
import { cardText, shortCredit, formatDate } from './core/output/card';
import { PaperSearch } from './core/search/search';
import type { Problem } from './core/corpus/model';
import * as fs from 'node:fs';
import { scanCitations } from './core/notes/citations';
import { buildGraph, CorpusTopics, exportGraph, findTopic, relatedPapers, toDot, toMermaid } from './core/topics/graph';
import { analyzeNote, type NoteInfo } from './core/notes/notes';
import { toBibtex, toCslJson } from './core/output/export';
import { pathToFileURL } from 'node:url';
import { bundledCorpusPaths } from './node/corpusFiles';
import { loadCorpusCached } from './node/cachedCorpus';
import { readTextBounded } from './node/boundedRead';
import { WriteRefused, writeFileAtomic } from './node/safeWrite';
import { DEFAULT_SETTINGS } from './service/settings';
import { findFiles } from './node/findFiles';

const USAGE = `Usage: litnotes <command> [options]

Commands:
  summary                   index summary, a sample search and a paper card
  papers [--json]           every paper of the corpus
  search QUERY [--limit N] [--json]
                            fuzzy search over key, title, authors, year and abstract
  show KEY [--json]         the paper card a hover shows
  graph [--topic NAME] [--format json|dot|mermaid] [--notes DIR] [--related N]
                            the topic graph: topics, papers, and the notes under DIR
  related KEY [--limit N]   papers related to a paper (shared topics, similar text)
  export --cited [DIR] [--format bibtex|csl-json] [--output FILE [--force]]
                            the bibliography of the papers the notes under DIR cite;
                            an existing FILE is replaced only with --force, a corpus
                            file never
  check [DIR]               unknown citation keys in the notes under DIR (default: .),
                            as file:line:col; exit code 1 when there are any

Options:
  --corpus FILE             add a corpus file (repeatable)
  --no-default-corpus       leave the bundled corpus out
  --quiet                   do not print corpus problems
  -h, --help                this help
`;

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export function runCli(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: 'string', multiple: true },
        'no-default-corpus': { type: 'boolean' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
        quiet: { type: 'boolean' },
        topic: { type: 'string' },
        format: { type: 'string' },
        notes: { type: 'string' },
        related: { type: 'string' },
        cited: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }

  const paths = [...(values['no-default-corpus'] ? [] : bundledCorpusPaths()), ...(values.corpus ?? []).map((p) => path.resolve(p))];
  const corpus = loadCorpusCached(paths);
  if (!values.quiet) for (const problem of corpus.problems) io.err(formatProblem(problem));
  if (corpus.papers.length === 0 && command !== 'check') {
    io.err(paths.length === 0 ? 'litnotes: no corpus given (use --corpus FILE)' : 'litnotes: no papers could be read from the corpus');
    return 2;
  }

  switch (command) {
    case 'summary':
      return summary(corpus, io);
    case 'papers':
      if (values.json) io.out(JSON.stringify(corpus.papers, null, 2));
      else for (const paper of corpus.papers) io.out(`${paper.key}\t${paper.title}\t${shortCredit(paper)}`);
      return 0;
    case 'search': {
      const query = args.join(' ');
      if (!query) return usageError(io, 'search needs a QUERY');
      const limit = values.limit === undefined ? 10 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) return usageError(io, '--limit takes a whole number of 1 or more');
      const hits = new PaperSearch(corpus.papers).search(query, limit);
      if (values.json) io.out(JSON.stringify(hits.map((h) => ({ key: h.paper.key, title: h.paper.title, score: h.score, field: h.field })), null, 2));
      else if (hits.length === 0) io.out(`no paper matches "${query}"`);
      else for (const hit of hits) io.out(`${hit.paper.key}\t${hit.paper.title}\t${shortCredit(hit.paper)}`);
      return 0;
    }
    case 'show': {
      const key = args[0]?.replace(/^@/, '');
      if (!key) return usageError(io, 'show needs a KEY');
      const paper = corpus.byKey.get(key);
      if (!paper) {
        const close = new PaperSearch(corpus.papers).search(key, 3).map((h) => h.paper.key);
        io.err(`litnotes: no paper with key "${key}"${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`);
        return 1;
      }
      io.out(values.json ? JSON.stringify(paper, null, 2) : cardText(paper));
      return 0;
    }
    case 'check':
      return check(corpus, args[0] ?? '.', io);
    case 'graph': {
      const format = values.format ?? 'json';
      if (!['json', 'dot', 'mermaid'].includes(format)) return usageError(io, '--format is json, dot or mermaid');
      const topics = new CorpusTopics(corpus.papers);
      const notes = values.notes ? readNotes(path.resolve(values.notes), io) : [];
      const graph = buildGraph(topics, notes);
      if (values.topic && !findTopic(graph, values.topic)) {
        io.err(`litnotes: no topic "${values.topic}"`);
        return 1;
      }
      const exported = exportGraph(graph, topics, { topic: values.topic, related: values.related ? Number(values.related) : undefined });
      io.out(format === 'dot' ? toDot(exported) : format === 'mermaid' ? toMermaid(exported) : JSON.stringify(exported, null, 2));
      return 0;
    }
    case 'export': {
      const format = values.format ?? 'bibtex';
      if (format !== 'bibtex' && format !== 'csl-json') return usageError(io, '--format is bibtex or csl-json');
      let papers = corpus.papers;
      if (values.cited) {
        const dir = path.resolve(args[0] ?? '.');
        const keys = new Set(readNotes(dir, io).flatMap((n) => n.citations.map((c) => c.key)));
        papers = papers.filter((p) => keys.has(p.key) || p.aliases.some((a) => keys.has(a)));
        // Written under the key the notes cite (an alias, say), so pandoc finds it.
        papers = papers.map((p) => (keys.has(p.key) ? p : { ...p, key: p.aliases.find((a) => keys.has(a)) ?? p.key }));
      }
      const renamed = (key: string, written: string) => io.err(`litnotes: key "${key}" written as "${written}" (BibTeX keys cannot hold some of its characters)`);
      const text = format === 'bibtex' ? toBibtex(papers, renamed) : toCslJson(papers);
      if (values.output) {
        try {
          writeFileAtomic(values.output, text, { overwrite: values.force === true, protect: paths });
        } catch (error) {
          if (!(error instanceof WriteRefused)) throw error;
          io.err(`litnotes: ${error.message}`);
          return 1;
        }
      } else io.out(text.trimEnd());
      io.err(`${papers.length} papers exported as ${format}${values.output ? ` to ${values.output}` : ''}`);
      return 0;
    }
    case 'related': {
      const key = args[0]?.replace(/^@/, '');
      if (!key || !corpus.byKey.has(key)) return key ? (io.err(`litnotes: no paper with key "${key}"`), 1) : usageError(io, 'related needs a KEY');
      const limit = values.limit === undefined ? 5 : Number(values.limit);
      const related = relatedPapers(new CorpusTopics(corpus.papers), corpus.byKey.get(key)!.key, limit);
      if (values.json) io.out(JSON.stringify(related.map((r) => ({ key: r.paper.key, title: r.paper.title, score: r.score, shared: r.shared })), null, 2));
      else for (const r of related) io.out(`${r.paper.key}\t${r.score.toFixed(2)}\t${r.paper.title}\t(${[...new Set(r.shared)].slice(0, 4).join('; ')})`);
      return 0;
    }
    default:
      return usageError(io, `unknown command "${command}"`);
  }
}

function summary(corpus: Corpus, io: CliIO): number {
  const files = new Set(corpus.papers.flatMap((p) => p.sources.map((s) => s.file)));
  const copies = corpus.papers.reduce((n, p) => n + p.sources.length, 0);
  io.out(`Literature Notes: ${corpus.papers.length} papers from ${files.size} corpus files (${copies} entries read, duplicates merged), ${corpus.problems.length} problems.`);
  for (const file of files) io.out(`  ${path.relative(process.cwd(), file) || file}`);
  const query = 'equivariant neural netwrk';
  io.out(`\nSearch "${query}" (note the typo):`);
  for (const hit of new PaperSearch(corpus.papers).search(query, 5)) {
    io.out(`  @${hit.paper.key.padEnd(22)} ${hit.paper.title}  (${shortCredit(hit.paper) || formatDate(hit.paper.date)})`);
  }
  const sample = corpus.papers.find((p) => p.authors && p.authors.length > 0 && p.topics.length > 0) ?? corpus.papers[0];
  io.out(`\nThe card a hover on [@${sample.key}] shows:\n`);
  io.out(indent(cardText(sample)));
  io.out(`\nNext: node dist/cli.js search QUERY · node dist/cli.js show KEY · node dist/cli.js --help`);
  return 0;
}

/** The editor's unknown-key diagnostics for a notes folder, for a notes repository's CI. */
function check(corpus: Corpus, dir: string, io: CliIO): number {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.err(`litnotes: ${dir}: not a folder`);
    return 2;
  }
  const search = new PaperSearch(corpus.papers);
  const files = findFiles(root, DEFAULT_SETTINGS.notes.include, DEFAULT_SETTINGS.notes.exclude);
  let citations = 0;
  let unknown = 0;
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    const read = readTextBounded(file, MAX_NOTE_BYTES);
    if (!read.ok) {
      io.err(`${shown}:1: warning: ${read.reason}`);
      continue;
    }
    for (const citation of scanCitations(read.text)) {
      citations++;
      if (corpus.byKey.has(citation.key)) continue;
      unknown++;
      const close = search.search(citation.key, 1)[0]?.paper.key;
      io.out(`${shown}:${citation.line + 1}:${citation.keyStart + 1}: unknown citation key "@${citation.key}"${close ? ` (did you mean @${close}?)` : ''}`);
    }
  }
  io.err(`${files.length} notes, ${citations} citations, ${unknown} unknown`);
  return unknown > 0 ? 1 : 0;
}

/** Notes larger than this are left out, as the server leaves them out. */
const MAX_NOTE_BYTES = 5 * 1024 * 1024;

/** The notes under a folder; one that cannot be read is left out (and said so on stderr). */
function readNotes(dir: string, io: CliIO): NoteInfo[] {
  const notes: NoteInfo[] = [];
  for (const file of findFiles(dir, DEFAULT_SETTINGS.notes.include, DEFAULT_SETTINGS.notes.exclude)) {
    const read = readTextBounded(file, MAX_NOTE_BYTES);
    if (read.ok) notes.push(analyzeNote(pathToFileURL(file).toString(), read.text));
    else io.err(`${path.relative(process.cwd(), file) || file}:1: warning: ${read.reason}`);
  }
  return notes;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.severity}: ${problem.message}`;
}

/** One line: what was wrong, and where the usage is. */
function usageError(io: CliIO, message: string): number {
  io.err(`litnotes: ${message} (see litnotes --help)`);
  return 2;
}

if (require.main === module) {
  const out: string[] = [];
  try {
    const code = runCli(process.argv.slice(2), {
      out: (text) => out.push(text),
      err: (text) => process.stderr.write(text + '\n'),
    });
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
    process.exitCode = code;
  } catch (error) {
    // Every error is one line; a stack trace helps no one at a terminal (LITNOTES_DEBUG=1 shows it).
    process.stderr.write(`litnotes: ${process.env.LITNOTES_DEBUG ? (error as Error).stack : oneLine(error)}\n`);
    process.exitCode = 1;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
