// The same paper seen several times (within a file or across files) becomes one paper
// carrying the richest data of all its copies.
import type { Author, Paper, PaperDate, PaperRecord, TopicRef } from './model';
import { foldToAscii, normalizeTitle } from '../text';
import { addTopic } from '../topics/topicRefs';
import { shortTitleEvidence } from '../readers/listingParser';

export type MergedPaper = Omit<Paper, 'key' | 'aliases'> & {
  /** Keys the sources give (own keys first, then their `ids` aliases). */
  ownKeys: string[];
  /** The copies this paper was merged from, as the sources state them. */
  copies: PaperRecord[];
  /** Each copy's fingerprint (title, first author, year), in the order of `copies`. */
  copyFingerprints: string[];
  /** The merged paper's fingerprint. */
  fingerprint: string;
};

/** What identifies a paper or a copy across reloads: its normalised title, first author's family name and year. */
export function fingerprintOf(normalizedTitle: string, authors: Author[] | undefined, year: number | undefined): string {
  return `${normalizedTitle}|${firstFamily(authors) ?? ''}|${year ?? ''}`;
}

/**
 * Records are the same paper when they share a DOI or an arXiv id of their own (never one
 * inherited from a crossref parent: the reader leaves those out), or a normalised title whose
 * first authors and years do not contradict each other (an unknown on one side is no
 * contradiction; years one apart are the preprint and the publication).
 */
export function mergeRecords(records: PaperRecord[]): MergedPaper[] {
  const parent = records.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstWith = new Map<string, number>();
  // A title's first record, or all its records once there is more than one.
  const byTitle = new Map<string, number | number[]>();
  // A title of one or two words is not enough alone: the abstract's opening must agree too, for
  // merging and for the fingerprint keys are made from.
  const norm = records.map((record) => normalizeTitle(record.title) + shortTitleEvidence(record.title, record.abstract));
  records.forEach((record, i) => {
    const identities: string[] = [];
    if (record.ids?.doi) identities.push(`d:${record.ids.doi}`);
    if (record.ids?.arxiv) identities.push(`a:${record.ids.arxiv}`);
    for (const identity of identities) {
      const other = firstWith.get(identity);
      if (other === undefined) firstWith.set(identity, i);
      else join(i, other);
    }
    const title = record.untitled || !record.title ? '' : norm[i];
    if (!title) return;
    const group = byTitle.get(title);
    if (group === undefined) byTitle.set(title, i);
    else if (typeof group === 'number') byTitle.set(title, [group, i]);
    else group.push(i);
  });
  for (const members of byTitle.values()) if (typeof members !== 'number') joinCompatible(records, members, join);
  // A group's root is its first record, so groups come out in the order of their first records.
  const groups: number[][] = [];
  const groupAt: (number[] | undefined)[] = new Array(records.length);
  records.forEach((_, i) => {
    const r = root(i);
    const group = groupAt[r];
    if (group) group.push(i);
    else groups.push((groupAt[r] = [i]));
  });
  return groups.map((members) => {
    const merged = mergeGroup(members.map((i) => records[i]));
    merged.copyFingerprints = members.map((i) => fingerprintOf(norm[i], records[i].authors, records[i].date.year));
    merged.fingerprint = members.length === 1 ? merged.copyFingerprints[0] : fingerprintOf(normalizeTitle(merged.title) + shortTitleEvidence(merged.title, merged.abstract), merged.authors, merged.date.year);
    return merged;
  });
}

interface TitleCluster {
  first: number;
  family?: string;
  year?: number;
}

/**
 * Records with one title join when their first authors and years agree. Taken in a fixed
 * order (known authors and years first), so the file order never changes what merges.
 */
function joinCompatible(records: PaperRecord[], members: number[], join: (a: number, b: number) => void): void {
  const facts = new Map(members.map((i) => [i, { family: firstFamily(records[i].authors), year: records[i].date.year }]));
  const sorted = [...members].sort((a, b) => {
    const fa = facts.get(a)!;
    const fb = facts.get(b)!;
    const ka = `${fa.family === undefined ? 1 : 0}${fa.family ?? ''}\u0000${fa.year === undefined ? 1 : 0}${fa.year ?? ''}`;
    const kb = `${fb.family === undefined ? 1 : 0}${fb.family ?? ''}\u0000${fb.year === undefined ? 1 : 0}${fb.year ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const clusters: TitleCluster[] = [];
  for (const i of sorted) {
    const { family, year } = facts.get(i)!;
    const fits = clusters.find(
      (c) => (c.family === undefined || family === undefined || c.family === family) && (c.year === undefined || year === undefined || Math.abs(c.year - year) <= 1),
    );
    if (fits) {
      join(i, fits.first);
      fits.family ??= family;
      fits.year ??= year;
    } else clusters.push({ first: i, family, year });
  }
}

/** The first author's family name for comparison: the last word, ASCII, lowercase ("van der Berg" -> "berg"). */
export function firstFamily(authors: Author[] | undefined): string | undefined {
  const family = authors?.[0]?.family;
  if (!family) return undefined;
  const words = foldToAscii(family).match(/[a-z0-9]+/g);
  return words ? words[words.length - 1] : undefined;
}

function mergeGroup(copies: PaperRecord[]): MergedPaper {
  if (copies.length === 1) {
    const [copy] = copies;
    return {
      title: copy.title,
      authors: copy.authors,
      authorCount: copy.authorCount,
      date: copy.date,
      abstract: copy.abstract,
      venue: copy.venue,
      pages: copy.pages,
      publication: copy.publication,
      urls: copy.urls,
      topics: copy.topics,
      sources: [copy.source],
      ownKeys: copy.ownKey ? [copy.ownKey, ...(copy.aliasKeys ?? [])] : [...(copy.aliasKeys ?? [])],
      copies,
      copyFingerprints: [],
      fingerprint: '',
      ids: copy.ids?.doi || copy.ids?.arxiv ? { ...copy.ids } : undefined,
    };
  }
  // A stand-in title ("untitled") never wins over a real one.
  // Ties go by the text, not by file order: the merged paper (and so its key) is the same
  // however the files list its copies.
  const richest = [...copies].sort(
    (a, b) => Number(a.untitled ?? false) - Number(b.untitled ?? false) || richness(b) - richness(a) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  )[0];
  const authors = longest(copies.map((c) => c.authors));
  const counts = copies.map((c) => c.authorCount).filter((n): n is number => n !== undefined);
  const topics: TopicRef[] = [];
  for (const copy of copies) for (const topic of copy.topics) addTopic(topics, topic);
  const urls: string[] = [];
  for (const copy of copies) for (const url of copy.urls) if (!urls.includes(url)) urls.push(url);
  const ownKeys: string[] = [];
  for (const copy of copies) if (copy.ownKey && !ownKeys.includes(copy.ownKey)) ownKeys.push(copy.ownKey);
  for (const copy of copies) for (const alias of copy.aliasKeys ?? []) if (!ownKeys.includes(alias)) ownKeys.push(alias);
  return {
    title: richest.title,
    authors,
    authorCount: counts.length > 0 ? Math.max(...counts) : undefined,
    date: richestDate(copies.map((c) => c.date)),
    abstract: bestAbstract(copies),
    venue: richest.venue ?? copies.find((c) => c.venue)?.venue,
    pages: richest.pages ?? copies.find((c) => c.pages)?.pages,
    publication: richest.publication ?? copies.find((c) => c.publication)?.publication,
    urls,
    topics,
    sources: copies.map((c) => c.source),
    ownKeys,
    copies,
    copyFingerprints: [],
    fingerprint: '',
    ids: mergeIds(copies),
  };
}

function mergeIds(copies: PaperRecord[]): MergedPaper['ids'] {
  const doi = copies.find((c) => c.ids?.doi)?.ids?.doi;
  const arxiv = copies.find((c) => c.ids?.arxiv)?.ids?.arxiv;
  return doi || arxiv ? { doi, arxiv } : undefined;
}

/** How much a copy says: more fields and a longer abstract rank higher. */
function richness(copy: PaperRecord): number {
  // A bibliography entry is curated: its title and data win over a dump's.
  return (copy.ownKey ? 10000 : 0) + (copy.authors ? 1000 : 0) + (copy.date.year ? 100 : 0) + (copy.abstract?.length ?? 0) / 1000;
}

function longest(lists: (Author[] | undefined)[]): Author[] | undefined {
  let best: Author[] | undefined;
  const name = (list: Author[]) => list.map((a) => `${a.family},${a.given ?? ''}`).join(';');
  for (const list of lists) if (list && (!best || list.length > best.length || (list.length === best.length && name(list) < name(best)))) best = list;
  return best;
}

function richestDate(dates: PaperDate[]): PaperDate {
  const score = (d: PaperDate) => (d.year ? 4 : 0) + (d.month ? 2 : 0) + (d.day ? 1 : 0);
  // Between equally precise dates the later wins (the publication over the preprint).
  const order = (d: PaperDate) => ((d.year ?? 0) * 12 + (d.month ?? 0)) * 31 + (d.day ?? 0);
  return { ...[...dates].sort((a, b) => score(b) - score(a) || order(b) - order(a))[0] };
}

/**
 * The full abstract over a truncated one. Between complete copies that differ only in
 * spelling, the copy that says the most otherwise (it has authors) wins, then the first seen.
 */
function bestAbstract(copies: PaperRecord[]): string | undefined {
  if (copies.length === 1) return copies[0].abstract;
  let best: PaperRecord | undefined;
  const words = (c: PaperRecord) => c.abstract?.split(/\s+/).length ?? 0;
  for (const copy of copies) {
    if (!copy.abstract) continue;
    if (!best || words(copy) > words(best) || (words(copy) === words(best) && richness(copy) > richness(best) + 1)) {
      best = copy;
    }
  }
  return best?.abstract;
}
