// The same paper seen several times (within a file or across files) becomes one paper
// carrying the richest data of all its copies.
import type { Author, Paper, PaperDate, PaperRecord, TopicRef } from './model';
import { normalizeTitle } from '../text';
import { addTopic } from '../topics/topicRefs';
import { shortTitleEvidence } from '../readers/listingParser';

export type MergedPaper = Omit<Paper, 'key' | 'aliases'> & { ownKeys: string[] };

/**
 * Records are the same paper when they share a DOI, an arXiv id or a normalised title
 * (transitively: a DOI can join two spellings of a title).
 */
export function mergeRecords(records: PaperRecord[]): MergedPaper[] {
  const parent = records.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstWith = new Map<string, number>();
  records.forEach((record, i) => {
    // A title of one or two words is not enough alone: the abstract's opening must agree too.
    const identities = [`t:${normalizeTitle(record.title)}${shortTitleEvidence(record.title, record.abstract)}`];
    if (record.ids?.doi) identities.push(`d:${record.ids.doi}`);
    if (record.ids?.arxiv) identities.push(`a:${record.ids.arxiv}`);
    for (const identity of identities) {
      const other = firstWith.get(identity);
      if (other === undefined) firstWith.set(identity, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, PaperRecord[]>();
  records.forEach((record, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(record);
    else groups.set(r, [record]);
  });
  return [...groups.values()].map(mergeGroup);
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
      urls: copy.urls,
      topics: copy.topics,
      sources: [copy.source],
      ownKeys: copy.ownKey ? [copy.ownKey] : [],
      ids: copy.ids?.doi || copy.ids?.arxiv ? { ...copy.ids } : undefined,
    };
  }
  const richest = [...copies].sort((a, b) => richness(b) - richness(a))[0];
  const authors = longest(copies.map((c) => c.authors));
  const counts = copies.map((c) => c.authorCount).filter((n): n is number => n !== undefined);
  const topics: TopicRef[] = [];
  for (const copy of copies) for (const topic of copy.topics) addTopic(topics, topic);
  const urls: string[] = [];
  for (const copy of copies) for (const url of copy.urls) if (!urls.includes(url)) urls.push(url);
  const ownKeys: string[] = [];
  for (const copy of copies) if (copy.ownKey && !ownKeys.includes(copy.ownKey)) ownKeys.push(copy.ownKey);
  return {
    title: richest.title,
    authors,
    authorCount: counts.length > 0 ? Math.max(...counts) : undefined,
    date: richestDate(copies.map((c) => c.date)),
    abstract: bestAbstract(copies),
    urls,
    topics,
    sources: copies.map((c) => c.source),
    ownKeys,
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
  for (const list of lists) if (list && (!best || list.length > best.length)) best = list;
  return best;
}

function richestDate(dates: PaperDate[]): PaperDate {
  const score = (d: PaperDate) => (d.year ? 4 : 0) + (d.month ? 2 : 0) + (d.day ? 1 : 0);
  return { ...[...dates].sort((a, b) => score(b) - score(a))[0] };
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
