// `litnotes lint-corpus FILE`: how each listing line was read, so a user can see doubtful
// title/abstract splits. One line per listing line: its number, the confidence of the split
// and the title read; doubtful ones (the corpus file's information problems) are marked.
import * as path from 'node:path';
import { formatOf } from './core/corpus/corpus';
import { listingBody, LOW_CONFIDENCE, parseListing } from './core/readers/listingParser';
import { splitTitleAndAbstract } from './core/readers/titleSplit';
import { readCorpusFile } from './node/corpusFiles';

interface LintIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export function lintCorpus(args: string[], json: boolean, io: LintIO): number {
  if (args.length !== 1) {
    io.err('litnotes: lint-corpus needs one FILE (a one-line listing)');
    return 2;
  }
  const file = path.resolve(args[0]);
  const read = readCorpusFile(file);
  if (!('text' in read)) {
    io.err(`${read.file}:${read.line}: ${read.severity}: ${read.message}`);
    return 2;
  }
  if (formatOf(read) !== 'listing') {
    io.err(`litnotes: ${args[0]} is not a one-line listing (its titles are not run into the abstract: nothing to check)`);
    return 2;
  }
  const rows: { line: number; confidence: number; title: string; doubtful: boolean }[] = [];
  read.text.split(/\r?\n/).forEach((text, index) => {
    const body = listingBody(text);
    const split = body === undefined ? undefined : splitTitleAndAbstract(body);
    if (split) rows.push({ line: index + 1, confidence: split.confidence, title: split.title, doubtful: split.confidence < LOW_CONFIDENCE });
  });
  // The same problems the editor shows on the file (bad lines, doubtful splits, short titles).
  const problems = parseListing(read.text, args[0]).problems;
  if (json) {
    io.out(JSON.stringify({ file: args[0], threshold: LOW_CONFIDENCE, lines: rows, problems }, null, 2));
    return 0;
  }
  for (const row of rows) io.out(`${args[0]}:${row.line}\t${row.confidence.toFixed(2)}${row.doubtful ? ' ?' : '  '}\t${row.title}`);
  for (const problem of problems) if (problem.severity !== 'info') io.err(`${problem.file}:${problem.line}: ${problem.severity}: ${problem.message}`);
  const doubtful = rows.filter((r) => r.doubtful).length;
  io.err(`${rows.length} listing lines, ${doubtful} doubtful (confidence < ${LOW_CONFIDENCE}, marked ?)`);
  return 0;
}
