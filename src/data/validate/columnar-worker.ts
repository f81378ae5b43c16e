/** Worker thread of columnar-threads.ts: reads the part it is given and posts it back, its typed arrays transferred. */
import { parentPort, workerData } from 'node:worker_threads';
import { transferList } from './columnar-part.ts';
import { readRange, type PartJob } from './columnar-threads.ts';

const read = readRange(workerData as PartJob);
if (typeof read === 'string' || !('rowLines' in read)) parentPort!.postMessage(read); // why not: plain data
else {
  // The id map stays here: the merge needs only the first part's, which is read in the main thread.
  const { index: _, ...part } = read;
  parentPort!.postMessage(part, transferList(read));
}
