import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@titik-rawan/server/config';

/** A running Titik Rawan server for browser tests. */
export interface TestServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** How a server process ended. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A server process under test, with its output and its exit, for tests that signal or kill it. */
export interface ServerProcess extends TestServer {
  /** Process id of the server (not of its embedded database). */
  readonly pid: number;
  /** The HTTP port it listens on. */
  readonly port: number;
  /** Settles when the process has ended. */
  readonly exited: Promise<ServerExit>;
  /** Everything the server has printed so far (stdout and stderr). */
  output(): string;
  /**
   * The first match of `pattern` in the output after character `from` (default 0), waiting up to `timeoutMs`
   * (default 60 s); rejects with the output when it does not come or the server exits first.
   */
  waitForOutput(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<RegExpExecArray>;
  /** Sends `signal` to the server process only. */
  kill(signal: NodeJS.Signals): void;
}

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  /** Environment over the test's own; a key set to undefined is removed (e.g. `DATABASE_URL` for embedded). */
  env?: NodeJS.ProcessEnv;
  /** Data directory of the embedded database, kept by stop(); default a fresh temporary one that stop() removes. */
  dataDir?: string;
  /** `ready`: until it listens; `decided` (default): until its releases and analyses are decided too. */
  waitFor?: 'ready' | 'decided';
  /** How long to wait for that, in ms; default 600 000. */
  timeoutMs?: number;
}

const READY = /ready at (http:\/\/\S+)/;
const DECIDED = /Analyses decided|could not be decided/;

/**
 * Starts the real server (`server/src/main.ts`, as `pnpm start` does) on a free port with a fresh
 * embedded database in a temporary folder — or on DATABASE_URL when set — and waits until it is ready
 * and has decided its releases and analyses.
 */
export async function startTestServer(): Promise<TestServer> {
  return startServerProcess();
}

/** Starts the real server as {@link startTestServer} does, with the options given, and keeps hold of its process. */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const ownDataDir = options.dataDir ? null : await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-e2e-'));
  const dataDir = options.dataDir ?? ownDataDir ?? '';
  const waitFor = options.waitFor ?? 'decided';
  const timeoutMs = options.timeoutMs ?? 600_000;
  // Run from server/ so that `--import tsx` resolves the server's own tsx, as `pnpm start` does.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(REPO_ROOT, 'server'),
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    }),
  );
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const waitForOutput: ServerProcess['waitForOutput'] = (pattern, { from = 0, timeoutMs = 60_000 } = {}) =>
    new Promise((resolve, reject) => {
      const finish = (error: Error | null, match?: RegExpExecArray) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else if (match) resolve(match);
      };
      const check = () => {
        const match = pattern.exec(output.slice(from));
        if (match) finish(null, match);
        else if (hasExited()) finish(new Error(`server exited before printing ${pattern}:\n${output}`));
      };
      const timer = setTimeout(
        () => finish(new Error(`server did not print ${pattern} within ${timeoutMs / 1000} s:\n${output}`)),
        timeoutMs,
      );
      listeners.add(check);
      check();
    });

  const stop = async (): Promise<void> => {
    if (!hasExited()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  };

  try {
    // Wait until the releases and analyses are decided too unless told otherwise: deciding them takes both cores for
    // minutes on a cold decision cache, and browser tests racing it time out rendering the map.
    const [, baseUrl] = await waitForOutput(READY, { timeoutMs });
    if (!baseUrl) throw new Error(`no address in the server's ready line:\n${output}`);
    if (waitFor === 'decided') await waitForOutput(DECIDED, { timeoutMs });
    return {
      baseUrl,
      pid,
      port: Number(new URL(baseUrl).port),
      exited,
      output: () => output,
      waitForOutput,
      kill: (signal) => killChild(child, signal),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(
      `server did not start${waitFor === 'decided' ? ' and decide its releases and analyses' : ''}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
