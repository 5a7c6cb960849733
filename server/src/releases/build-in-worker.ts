import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyticsOptions, AnalyticsSet, RiskVenue } from '../analytics/analytics-set';
import type { Publication } from '../analytics/publication';
import type { ReleaseSet } from './release';
import type { CountRow } from './table';

/** The analyses of a data version and what each tier may see of them. */
export interface Analysed {
  analytics: AnalyticsSet;
  publication: Publication;
}

/** A decision under way: the release comes first, the analyses (which take longer) after it. */
export interface Deciding {
  release: Promise<ReleaseSet>;
  analysed: Promise<Analysed>;
}

const WORKER_ENTRY = new URL('./release-worker.ts', import.meta.url).href;
// The ESM build of tsx's API sits beside the CommonJS one that `require.resolve` finds.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
// Worker threads ignore `--import` loaders for their entry, so a small bootstrap registers tsx first.
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

type WorkerMessage =
  | { kind: 'release'; set: ReleaseSet }
  | { kind: 'analysed'; analysed: Analysed }
  | { kind: 'error'; message: string };

function settle<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Whoever awaits it sees the error; an unobserved rejection must not stop the process.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Decides every tier's release of the given counts, then the analyses and their publication, in a worker thread,
 * keeping the event loop free.
 */
export function decideInWorker(
  rows: readonly CountRow[],
  venues: readonly RiskVenue[],
  options: AnalyticsOptions,
): Deciding {
  const release = settle<ReleaseSet>();
  const analysed = settle<Analysed>();
  const fail = (error: Error): void => {
    release.reject(error);
    analysed.reject(error);
  };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { rows, venues, options } });
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'release') release.resolve(message.set);
    else if (message.kind === 'analysed') {
      analysed.resolve(message.analysed);
      void worker.terminate();
    } else {
      fail(new Error(`the release could not be decided: ${message.message}`));
      void worker.terminate();
    }
  });
  worker.once('error', fail);
  worker.once('exit', (code) => {
    if (code !== 0) fail(new Error(`the release worker stopped with exit code ${code}`));
  });
  return { release: release.promise, analysed: analysed.promise };
}
