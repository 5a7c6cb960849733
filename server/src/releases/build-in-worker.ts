import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReleaseSet } from './release';
import type { CountRow } from './table';

const WORKER_ENTRY = new URL('./release-worker.ts', import.meta.url).href;
// The ESM build of tsx's API sits beside the CommonJS one that `require.resolve` finds.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
// Worker threads ignore `--import` loaders for their entry, so a small bootstrap registers tsx first.
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

type WorkerAnswer = { ok: true; set: ReleaseSet } | { ok: false; message: string };

/** Decides every tier's release of the given counts in a worker thread, keeping the event loop free. */
export function buildReleasesInWorker(rows: readonly CountRow[]): Promise<ReleaseSet> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: rows });
    worker.once('message', (answer: WorkerAnswer) => {
      if (answer.ok) resolve(answer.set);
      else reject(new Error(`the release could not be decided: ${answer.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the release worker stopped with exit code ${code}`));
    });
  });
}
