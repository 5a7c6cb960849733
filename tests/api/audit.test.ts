// The admins' audit-log viewer and export against the real database: an admin finds the failed sign-in it just
// caused by its actor name, filters by action and by Asia/Jakarta calendar day, pages through disjoint pages in
// order, and downloads the same rows as CSV with would-be formulas neutralised; other tiers are refused; each view
// and export is itself in the log; and the log still refuses UPDATE, DELETE and TRUNCATE.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_ACTIONS, auditPageSchema, type AuditEntry } from '@titik-rawan/shared';
import { jakartaToday } from '@titik-rawan/shared/codes';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@titik-rawan/server/config';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get } = requestsTo(app);

/** A marker unique to this run, so that other test files' entries never match these filters. */
const RUN = randomUUID().slice(0, 8);

let admin = '';
beforeAll(async () => {
  admin = await signIn('admin');
});

/** A sign-in that fails: the typed name is written to the audit log as the actor. */
async function failSignIn(username: string): Promise<void> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'not-the-password' }),
  });
  expect(res.status).toBe(401);
}

/** One page of the audit log as the admin sees it. */
async function page(query: Record<string, string | number>, cookie = admin) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await get(`/api/audit?${search.toString()}`, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return auditPageSchema.parse(await res.json());
}

/** Every page of a query, following `nextBefore`; the pages themselves for checks of their order. */
async function allPages(query: Record<string, string | number>) {
  const pages = [];
  let before: number | null = null;
  do {
    const next = await page(before === null ? query : { ...query, before });
    pages.push(next);
    before = next.nextBefore;
  } while (before !== null && pages.length < 100);
  return pages;
}

/** The rows of an RFC 4180 CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The export of a query: its headers and rows (the header row first). */
async function exportCsv(query: Record<string, string>) {
  const res = await get(`/api/audit/export.csv?${new URLSearchParams(query).toString()}`, admin);
  expect(res.status, await res.clone().text()).toBe(200);
  // UTF-8 with a byte order mark, which Response.text() would drop unseen.
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { res, rows: parseCsv(bytes.subarray(3).toString('utf8')) };
}

/** Writes fixture entries straight into the log (the log accepts INSERT), all with the same action. */
async function insertEntries(action: string, entries: { actor: string; at?: string }[]): Promise<void> {
  for (const entry of entries) {
    await db.sql`
      insert into audit_log (at, actor, action, target, details)
      values (coalesce(${entry.at ?? null}::timestamptz, now()), ${entry.actor}, ${action}, ${'fixture'},
        ${db.sql.json({ run: RUN })})`;
  }
}

describe('the audit log viewer', () => {
  it('shows an admin the failed sign-in it just caused, found by the name typed', async () => {
    const actor = `audit-test-${RUN}`;
    const before = Date.now();
    await failSignIn(actor);
    const { entries, nextBefore } = await page({ actor });
    expect(nextBefore).toBeNull();
    expect(entries).toHaveLength(1);
    const [entry] = entries as [AuditEntry];
    expect(entry).toMatchObject({ actor, action: 'login.failed', target: null });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('filters by action and by Asia/Jakarta calendar day', async () => {
    const failures = await page({ action: 'login.failed', limit: 50 });
    expect(failures.entries.length).toBeGreaterThan(0);
    expect(new Set(failures.entries.map((e) => e.action))).toEqual(new Set(['login.failed']));

    // 16:59:59.999 UTC is 23:59:59.999 in Jakarta, the last moment of 1 March; 17:00 UTC starts 2 March there.
    const action = `test.days-${RUN}`;
    await insertEntries(action, [
      { actor: 'late-on-the-first', at: '2024-03-01T16:59:59.999Z' },
      { actor: 'early-on-the-second', at: '2024-03-01T17:00:00.000Z' },
      { actor: 'start-of-the-first', at: '2024-02-29T17:00:00.000Z' },
      { actor: 'end-of-february', at: '2024-02-29T16:59:59.999Z' },
    ]);
    const actors = async (query: Record<string, string>) =>
      (await page({ action, ...query })).entries.map((e) => e.actor);
    expect(await actors({ from: '2024-03-01', to: '2024-03-01' })).toEqual([
      'late-on-the-first',
      'start-of-the-first',
    ]);
    expect(await actors({ from: '2024-03-02' })).toEqual(['early-on-the-second']);
    expect(await actors({ to: '2024-02-29' })).toEqual(['end-of-february']);
    expect(await actors({})).toHaveLength(4);

    // Today in Jakarta holds the sign-in failure just caused; tomorrow holds nothing yet.
    const actor = `audit-test-${RUN}`;
    const today = jakartaToday();
    expect((await page({ actor, from: today, to: today })).entries).toHaveLength(1);
    const tomorrow = new Date(Date.parse(`${today}T12:00:00+07:00`) + 86_400_000);
    expect((await page({ actor, from: jakartaToday(tomorrow) })).entries).toHaveLength(0);
  });

  it('pages newest first in disjoint pages that together are the whole answer', async () => {
    const action = `test.paging-${RUN}`;
    // Seven entries in one statement share their time, so the order of equal times (by id) is tested too.
    await db.sql`
      insert into audit_log (actor, action, details)
      select 'same-moment-' || n, ${action}, ${db.sql.json({ run: RUN })} from generate_series(1, 7) as n`;
    await insertEntries(action, [
      { actor: 'older', at: '2024-05-01T00:00:00Z' },
      { actor: 'oldest', at: '2024-04-01T00:00:00Z' },
      { actor: 'newest' },
    ]);
    const whole = await page({ action, limit: 500 });
    expect(whole.entries).toHaveLength(10);
    expect(whole.nextBefore).toBeNull();
    expect(whole.entries[0]?.actor).toBe('newest');
    expect(whole.entries.slice(-2).map((e) => e.actor)).toEqual(['older', 'oldest']);
    for (let i = 1; i < whole.entries.length; i++) {
      const [a, b] = [whole.entries[i - 1] as AuditEntry, whole.entries[i] as AuditEntry];
      const newer = Date.parse(a.at) > Date.parse(b.at) || (a.at === b.at && a.id > b.id);
      expect(newer, `${a.id} before ${b.id}`).toBe(true);
    }

    const pages = await allPages({ action, limit: 3 });
    expect(pages.map((p) => p.entries.length)).toEqual([3, 3, 3, 1]);
    for (const p of pages.slice(0, -1)) expect(p.nextBefore).toBe(p.entries.at(-1)?.id);
    expect(pages.at(-1)?.nextBefore).toBeNull();
    const paged = pages.flatMap((p) => p.entries);
    expect(new Set(paged.map((e) => e.id)).size).toBe(10);
    expect(paged).toEqual(whole.entries);
  });

  it('exports the same rows as CSV, with would-be formulas neutralised', async () => {
    // A name typed at sign-in reaches the log as it was typed: a spreadsheet formula among them.
    const formula = `=HYPERLINK("http://example.invalid/?${RUN}","click")`;
    await failSignIn(formula);
    const viewed = await page({ actor: formula });
    expect(viewed.entries.map((e) => e.actor)).toEqual([formula]);
    const { res, rows } = await exportCsv({ actor: formula });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="titik-rawan-audit-/);
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'action', 'target', 'address', 'details']);
    expect(rows.slice(1).map((r) => r.slice(2, 4))).toEqual([[`'${formula}`, 'login.failed']]);

    const action = `test.csv-${RUN}`;
    const actors = ['+1+1', '-2', '@SUM(A1)', '\tTAB', 'plain, with "quotes"\nand a line break', 'ordinary'];
    await insertEntries(
      action,
      actors.map((actor) => ({ actor })),
    );
    const shown = (await page({ action })).entries;
    const exported = (await exportCsv({ action })).rows;
    expect(exported).toHaveLength(shown.length + 1);
    exported.slice(1).forEach((row, i) => {
      const entry = shown[i] as AuditEntry;
      const [id, at, actor, act, target, address, details] = row;
      expect(Number(id)).toBe(entry.id);
      expect(at).toMatch(/\+07:00$/);
      expect(Date.parse(at ?? '')).toBe(Date.parse(entry.at));
      expect(actor).toBe(/^[=+\-@\t\r]/.test(entry.actor) ? `'${entry.actor}` : entry.actor);
      expect([act, target, address]).toEqual([entry.action, entry.target ?? '', entry.address ?? '']);
      expect(JSON.parse(details ?? '')).toEqual(entry.details);
    });
    expect(exported.slice(1).map((r) => r[2])).toEqual(
      [...actors].reverse().map((a) => (/^[=+\-@\t]/.test(a) ? `'${a}` : a)),
    );
  });

  it('exports a log longer than one read of the database, every entry once and in order', async () => {
    const action = `test.long-${RUN}`;
    await db.sql`
      insert into audit_log (actor, action, details)
      select 'bulk-' || n, ${action}, ${db.sql.json({ run: RUN })} from generate_series(1, 2345) as n`;
    const rows = (await exportCsv({ action })).rows.slice(1);
    expect(rows).toHaveLength(2345);
    const ids = rows.map((r) => Number(r[0]));
    expect(ids.every((id, i) => i === 0 || id < (ids[i - 1] ?? 0))).toBe(true);
  });

  it('writes each view and export to the log with its filters', async () => {
    const actor = `audited-view-${RUN}`;
    await page({ actor, action: 'login.failed', from: '2024-01-01' });
    await exportCsv({ actor });
    const reads = (await page({ actor: 'admin', action: 'audit.read', limit: 500 })).entries;
    expect(reads.find((e) => e.details.actor === actor)?.details).toEqual({
      actor,
      action: 'login.failed',
      from: '2024-01-01',
    });
    const exports = (await page({ actor: 'admin', action: 'audit.export', limit: 500 })).entries;
    expect(exports.find((e) => e.details.actor === actor)?.details).toEqual({ actor });
  });

  it('answers a wrong parameter with a 400 naming it', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['from=2025-02-30', 'from'],
      ['to=2025-13-01', 'to'],
      ['from=2025-03-02&to=2025-03-01', 'to'],
      ['action=DROP%20TABLE', 'action'],
      ['before=-1', 'before'],
      ['before=999999999999', 'before'],
      ['sort=id', 'sort'],
    ];
    for (const [query, parameter] of cases) {
      const res = await get(`/api/audit?${query}`, admin);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, query).toBe('invalid_parameter');
      expect(body.error.message, query).toContain(`"${parameter}"`);
    }
    const csv = await get('/api/audit/export.csv?from=yesterday', admin);
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as { error: { message: string } }).error.message).toContain('"from"');
  });

  it('is described in the OpenAPI document, the CSV export included', async () => {
    const res = await get('/api/openapi.json');
    const doc = (await res.json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    expect(doc.paths['/audit']?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'action',
      'actor',
      'before',
      'from',
      'limit',
      'to',
    ]);
    expect(doc.paths['/audit/export.csv']?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'action',
      'actor',
      'from',
      'to',
    ]);
  });

  it('is for admins only: 403 for NGO and task-force accounts, 401 for the public', async () => {
    for (const role of ['ngo', 'satgas'] as const) {
      const cookie = await signIn(role);
      for (const path of ['/api/audit', '/api/audit/export.csv']) {
        const res = await get(path, cookie);
        expect(res.status, `${role} ${path}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_for_this_tier');
      }
    }
    for (const path of ['/api/audit', '/api/audit/export.csv']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
    }
  });
});

describe('the known actions', () => {
  it('offer every action the server writes, so the viewer’s action list is complete', async () => {
    const files = await readdir(path.join(REPO_ROOT, 'server/src'), { recursive: true });
    const written = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = await readFile(path.join(REPO_ROOT, 'server/src', file), 'utf8');
      for (const match of source.matchAll(/\b(?:action|audit): '([a-z][a-z0-9_.-]*)'/g))
        written.add(match[1] ?? '');
    }
    expect(written.size).toBeGreaterThan(10);
    expect([...written].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual(
      [],
    );
  });
});

describe('the audit log itself', () => {
  /** Runs a statement in a transaction that is always rolled back; resolves to the error it raised. */
  async function refusal(statement: (tx: typeof db.sql) => Promise<unknown>): Promise<string> {
    try {
      await db.sql.begin(async (tx) => {
        await statement(tx as unknown as typeof db.sql);
        throw new Error('went through');
      });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return 'no error';
  }

  it('still refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [row] = await db.sql<{ id: string }[]>`select id from audit_log order by id desc limit 1`;
    expect(row).toBeDefined();
    const id = row?.id ?? '0';
    expect(await refusal((tx) => tx`update audit_log set actor = 'someone else' where id = ${id}`)).toMatch(
      /append-only/,
    );
    expect(await refusal((tx) => tx`delete from audit_log where id = ${id}`)).toMatch(/append-only/);
    expect(await refusal((tx) => tx`truncate audit_log`)).toMatch(/append-only/);
  });
});
