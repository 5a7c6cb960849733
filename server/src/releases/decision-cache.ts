// Decisions (releases, analyses and their publication) kept on disk, keyed by everything they depend on: the
// count rows, the venues, the analysis settings and the source of the code that decides them. Deciding takes
// minutes; the same data decided by the same code gives the same answer, so a restart, a second server on the
// same data or the next test run reads it back instead. Written atomically (temporary file, then rename).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { REPO_ROOT } from '../config';

/** Where decisions are kept. */
export const DECISION_CACHE_DIR = path.join(REPO_ROOT, 'node_modules/.cache/titik-rawan/decisions');

const SOURCE_DIRS = ['server/src/releases', 'server/src/analytics'];

let sourceHash: string | null = null;

/** Hash of the deciding code, so a change to it never serves an old decision. */
function codeHash(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    for (const file of readdirSync(path.join(REPO_ROOT, dir)).sort()) {
      if (!file.endsWith('.ts')) continue;
      hash.update(file).update(readFileSync(path.join(REPO_ROOT, dir, file)));
    }
  }
  sourceHash = hash.digest('hex');
  return sourceHash;
}

/** The key of a decision: a hash of its inputs (order of rows and venues does not matter) and of the code. */
export function decisionKey(...inputs: readonly unknown[][]): string {
  const hash = createHash('sha256').update(codeHash());
  for (const list of inputs) {
    const lines = list.map((item) => JSON.stringify(item)).sort();
    hash.update(String(lines.length));
    for (const line of lines) hash.update(line).update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}

function fileOf(kind: string, key: string): string {
  return path.join(DECISION_CACHE_DIR, `${kind}-${key}.v8`);
}

/** A kept decision, or null when there is none (or it cannot be read). */
export function readDecision<T>(kind: string, key: string): T | null {
  try {
    return deserialize(readFileSync(fileOf(kind, key))) as T;
  } catch {
    return null;
  }
}

/** Keeps a decision; failing to write only costs time later, so errors are reported and ignored. */
export function writeDecision(kind: string, key: string, value: unknown): void {
  try {
    mkdirSync(DECISION_CACHE_DIR, { recursive: true });
    const file = fileOf(kind, key);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(value));
    renameSync(temporary, file);
  } catch (error) {
    console.error(`could not keep the ${kind} decision: ${String(error)}`);
  }
}
