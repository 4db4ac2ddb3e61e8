// The topic digest: a topic header line, then papers as title / optional "Last, First, ..."
// author line / one abstract line, with "- A > B > C (0.88)" tag lines around them.
//
// Tag lines describe the paper they follow; those before the first paper of a file describe
// that first paper. A topic header applies to every paper after it.
import type { Author, ParseResult, PaperRecord, Problem, TopicRef } from '../corpus/model';
import { addTopic } from '../topics/topicRefs';
import { findUrls } from '../text';

/** First segments that make a tag a place rather than a subject. */
const CONTINENTS = new Set([
  'africa', 'antarctica', 'asia', 'europe', 'north america', 'south america', 'central america',
  'oceania', 'australia', 'caribbean', 'middle east', 'latin america',
]);

const WEIGHT = /^\d+(?:\.\d+)?$/;

/**
 * "- A > B > C (0.88)": read by a scanner from both ends, not one regex, so a "-" followed by a
 * long run of spaces or tabs costs linear time (a regex with adjacent \s+ and .+? took seconds).
 */
function scanTagLine(line: string): [string, string] | undefined {
  const text = line.trim();
  if (!text.startsWith('-') || text.length < 2 || !/\s/.test(text[1]) || !text.endsWith(')')) return undefined;
  const open = text.lastIndexOf('(');
  if (open < 0) return undefined;
  const weight = text.slice(open + 1, -1);
  if (!WEIGHT.test(weight)) return undefined;
  const body = text.slice(1, open).trim();
  return body ? [body, weight] : undefined;
}

export function parseTagLine(line: string): TopicRef | undefined {
  const match = scanTagLine(line);
  if (!match) return undefined;
  const path = match[0].split('>').map((s) => s.trim()).filter((s) => s.length > 0);
  if (path.length === 0) return undefined;
  const kind = CONTINENTS.has(path[0].toLowerCase()) ? 'place' : 'subject';
  return { kind, path, weight: Number(match[1]) };
}

const NAME_PARTICLE = new Set('van von de der den da di du la le del della dos das ten ter bin al y zu'.split(' '));
/** A name word: letters with hyphens, en dashes, apostrophes, dots ("Dit–Yan", "O'Neil", "J.-P."). */
const NAME_WORD = /^\p{L}[\p{L}\p{M}'’.\-–]*$/u;
/** Footnote marks after a name: "Sharma*", "Lee†", "Kim1". */
const MARKS = /[*†‡§¶#\d]+$/u;

/** "van der Berg", "zhang", "Sharma*": one to four name words; lowercase allowed. */
function isFamilyPart(part: string): boolean {
  const words = part.replace(MARKS, '').split(' ');
  return words.length >= 1 && words.length <= 4 && words.every((w) => NAME_WORD.test(w)) && words.some((w) => !NAME_PARTICLE.has(w));
}

/** "Derek", "Patrick J.", "Dit–Yan", "M.": capitalised given names or initials. */
function isGivenPart(part: string): boolean {
  const words = part.replace(MARKS, '').split(' ');
  return words.length >= 1 && words.length <= 4 && words.every((w) => NAME_WORD.test(w) && (/^\p{Lu}/u.test(w) || NAME_PARTICLE.has(w)));
}

/** "Lim, Derek, Cerezo, M., Coles, Patrick J." -> authors; undefined when the line is not one. */
export function parseAuthorLine(line: string): Author[] | undefined {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.endsWith('.') && !/(^|[\s,\-–])\p{Lu}\.$/u.test(text)) return undefined;
  const parts = text.split(/ ?, ?/);
  if (parts.length < 2 || parts.length % 2 !== 0) return undefined;
  const authors: Author[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (!isFamilyPart(parts[i]) || !isGivenPart(parts[i + 1])) return undefined;
    authors.push({ family: parts[i].replace(MARKS, ''), given: parts[i + 1].replace(MARKS, '') });
  }
  return authors;
}

/** A topic header: a short lowercase phrase. */
function isHeaderLike(line: string): boolean {
  const text = line.trim();
  return /^[\p{Ll}\d][\p{Ll}\d\s'’\-&/]*$/u.test(text) && text.split(/\s+/).length <= 8;
}

/**
 * An abstract is prose: long, or with a sentence break inside ("... in depth. Our method"),
 * which also holds for an abstract cut short. A title is a phrase.
 */
function isParagraph(line: string): boolean {
  const words = line.trim().split(/\s+/).length;
  // "Words or Characters? Fine-grained Gating ..." is a title: "?" and "!" break a title too.
  const sentenceBreaks = (line.match(/\.\s+\p{Lu}/gu) ?? []).length;
  const questionBreaks = (line.match(/[!?]\s+\p{Lu}/gu) ?? []).length;
  return words >= 25 || (words >= 6 && sentenceBreaks >= 1) || (words >= 16 && questionBreaks >= 1);
}

/** A title has words: a line of mostly symbols or numbers is not one. */
function isTitleLike(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  const wordy = tokens.filter((t) => /\p{L}{2}/u.test(t)).length;
  return line.length <= 400 && wordy >= 1 && wordy * 2 >= tokens.length;
}

interface Line {
  text: string;
  number: number;
}

export function parseDigest(text: string, file: string): ParseResult {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  const lines: Line[] = text
    .split(/\r?\n/)
    .map((t, i) => ({ text: t.trim(), number: i + 1 }))
    .filter((l) => l.text !== '');

  let header: TopicRef | undefined;
  let leadingTags: TopicRef[] = [];
  let last: PaperRecord | undefined;
  const warn = (line: Line, message: string) => problems.push({ file, line: line.number, severity: 'warning', message });

  let i = 0;
  const peek = (offset = 0): Line | undefined => lines[i + offset];
  while (i < lines.length) {
    const line = lines[i];
    const tag = parseTagLine(line.text);
    if (tag) {
      if (last) addTopic(last.topics, tag);
      else leadingTags.push(tag);
      i++;
      continue;
    }
    if (line.text.startsWith('- ')) {
      warn(line, 'tag line without a "(weight)" at its end; skipped');
      i++;
      continue;
    }
    const next = peek(1);
    // Line 1 is the file's topic header; later, a lowercase phrase not followed by a paper body.
    if (isHeaderLike(line.text) && (i === 0 || !next || !startsPaperBody(next.text))) {
      header = { kind: 'header', path: [line.text] };
      i++;
      continue;
    }
    // Two or more names in "Family, Given" pairs: an author line whose title is missing, never a title.
    const orphanAuthors = parseAuthorLine(line.text);
    if (orphanAuthors && orphanAuthors.length >= 2) {
      warn(line, 'author line without a title before it; skipped');
      i++;
      continue;
    }
    // A short line followed by an author line is a title, even with a "? X" inside.
    const titleBeforeAuthors = next !== undefined && line.text.split(/\s+/).length < 25 && parseAuthorLine(next.text) !== undefined;
    if (isParagraph(line.text) && !titleBeforeAuthors) {
      warn(line, 'abstract without a title line before it; skipped');
      i++;
      continue;
    }
    if (!isTitleLike(line.text)) {
      warn(line, 'not a title, author, abstract or tag line; skipped');
      i++;
      continue;
    }
    // A title: then an optional author line, then the abstract.
    const authors = next ? parseAuthorLine(next.text) : undefined;
    const abstractLine = peek(authors ? 2 : 1);
    const hasAbstract =
      abstractLine !== undefined &&
      !scanTagLine(abstractLine.text) &&
      (isParagraph(abstractLine.text) || !looksLikeTitleFollowedByBody(lines, i + (authors ? 2 : 1)));
    if (!hasAbstract && !authors) {
      warn(line, 'title line without an abstract after it; skipped');
      i++;
      continue;
    }
    const abstract = hasAbstract ? abstractLine!.text : undefined;
    const record: PaperRecord = {
      title: line.text,
      authors,
      authorCount: authors?.length,
      date: {},
      abstract,
      urls: abstract ? findUrls(abstract) : [],
      topics: [],
      source: { file, line: line.number },
    };
    if (header) addTopic(record.topics, header);
    for (const t of leadingTags) addTopic(record.topics, t);
    leadingTags = [];
    records.push(record);
    last = record;
    i += 1 + (authors ? 1 : 0) + (hasAbstract ? 1 : 0);
  }
  if (leadingTags.length > 0 && lines.length > 0) {
    warn(lines[lines.length - 1], 'tag lines with no paper to describe; ignored');
  }
  return { records, problems };
}

/** Can this line follow a title (an author line or an abstract)? */
function startsPaperBody(text: string): boolean {
  return parseAuthorLine(text) !== undefined || isParagraph(text);
}

/** lines[at] is a short line whose next line is an author line or abstract: a title, not an abstract. */
function looksLikeTitleFollowedByBody(lines: Line[], at: number): boolean {
  const after = lines[at + 1];
  return after !== undefined && startsPaperBody(after.text);
}
