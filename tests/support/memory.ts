// Memory of a process as the kernel reports it (/proc), for the benchmarks and the memory tests.
import { readFile } from 'node:fs/promises';

/** Resident and peak resident memory of a process in MiB; null when the process is gone or has no pid. */
export async function memoryOf(pid: number | null): Promise<{ rssMiB: number; peakMiB: number } | null> {
  if (pid === null) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (!status) return null;
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}
