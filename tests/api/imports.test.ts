// The import path as an admin uses it through the API: who may, the template, a check that stores nothing, an
// import job that commits and shows in the history and the released figures, its roll-back, and refusals of a
// file over the limit and of bad parameters. Imported incidents lie in 2021, outside the demo data, so other test
// files' published figures stay as they are; every batch written here is rolled back.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  IMPORT_MAX_BYTES,
  importBatchSchema,
  importCheckSchema,
  importHistorySchema,
  importJobSchema,
  importJobStartSchema,
  releaseMetadataSchema,
  type ImportJob,
} from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, waitUntilReady } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');

/** Two incidents of March 2021 (outside the demo span), by point and by kelurahan. */
const GOOD_2021 = [
  'date,time,category,lat,lng,kelurahan,organisation',
  '2021-03-04,21:15,online_solicitation,-6.215885,106.861278,,demo-upt-pppa',
  '2021-03-09,,peer_recruitment,,,Pal Meriam,demo-upt-pppa',
  '',
].join('\n');

/** POSTs a raw upload as the admin (or `cookie`). */
function upload(route: string, body: BodyInit, query: string, cookie = cookies.admin, type = 'text/csv') {
  return app.request(`/api/imports${route}?${query}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': type },
    body,
    // Node's fetch needs this for a streamed body.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** What the database holds of imports: batches and incidents. */
/**
 * Batches and incidents stored from uploads of these file names: names only this test file uses, as other test
 * files import at the same time.
 */
async function storedFrom(...names: string[]): Promise<{ batches: number; incidents: number }> {
  const [row] = await db.sql<{ batches: number; incidents: number }[]>`
    select count(distinct b.id)::int as batches, count(i.id)::int as incidents
    from import_batches b left join incidents i on i.batch_id = b.id
    where b.source_name in ${db.sql(names)}`;
  return row ?? { batches: 0, incidents: 0 };
}

/** Polls an import job until it has finished. */
async function finished(jobId: string): Promise<ImportJob> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await get(`/api/imports/jobs/${jobId}`, cookies.admin);
    expect(res.status).toBe(200);
    const job = importJobSchema.parse(await res.json());
    if (['committed', 'refused', 'failed'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`import job still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  await waitUntilReady('/api/releases/metadata');
}, 26 * 60_000);

describe('imports', () => {
  it('are for admins: the public is asked to sign in, NGOs and the task force are refused', async () => {
    for (const route of ['', '/templates/incidents']) {
      expect((await get(`/api/imports${route}`)).status, route).toBe(401);
      for (const tier of ['ngo', 'satgas'] as const) {
        const res = await get(`/api/imports${route}`, cookies[tier]);
        expect(res.status, `${tier} ${route}`).toBe(403);
        expect(await res.text()).toContain('admin accounts');
      }
    }
    const query = 'kind=incidents&format=csv&fileName=a.csv';
    expect((await upload('/check', GOOD_2021, query, '')).status).toBe(401);
    expect((await upload('', GOOD_2021, query, cookies.satgas)).status).toBe(403);
  });

  it('are documented in OpenAPI', async () => {
    const document = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, object> };
    for (const route of [
      '/imports',
      '/imports/check',
      '/imports/templates/{kind}',
      '/imports/jobs/{id}',
      '/imports/reports/{id}/errors.csv',
      '/imports/{id}/rollback',
    ]) {
      expect(document.paths, route).toHaveProperty([route]);
    }
  });

  it('offers a CSV template per kind to download', async () => {
    const res = await get('/api/imports/templates/venues', cookies.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*venues.*\.csv"/);
    const header = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(header).toContain('kind');
    expect((await get('/api/imports/templates/people', cookies.admin)).status).toBe(400);
  });

  it('checks a good and a bad file, storing nothing, and serves the errors as CSV', async () => {
    const good = await upload(
      '/check',
      await readFile(path.join(FIXTURES, 'venues-overpass.json')),
      'kind=venues&format=osm&fileName=api-check-venues.json',
      cookies.admin,
      'application/json',
    );
    expect(good.status).toBe(200);
    const goodCheck = importCheckSchema.parse(await good.json());
    expect(goodCheck.rows).toBeGreaterThan(0);
    expect(goodCheck.preview.length).toBeGreaterThan(0);
    expect(goodCheck.errorCount, JSON.stringify(goodCheck.errors)).toBe(0);
    expect(goodCheck.errorReport).toBeNull();

    const bad = await upload(
      '/check',
      await readFile(path.join(FIXTURES, 'incidents-semicolon-error.csv')),
      'kind=incidents&format=csv&fileName=api-check-errors.csv',
    );
    expect(bad.status).toBe(200);
    const badCheck = importCheckSchema.parse(await bad.json());
    expect(badCheck.columns).toEqual(['tanggal', 'kategori', 'lintang', 'bujur', 'organisasi']);
    expect(badCheck.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'kategori', code: 'not_in_list' }),
    ]);
    expect(badCheck.errorReport).toMatch(/^\/api\/imports\/reports\/.+\/errors\.csv$/);
    expect(await storedFrom('api-check-venues.json', 'api-check-errors.csv')).toEqual({
      batches: 0,
      incidents: 0,
    });

    const report = await get(badCheck.errorReport ?? '', cookies.admin);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await report.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('row,column,code,message');
    expect(lines).toHaveLength(Math.min(badCheck.errorCount, 1000) + 1);
    expect((await get(badCheck.errorReport ?? '', cookies.ngo)).status).toBe(403);
  });

  it('imports a good file as a job, lists it, changes the released figures, and rolls it back', async () => {
    const span = async () =>
      releaseMetadataSchema.parse(await (await get('/api/releases/metadata')).json()).span;
    const started = await upload('', GOOD_2021, 'kind=incidents&format=csv&fileName=maret-2021.csv');
    expect(started.status, await started.clone().text()).toBe(202);
    const { jobId } = importJobStartSchema.parse(await started.json());
    const job = await finished(jobId);
    expect(job.status, JSON.stringify(job)).toBe('committed');
    expect(job.rows).toBe(2);
    const batchId = job.result?.batchId ?? '';
    try {
      const history = importHistorySchema.parse(await (await get('/api/imports', cookies.admin)).json());
      const batch = history.imports.find((b) => b.id === batchId);
      expect(batch).toMatchObject({
        status: 'committed',
        fileName: 'maret-2021.csv',
        rows: 2,
        kind: 'incidents',
      });
      expect(await storedFrom('maret-2021.csv')).toEqual({ batches: 1, incidents: 2 });
      // The release is decided for the new data: the data span now reaches back to March 2021 at least.
      expect((await span())?.first.localeCompare('2021-03')).toBeLessThanOrEqual(0);

      // The same file again is recognised as a duplicate and nothing is written.
      const again = await upload('/check', GOOD_2021, 'kind=incidents&format=csv&fileName=copy.csv');
      expect(importCheckSchema.parse(await again.json()).duplicateOf?.batchId).toBe(batchId);
    } finally {
      const rolledBack = await app.request(`/api/imports/${batchId}/rollback`, {
        method: 'POST',
        headers: { Cookie: cookies.admin },
      });
      expect(rolledBack.status).toBe(200);
      expect(importBatchSchema.parse(await rolledBack.json()).status).toBe('rolled_back');
    }
    expect(await storedFrom('maret-2021.csv')).toEqual({ batches: 1, incidents: 0 });
    const twice = await app.request(`/api/imports/${batchId}/rollback`, {
      method: 'POST',
      headers: { Cookie: cookies.admin },
    });
    expect(twice.status).toBe(409);
    const unknown = await app.request('/api/imports/999999999/rollback', {
      method: 'POST',
      headers: { Cookie: cookies.admin },
    });
    expect(unknown.status).toBe(404);
  }, 180_000);

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > IMPORT_MAX_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await upload('/check', body, 'kind=incidents&format=csv&fileName=huge.csv');
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/larger than 200 MB/);
    expect(await storedFrom('huge.csv')).toEqual({ batches: 0, incidents: 0 });
  }, 120_000);

  it('names the parameter that is wrong', async () => {
    for (const [query, parameter] of [
      ['format=csv&fileName=a.csv', 'kind'],
      ['kind=people&format=csv&fileName=a.csv', 'kind'],
      ['kind=incidents&format=xlsx&fileName=a.csv', 'format'],
      ['kind=incidents&format=csv', 'fileName'],
      ['kind=incidents&format=csv&fileName=a.csv&organisation=Not%20A%20Code', 'organisation'],
      ['kind=incidents&format=csv&fileName=a.csv&organisation=no-such-org', 'organisation'],
    ] as const) {
      const res = await upload('/check', GOOD_2021, query);
      expect(res.status, query).toBe(400);
      expect(await res.text(), query).toContain(`query parameter \\"${parameter}\\"`);
    }
    const type = await upload(
      '/check',
      GOOD_2021,
      'kind=incidents&format=csv&fileName=a.csv',
      cookies.admin,
      'multipart/form-data',
    );
    expect(type.status).toBe(415);
    expect(await type.text()).toContain('Content-Type');
  });
});
