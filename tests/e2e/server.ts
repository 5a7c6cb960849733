import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@titik-rawan/server/config';

/** A running Titik Rawan server for browser tests. */
export interface TestServer {
  baseUrl: string;
  stop(): Promise<void>;
}

const READY = /ready at (http:\/\/\S+)/;
const DECIDED = /Analyses decided|could not be decided/;

/**
 * Starts the real server (`server/src/main.ts`, as `pnpm start` does) on a free port with a fresh
 * embedded database in a temporary folder — or on DATABASE_URL when set — and waits until it is ready
 * and has decided its releases and analyses.
 */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-e2e-'));
  // Run from server/ so that `--import tsx` resolves the server's own tsx, as `pnpm start` does.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(REPO_ROOT, 'server'),
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`server did not start and decide its releases and analyses in 600 s:\n${output}`)),
      600_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      // Wait until the releases and analyses are decided too: deciding them takes both cores for minutes on
      // a cold decision cache, and browser tests racing it time out rendering the map.
      if (match?.[1] && DECIDED.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
