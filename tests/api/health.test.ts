import { healthSchema } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/database';

const { app, db } = testApp();

describe('GET /api/health', () => {
  it('reports the database kind, PostGIS 3 and that the data are synthetic', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = healthSchema.parse(await res.json());
    expect(body.database).toBe(db.kind);
    expect(body.postgis).toMatch(/^3\.\d+/);
    expect(body.demoData).toBe(true);
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document naming every foundation endpoint', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const expected = ['/health', '/auth/login', '/auth/logout', '/auth/me', '/geography/areas'];
    for (const path of [
      ...expected,
      '/releases/cells',
      '/releases/areas',
      '/releases/metadata',
      '/releases/geography',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('errors', () => {
  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
