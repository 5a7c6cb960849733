// Worker-thread entry that decides releases: the linear programs take seconds to minutes, and in the
// main thread they would stop the API from answering (health checks included) meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { loadReleaseGeography } from './geography';
import { buildReleases } from './suppression';
import type { CountRow } from './table';

const rows = workerData as CountRow[];
buildReleases(loadReleaseGeography(), rows).then(
  (set) => parentPort?.postMessage({ ok: true, set }),
  (error: unknown) =>
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
