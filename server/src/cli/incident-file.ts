// A large valid incidents CSV for benchmarks and crash tests: dates within one year, every category and time
// band, half the rows with a point inside East Jakarta and half with a kelurahan code only.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { INCIDENT_CATEGORIES } from '@titik-rawan/shared';
import { TIME_BANDS } from '@titik-rawan/shared/codes';
import { loadKelurahanLocator } from '../imports/kelurahan-at';
import { loadAreaNames } from '../imports/kelurahan-names';

/** What to write: how many rows, of which year, and for which organisation. */
export interface IncidentFileOptions {
  rows: number;
  year: number;
  organisation: string;
}

/** Points on a regular grid over the city that lie in a kelurahan. */
function cityPoints(): { lat: string; lng: string }[] {
  const locator = loadKelurahanLocator();
  const points: { lat: string; lng: string }[] = [];
  for (let lng = 106.84; lng <= 106.98; lng += 0.004)
    for (let lat = -6.38; lat <= -6.14; lat += 0.004)
      if (locator.kelurahanAt(lng, lat) !== null) points.push({ lat: lat.toFixed(6), lng: lng.toFixed(6) });
  return points;
}

/** Writes the file, streaming, and resolves once it is on disk. */
export async function writeIncidentFile(filePath: string, options: IncidentFileOptions): Promise<void> {
  const points = cityPoints();
  const kelurahan = loadAreaNames().kelurahan.map((entry) => entry.code);
  const out = createWriteStream(filePath);
  out.write('occurred_on,time_band,category,latitude,longitude,kelurahan,organisation\n');
  for (let i = 0; i < options.rows; i += 1) {
    const day = new Date(Date.UTC(options.year, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    const band = TIME_BANDS[i % TIME_BANDS.length] ?? '';
    const category = INCIDENT_CATEGORIES[i % INCIDENT_CATEGORIES.length] ?? 'other';
    const point = points[i % points.length];
    const where =
      i % 2 === 0 && point ? `${point.lat},${point.lng},` : `,,${kelurahan[i % kelurahan.length]}`;
    if (!out.write(`${day},${band},${category},${where},${options.organisation}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
