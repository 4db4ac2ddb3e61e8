// After a corpus load the heap holds the parse's garbage (the file's bytes, line arrays,
// builder buffers). One full collection then hands that memory back before the editor needs it.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
