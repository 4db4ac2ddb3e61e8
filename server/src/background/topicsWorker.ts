// The topic build in a worker thread (dist/topicsWorker.js): papers arrive in chunks of plain
// data, the build runs here, off the server's event loop, and the result goes back with its
// neighbour table transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { buildTopicData, type TopicInputPaper } from '../core/topics/build';
import type { WorkerReply, WorkerRequest } from './topicsProtocol';

const papers: TopicInputPaper[] = [];
const port = parentPort!;
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'papers') {
    papers.push(...message.papers);
    return;
  }
  try {
    const build = buildTopicData(papers, (step) => send({ type: 'progress', step: step.step, done: step.done }));
    const { paper, score } = build.neighbours;
    send({ type: 'done', build }, [paper.buffer as ArrayBuffer, score.buffer as ArrayBuffer]);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
  }
});
