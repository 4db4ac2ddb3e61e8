// Messages between the server and the topic worker.
import type { BuildStep, TopicBuild, TopicInputPaper } from '../core/topics/build';

export type WorkerRequest = { type: 'papers'; papers: TopicInputPaper[] } | { type: 'build' };

export type WorkerReply =
  | { type: 'progress'; step: BuildStep['step']; done: number }
  | { type: 'done'; build: TopicBuild }
  | { type: 'failed'; message: string };
