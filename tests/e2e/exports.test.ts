// Browser tests of the exports: the CSV download holds the table the map shows (the release API's answer for the
// same view, suppressed counts as a word, hot spot bins when that layer is on), the PNG download is the map image,
// and the print layout shows the map, legend, filters, print date and synthetic marker without the controls.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, openDashboard, saveScreenshot, useBrowserSession, waitForRelease } from './browser';

const DESKTOP = { width: 1440, height: 900 };
/** An A4 page at 96 dpi. */
const A4 = { width: 794, height: 1123 };

const session = useBrowserSession();

beforeAll(async () => {
  // A fresh server builds its releases on first use; wait for that here, not in the first test's map wait.
  const metadata = await fetch(`${session.baseUrl}/api/releases/metadata`);
  expect(metadata.status).toBe(200);
});

/** Clicks a button and returns the bytes and file name of the download it starts. */
async function downloadFrom(page: Page, name: string): Promise<{ bytes: Buffer; fileName: string }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name }).click(),
  ]);
  const file = await download.path();
  return { bytes: await readFile(file), fileName: download.suggestedFilename() };
}

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== ',' && char !== '\n' && char !== '\r')) {
      field += char;
    } else if (char === ',') {
      endField();
    } else if (char === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The CSV as records keyed by its header, after checking and dropping the byte order mark. */
function csvRecords(bytes: Buffer): Array<Record<string, string>> {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header = [], ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

interface ApiFeature {
  properties: {
    cell?: string;
    code?: string;
    count: number | null;
    suppressed: boolean;
    bin?: number | null;
  };
}

async function apiGet(page: Page, path: string) {
  const response = await page.request.get(`${session.baseUrl}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    release: { tier: string; period: string; threshold: number; synthetic: boolean };
    features: ApiFeature[];
  };
}

describe('exports', () => {
  it('downloads the table behind the view as CSV, matching the release API', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    await waitForRelease(page, 'public|2025|all|kelurahan');

    const { bytes, fileName } = await downloadFrom(page, 'Unduh tabel (CSV)');
    expect(fileName).toBe('titik-rawan_2025_all_kelurahan.csv');
    const records = csvRecords(bytes);
    const api = await apiGet(page, '/api/releases/areas?level=kelurahan&period=2025&category=all');
    expect(records).toHaveLength(api.features.length);
    expect(records).toHaveLength(65);

    const byCode = new Map(records.map((record) => [record.kode, record]));
    let suppressed = 0;
    for (const { properties } of api.features) {
      const record = byCode.get(String(properties.code));
      expect(record, properties.code).toBeDefined();
      expect(record?.periode).toBe('2025');
      expect(record?.tingkat_akses).toBe('public');
      expect(record?.ambang_k).toBe(String(api.release.threshold));
      expect(record?.data_sintetis).toBe(api.release.synthetic ? 'ya' : 'tidak');
      if (properties.suppressed) {
        suppressed += 1;
        expect(record?.jumlah).toBe('disembunyikan');
        expect(record?.disembunyikan).toBe('ya');
      } else {
        expect(record?.jumlah).toBe(String(properties.count));
        expect(record?.disembunyikan).toBe('tidak');
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(api.release.synthetic).toBe(true);

    // In English, with the hot spot layer on resolution-7 cells: English columns and the API's bins per cell.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('filter-geography').selectOption('h3-7');
    await waitForRelease(page, 'public|2025|all|h3-7');
    await page.getByRole('checkbox', { name: /Hot spots/ }).check();
    await page.waitForFunction(
      () =>
        (window as { __titikRawanAnalyses?: Record<string, { key: string }> }).__titikRawanAnalyses?.hotspots
          ?.key === 'hotspots|public|7|2025|all',
      undefined,
      { timeout: 120_000, polling: 250 },
    );
    const english = csvRecords((await downloadFrom(page, 'Download table (CSV)')).bytes);
    const cells = await apiGet(page, '/api/releases/cells?resolution=7&period=2025&category=all');
    const hotspots = await apiGet(page, '/api/hotspots?resolution=7&period=2025&category=all');
    expect(english).toHaveLength(cells.features.length);
    const bins = new Map(hotspots.features.map(({ properties }) => [properties.cell, properties.bin]));
    for (const record of english) {
      expect(record.geography).toBe('h3-7');
      expect(record.synthetic_data).toBe('yes');
      expect(record.count === 'suppressed').toBe(record.suppressed === 'yes');
      const bin = bins.get(record.code);
      expect(record.hotspot_bin).toBe(bin === undefined ? '' : bin === null ? 'withheld' : String(bin));
    }
  });

  it('downloads the venues on the map as a planning list, matching the venue API', async () => {
    const page = await session.newPage(DESKTOP);
    const login = await page.request.post(`${session.baseUrl}/api/auth/login`, {
      data: { username: 'ngo', password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    await openDashboard(page, session.baseUrl, '/?layers=counts,venues');
    await page.getByTestId('export-venues').waitFor({ timeout: 60_000 });
    const { bytes, fileName } = await downloadFrom(page, 'Unduh daftar tempat (CSV)');
    expect(fileName).toBe('titik-rawan-tempat-untuk-perencanaan.csv');
    const records = csvRecords(bytes);
    const response = await page.request.get(`${session.baseUrl}/api/venues`);
    const venues = (await response.json()) as {
      features: Array<{ geometry: { coordinates: [number, number] }; properties: { name: string } }>;
    };
    expect(records.map((record) => [record.nama, Number(record.bujur), Number(record.lintang)])).toEqual(
      venues.features.map(({ geometry, properties }) => [properties.name, ...geometry.coordinates]),
    );
    expect(new Set(records.map((record) => record.data_sintetis))).toEqual(new Set(['ya']));
  });

  it('downloads the map view as a captioned PNG, from the keyboard', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    await waitForRelease(page, 'public|2025|all|kelurahan');
    const button = page.getByRole('button', { name: 'Unduh gambar peta (PNG)' });
    await button.focus();
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe('titik-rawan_2025_all_kelurahan.png');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await writeFile(path.join(ARTIFACTS_DIR, 'exports-map-image.png'), bytes);
    // Size and content, decoded in the page: as wide as the map, taller by the caption, and not blank.
    const image = await page.evaluate(
      async (dataUrl) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d context');
        context.drawImage(img, 0, 0);
        const { data } = context.getImageData(0, 0, img.width, img.height);
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 97)
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        const map = document.querySelector('[data-testid="map"] canvas') as HTMLCanvasElement;
        return {
          width: img.width,
          height: img.height,
          mapWidth: map.width,
          mapHeight: map.height,
          colours: colours.size,
        };
      },
      `data:image/png;base64,${bytes.toString('base64')}`,
    );
    expect(image.width).toBe(image.mapWidth);
    expect(image.height).toBeGreaterThan(image.mapHeight);
    expect(image.colours).toBeGreaterThan(20);
  });

  it('prints an A4 briefing: map, legend, filters, date and synthetic marker, without controls', async () => {
    const page = await session.newPage(A4);
    await openDashboard(page, session.baseUrl, '/?period=2024-Q2&geo=kecamatan');
    await waitForRelease(page, 'public|2024-Q2|all|kecamatan');
    await expect.poll(() => page.getByRole('button', { name: 'Cetak ringkasan A4' }).isVisible()).toBe(true);
    const summary = page.getByTestId('print-summary');
    expect(await summary.isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      page.getByRole('button', { name: 'Perbesar' }),
      page.getByTestId('filter-period'),
      page.getByRole('button', { name: 'Cetak ringkasan A4' }),
      page.getByRole('button', { name: 'Unduh tabel (CSV)' }),
      page.getByRole('button', { name: 'English' }),
    ]) {
      await expect.poll(() => hidden.isVisible()).toBe(false);
    }
    for (const visible of [page.getByTestId('map'), page.getByTestId('release-legend'), summary]) {
      expect(await visible.isVisible()).toBe(true);
    }
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Triwulan 2 2024');
    expect(text).toContain('Kecamatan');
    expect(text).toMatch(/Dicetak .*2026|Dicetak .*20\d\d/);
    expect(await page.getByTestId('print-synthetic').textContent()).toContain('Data sintetis');
    const map = await page.getByTestId('map').boundingBox();
    expect(map?.width).toBeGreaterThan(600);
    expect(map?.height).toBeGreaterThan(400);
    await waitForRelease(page, 'public|2024-Q2|all|kecamatan');
    await saveScreenshot(page, 'exports-print-a4');
  });
});
