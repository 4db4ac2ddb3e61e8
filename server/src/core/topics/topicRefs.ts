import type { TopicRef } from '../corpus/model';

/** Adds a topic once; a repeated topic keeps the highest weight given for it. */
export function addTopic(topics: TopicRef[], topic: TopicRef): void {
  const same = topics.find((t) => t.kind === topic.kind && samePath(t.path, topic.path));
  if (!same) topics.push({ ...topic, path: [...topic.path] });
  else if (topic.weight !== undefined && (same.weight === undefined || topic.weight > same.weight)) same.weight = topic.weight;
}

export function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
