import { hotspotsSchema } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, callParsed } from './client.ts';

const hotspots = {
  type: 'FeatureCollection',
  release: { tier: 'public', period: '2025', category: 'all', threshold: 10, synthetic: true },
  analysis: {
    method: 'getis-ord-gi*',
    ringDistance: 1,
    fdr: true,
    cells: 1,
    cellsWithData: 1,
    edgeCells: 0,
    warnings: [],
    withheld: false,
    withheldCode: null,
    withheldReason: null,
  },
  features: [
    {
      type: 'Feature',
      id: '87abc',
      geometry: { type: 'Polygon', coordinates: [] },
      properties: {
        cell: '87abc',
        resolution: 7,
        bin: 2,
        neighbours: 6,
        edge: false,
        count: 12,
        suppressed: false,
      },
    },
  ],
};

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('callParsed', () => {
  it('returns a body that fits the shared schema', async () => {
    const parsed = await callParsed(() => json(hotspots), hotspotsSchema);
    expect(parsed.features[0]?.properties.bin).toBe(2);
  });

  it('refuses a body that does not fit, as a bad response', async () => {
    const wrong = { ...hotspots, features: [{ ...hotspots.features[0], properties: { cell: 'x', bin: 7 } }] };
    const error = await callParsed(() => json(wrong), hotspotsSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: 'bad_response' });
  });

  it('passes the server’s error code through', async () => {
    const refusal = { error: { code: 'not_for_this_tier', message: 'months' } };
    const error = await callParsed(() => json(refusal, 403), hotspotsSchema).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 'not_for_this_tier' });
  });
});
