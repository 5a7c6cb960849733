// Large files stream: a generated 100,000-row CSV is read and mapped row by row from a file stream, and rows come
// out before the file has been read to its end. Throughput and memory are printed for the record, not asserted.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKelurahanLocator } from '@titik-rawan/server/imports/kelurahan-at';
import { loadAreaNames } from '@titik-rawan/server/imports/kelurahan-names';
import { rowMapper } from '@titik-rawan/server/imports/map-row';
import { readRows } from '@titik-rawan/server/imports/read-rows';

const ROWS = 100_000;
const names = loadAreaNames();
const locator = loadKelurahanLocator();

/** Row i of the generated file: even rows by point (a grid walk kept inside the city), odd rows by kelurahan name. */
function generatedLine(i: number): string {
  const date = `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2024`;
  if (i % 2 === 1) {
    const entry = names.kelurahan[i % names.kelurahan.length];
    return `${date};pagi;other;;;${entry?.commonName};${entry?.kecamatan};upt-pppa`;
  }
  for (let step = 0; ; step++) {
    const lng = 106.845 + (((i + step) * 7919) % 13_000) / 100_000;
    const lat = -6.375 + (((i + step) * 104_729) % 22_000) / 100_000;
    if (locator.kelurahanAt(lng, lat) !== null) {
      return `${date};;online_solicitation;${lat.toFixed(6).replace('.', ',')};${lng.toFixed(6).replace('.', ',')};;;upt-pppa`;
    }
  }
}

const HEADER = 'tanggal;waktu;kategori;lintang;bujur;kelurahan;kecamatan;organisasi';

/** The generated file in chunks of about 64 KiB, counting how many chunks have been taken. */
function generatedChunks(pulled: { chunks: number }): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  return (async function* () {
    let text = `${HEADER}\r\n`;
    for (let i = 0; i < ROWS; i++) {
      text += `${generatedLine(i)}\r\n`;
      if (text.length >= 65_536) {
        pulled.chunks++;
        yield encoder.encode(text);
        text = '';
      }
    }
    pulled.chunks++;
    yield encoder.encode(text);
  })();
}

let directory = '';
let file = '';

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'titik-rawan-import-'));
  file = path.join(directory, 'incidents-100k.csv');
  await writeFile(file, generatedChunks({ chunks: 0 }));
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('a 100,000-row CSV', () => {
  it('reads and maps every row from a file stream, numbered as in a spreadsheet', async () => {
    const startRss = process.memoryUsage().rss;
    let peakRss = startRss;
    const started = performance.now();
    let mapper: ReturnType<typeof rowMapper<'incidents'>> | null = null;
    let rows = 0;
    let mapped = 0;
    let lastRow = 0;
    const errors: string[] = [];
    const byKelurahan = new Map<string, number>();
    for await (const event of readRows(createReadStream(file), 'csv')) {
      if (event.type === 'header')
        mapper = rowMapper('incidents', event.columns, 'csv', { today: '2026-01-01' });
      if (event.type !== 'row' || !mapper) continue;
      rows++;
      lastRow = event.row;
      const result = mapper.mapRow(event);
      if (result.ok) {
        mapped++;
        const code = result.record.kelurahanCode;
        byKelurahan.set(code, (byKelurahan.get(code) ?? 0) + 1);
      } else if (errors.length < 5) errors.push(...result.errors.map((error) => error.message));
      if (rows % 5_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `100,000-row CSV read and mapped: ${Math.round(rows / seconds).toLocaleString('en')} rows/s ` +
        `(${seconds.toFixed(2)} s), peak RSS growth ${((peakRss - startRss) / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(errors).toEqual([]);
    expect(rows).toBe(ROWS);
    expect(mapped).toBe(ROWS);
    expect(lastRow).toBe(ROWS + 1);
    // Half the rows name a kelurahan in turn, so each of the 65 gets its share of those.
    expect(byKelurahan.size).toBe(65);
  });

  it('yields the first rows before the source has been read to its end', async () => {
    const pulled = { chunks: 0 };
    let firstRowAfter = -1;
    let rows = 0;
    for await (const event of readRows(generatedChunks(pulled), 'csv')) {
      if (event.type === 'row' && firstRowAfter === -1) firstRowAfter = pulled.chunks;
      if (event.type === 'row') rows++;
    }
    expect(rows).toBe(ROWS);
    expect(pulled.chunks).toBeGreaterThan(50);
    // csv-parse and the stream buffers hold a few chunks at most, never the whole file.
    expect(firstRowAfter).toBeLessThan(5);
  });
});
