// The embedded database: PGlite with PostGIS in a child process, reached like any Postgres server by URL.
import { type ChildProcess, fork } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../config';
import type { PgliteProcessMessage } from './pglite-process';

/** A running embedded database process. */
export interface EmbeddedDatabase {
  /** Connection URL, e.g. `postgres://postgres@127.0.0.1:54321/postgres`. */
  url: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Process id of the database process. */
  pid: number;
  /** Settles when the process has ended, however it ended (stop(), a crash, a kill -9). */
  exited: Promise<EmbeddedDatabaseExit>;
  /** Shuts the database down cleanly (SIGTERM), killing it if it has not exited after 10 s. */
  stop(): Promise<void>;
}

/** How an embedded database process ended. */
export interface EmbeddedDatabaseExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link startEmbeddedDatabase}. */
export interface StartEmbeddedDatabaseOptions {
  /** Data directory; created if missing (a new one costs ~15 s for CREATE EXTENSION postgis). */
  dataDir: string;
  /** TCP port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** How long to wait for the database to listen, in ms; default 120 000. */
  startTimeoutMs?: number;
}

const PROCESS_ENTRY = fileURLToPath(new URL('./pglite-process.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** Starts PGlite + PostGIS on `dataDir` in a child process and resolves once it accepts connections. */
export async function startEmbeddedDatabase(
  options: StartEmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const child = fork(PROCESS_ENTRY, [dataDir, String(options.port ?? 0)], {
    execArgv: ['--import', TSX_LOADER],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = captureOutput(child);
  const exited = new Promise<EmbeddedDatabaseExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const port = await waitUntilReady(child, options.startTimeoutMs ?? 120_000).catch((error: Error) => {
    child.kill('SIGKILL');
    const tail = output.tail().trim();
    throw new Error(
      `embedded database failed to start in ${dataDir}: ${error.message}${tail ? `\n${tail}` : ''}`,
    );
  });
  output.forwardStderr();

  const pid = child.pid;
  if (pid === undefined) throw new Error('embedded database process has no pid');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid,
    exited,
    stop: () => stopProcess(child, exited),
  };
}

/** Resolves with the port the child reports, or rejects if it reports an error, exits or stays silent. */
function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const settle = (error: Error | null, port = 0) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(port);
    };
    const onMessage = (message: PgliteProcessMessage) =>
      message.ready ? settle(null, message.port) : settle(new Error(message.error));
    const onError = (error: Error) => settle(error);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(new Error(`process exited (${signal ?? `code ${code}`})`));
    const timer = setTimeout(() => settle(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', onMessage);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Keeps the last characters of the child's stdout and stderr for error messages. */
function captureOutput(child: ChildProcess): { tail(): string; forwardStderr(): void } {
  let tail = '';
  let forward = false;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (forward) process.stderr.write(chunk);
  });
  return {
    tail: () => tail,
    forwardStderr: () => {
      forward = true;
    },
  };
}

/** Options of {@link prepareDataDir}. */
export interface PrepareDataDirOptions {
  /** Data directory to fill; left as it is if it already holds a database. */
  dataDir: string;
  /** Template data directory; default {@link defaultTemplateDir}, created on first use (~15 s). */
  templateDir?: string;
}

/** Default template location: `node_modules/.cache/titik-rawan/` at the repository root, keyed by PGlite and PostGIS versions. */
export async function defaultTemplateDir(): Promise<string> {
  const manifest = JSON.parse(await readFile(SERVER_PACKAGE_JSON, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const pglite = manifest.dependencies['@electric-sql/pglite'] ?? 'unknown';
  const postgis = manifest.dependencies['@electric-sql/pglite-postgis'] ?? 'unknown';
  return path.join(REPO_ROOT, 'node_modules', '.cache', 'titik-rawan', `pglite-${pglite}-postgis-${postgis}`);
}

/** Fills an empty `dataDir` with a copy of a template database that already has PostGIS, making it once if needed. */
export async function prepareDataDir(options: PrepareDataDirOptions): Promise<'existing' | 'copied'> {
  const dataDir = path.resolve(options.dataDir);
  if (await holdsDatabase(dataDir)) return 'existing';
  const templateDir = path.resolve(options.templateDir ?? (await defaultTemplateDir()));
  if (!(await holdsDatabase(templateDir))) await createTemplate(templateDir);
  await cp(templateDir, dataDir, { recursive: true });
  return 'copied';
}

const SERVER_PACKAGE_JSON = path.join(REPO_ROOT, 'server/package.json');

async function holdsDatabase(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch((): string[] => []);
  return entries.includes('PG_VERSION');
}

/** Builds the template in a private directory, then renames it into place so concurrent callers never see half of one. */
async function createTemplate(templateDir: string): Promise<void> {
  const building = `${templateDir}.building-${process.pid}-${Date.now()}`;
  await mkdir(path.dirname(templateDir), { recursive: true });
  try {
    const database = await startEmbeddedDatabase({ dataDir: building });
    await database.stop();
    await rename(building, templateDir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished its template first; theirs is as good as ours.
      if (!(await holdsDatabase(templateDir))) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}
