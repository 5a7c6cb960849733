import { areaCollectionSchema } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/database';

const { app } = testApp();

async function areas(level: string) {
  const res = await app.request(`/api/geography/areas?level=${level}`);
  expect(res.status).toBe(200);
  return areaCollectionSchema.parse(await res.json()).features;
}

describe('GET /api/geography/areas', () => {
  it('serves the real East Jakarta geography: 1 kota, 10 kecamatan, 65 kelurahan', async () => {
    expect(await areas('kota')).toHaveLength(1);
    expect(await areas('kecamatan')).toHaveLength(10);
    expect(await areas('kelurahan')).toHaveLength(65);
  });

  it('joins on Kemendagri codes: Jatinegara is both a kecamatan and a kelurahan in Cakung', async () => {
    const kecamatan = await areas('kecamatan');
    const kelurahan = await areas('kelurahan');
    expect(kecamatan.find((f) => f.properties.code === '31.75.03')?.properties.name).toBe('Jatinegara');
    const jatinegaraKelurahan = kelurahan.find((f) => f.properties.code === '31.75.06.1001');
    expect(jatinegaraKelurahan?.properties).toMatchObject({ name: 'Jatinegara', parentCode: '31.75.06' });
    const kampungMelayu = kelurahan.find((f) => f.properties.name === 'Kampung Melayu');
    expect(kampungMelayu?.properties.parentCode).toBe('31.75.03');
  });

  it('keeps areas consistent: kelurahan of a kecamatan add up to its area and the city is ~186 km²', async () => {
    const [kota] = await areas('kota');
    expect(kota?.properties.areaKm2).toBeGreaterThan(185);
    expect(kota?.properties.areaKm2).toBeLessThan(187);
    const kelurahan = await areas('kelurahan');
    const total = kelurahan.reduce((sum, f) => sum + f.properties.areaKm2, 0);
    expect(total).toBeCloseTo(kota?.properties.areaKm2 ?? 0, 0);
    expect(kota?.properties.population).toBe(3169571);
  });

  it('sends the same outlines gzipped or plain, and tells caches that they vary by Accept-Encoding', async () => {
    const url = '/api/geography/areas?level=kelurahan';
    const gzipped = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
    const plain = await app.request(url);
    expect(gzipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    for (const res of [gzipped, plain]) {
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=3600');
      expect(res.headers.get('Vary')).toMatch(/accept-encoding/i);
    }
    const unzipped = new Response(gzipped.body?.pipeThrough(new DecompressionStream('gzip')));
    expect(await unzipped.json()).toEqual(await plain.json());
  });

  it('rejects an unknown level with a 400 naming the parameter', async () => {
    const res = await app.request('/api/geography/areas?level=provinsi');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.message).toContain('level');
  });
});

describe('GET /basemap', () => {
  it('serves roads, transit and glyphs from our own server', async () => {
    const roads = await app.request('/basemap/roads.geojson');
    expect(roads.status).toBe(200);
    expect(((await roads.json()) as { features: unknown[] }).features).toHaveLength(5103);
    const glyphs = await app.request('/basemap/glyphs/Noto%20Sans%20Regular/0-255.pbf');
    expect(glyphs.status).toBe(200);
    expect((await glyphs.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('does not serve files outside its list', async () => {
    expect((await app.request('/basemap/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/basemap/glyphs/Noto%20Sans%20Regular/..%2F..%2FOFL.txt')).status).toBe(404);
  });
});
