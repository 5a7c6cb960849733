// Builds the dashboard only when a source file is newer than the last build, so that later
// `pnpm start`s skip the build. Sources: the client, the shared package and the build configuration.
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(clientDir, 'dist/.build-stamp');
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', '../shared/src'];

async function newestChange(entry) {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestChange(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

const built = (await stat(stamp).catch(() => null))?.mtimeMs ?? 0;
const changed = Math.max(...(await Promise.all(sources.map((s) => newestChange(path.join(clientDir, s))))));
if (changed > built) {
  await build({ root: clientDir, logLevel: 'warn' });
  await writeFile(stamp, new Date().toISOString());
  console.log('Dashboard built.');
} else {
  console.log('Dashboard is up to date.');
}
