// The embedded database as the app uses it: a PGlite + PostGIS child process reached by postgres.js over
// the wire protocol, under concurrency, with failing queries, open transactions, dropped clients and a
// kill -9. This file starts its own database (from the cached template) so it can kill it.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedDatabase,
  prepareDataDir,
  startEmbeddedDatabase,
} from '@titik-rawan/server/db/embedded/index';
import { memoryOf } from '../support/memory';
import { WireClient, errorFields, firstRow, frontend } from './wire-client';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Rejects if `promise` has not settled within `ms` — a deadlock fails the test instead of hanging it. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The SQLSTATE a query rejected with, or 'resolved' if it did not reject. */
async function errorCode(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/**
 * Runs `count` concurrent queries on `sql`, each with its own expected answer or SQLSTATE — plain selects,
 * inserts into and reads from `items` (which must hold id -1), unique violations, syntax errors, division
 * by zero and wrongly typed parameters — and returns one line per query that got anything else.
 */
async function mixedWorkload(sql: postgres.Sql, count: number, timeoutMs: number): Promise<string[]> {
  const outcome = async (query: Promise<unknown>): Promise<unknown> => {
    try {
      return await within(timeoutMs, query);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code ? { code } : { failure: String(error) };
    }
  };
  const checks = Array.from({ length: count }, async (_, i): Promise<string | null> => {
    let expected: unknown;
    let actual: unknown;
    switch (i % 6) {
      case 0:
        expected = [{ i, h: md5(String(i)) }];
        actual = await outcome(sql`select ${i}::int as i, md5(${i}::text) as h`);
        break;
      case 1: {
        expected = [[{ id: i, label: `item ${i}` }], [{ label: `item ${i}` }]];
        const inserted = await outcome(
          sql`insert into items values (${i}, ${`item ${i}`}) returning id, label`,
        );
        actual = [inserted, await outcome(sql`select label from items where id = ${i}`)];
        break;
      }
      case 2:
        expected = { code: '23505' };
        actual = await outcome(sql`insert into items values (-1, ${`duplicate ${i}`})`);
        break;
      case 3:
        expected = { code: '42601' };
        actual = await outcome(sql`selec ${i}::int`);
        break;
      case 4:
        expected = { code: '22012' };
        actual = await outcome(sql`select ${i}::int / (${i}::int - ${i}::int) as x`);
        break;
      default:
        expected = { code: '22P02' };
        actual = await outcome(sql`select * from items where id = ${`not a number ${i}`}`);
    }
    const plain = JSON.stringify(actual, (_key, value: unknown) =>
      Array.isArray(value) ? [...value] : value,
    );
    return plain === JSON.stringify(expected)
      ? null
      : `query ${i}: expected ${JSON.stringify(expected)}, got ${plain}`;
  });
  return (await Promise.all(checks)).filter((problem) => problem !== null);
}

describe('embedded database over the wire protocol', () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  let sql: postgres.Sql;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-embedded-'));
    await prepareDataDir({ dataDir });
    database = await startEmbeddedDatabase({ dataDir });
    sql = postgres(database.url, { max: 10, onnotice: () => {} });
    await sql`create table items (id int primary key, label text not null)`;
    await sql`insert into items values (-1, 'taken')`;
    await sql`create table batches (id int primary key, batch text not null)`;
  });

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await database?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('gives each of 600 concurrent queries its own answer or its own error', async () => {
    expect(await within(60_000, mixedWorkload(sql, 600, 30_000))).toEqual([]);
    const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from items`;
    expect(count).toBe(101);
  });

  it('lets other connections work while a transaction sleeps, and commits it atomically', async () => {
    const transaction = sql.begin(async (tx) => {
      await tx`insert into batches values (1, 'a')`;
      await tx`select pg_sleep(0.3)`;
      await tx`insert into batches values (2, 'a')`;
      await tx`select pg_sleep(0.3)`;
      await tx`insert into batches values (3, 'a')`;
      return 'committed';
    });
    const others = Array.from({ length: 60 }, async (_, i) => {
      if (i % 3 === 0) {
        const [{ seen }] = await sql<
          [{ seen: number }]
        >`select count(*)::int as seen from batches where batch = 'a'`;
        expect([0, 3]).toContain(seen);
        return;
      }
      const [row] = await sql`select ${i}::int as i, md5(${i}::text) as h`;
      expect(row).toEqual({ i, h: md5(String(i)) });
    });
    await within(30_000, Promise.all([transaction, ...others]));
    await expect(transaction).resolves.toBe('committed');
    expect(await sql`select id from batches where batch = 'a' order by id`).toEqual([
      { id: 1 },
      { id: 2 },
      { id: 3 },
    ]);
  });

  it('rolls back a transaction that fails mid-way and releases the session', async () => {
    const failing = sql.begin(async (tx) => {
      await tx`insert into batches values (10, 'b')`;
      await tx`select pg_sleep(0.1)`;
      await tx`insert into batches values (11, 'b')`;
      await tx`select 1 / 0`;
    });
    const concurrent = Array.from({ length: 20 }, (_, i) => sql`select ${i}::int as i`);
    expect(await within(20_000, errorCode(failing))).toBe('22012');
    expect((await within(20_000, Promise.all(concurrent))).map(([row]) => row)).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ i })),
    );
    expect(await sql`select id from batches where batch = 'b'`).toEqual([]);
  });

  it('does not stay locked when a client disconnects inside a transaction', async () => {
    const client = await WireClient.connect(database.port);
    client.send(frontend.query("begin; insert into batches values (20, 'c')"));
    expect((await client.untilReady()).at(-1)?.body.toString()).toBe('T');
    client.socket.destroy();
    const rows = await within(
      10_000,
      Promise.all([sql`select 1 as one`, sql`select id from batches where batch = 'c'`]),
    );
    expect(rows.map((result) => [...result])).toEqual([[{ one: 1 }], []]);
  });

  it('rolls back an unfinished extended-query batch of a client that disconnects', async () => {
    const client = await WireClient.connect(database.port);
    client.send(
      frontend.parse('', "insert into batches values (21, 'd')"),
      frontend.bind(''),
      frontend.execute(),
      frontend.flush(),
    );
    await within(
      10_000,
      (async () => {
        while (client.unreadBytes < 3 * 5) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
    );
    client.socket.destroy();
    expect(await within(10_000, sql`select id from batches where batch = 'd'`)).toEqual([]);
  });

  it('answers an extended-query error with one ErrorResponse and one ReadyForQuery at Sync', async () => {
    const client = await WireClient.connect(database.port, { sslRequest: true });
    client.send(frontend.parse('', 'selec 1'), frontend.bind(''), frontend.execute(), frontend.sync());
    const failed = await client.untilReady();
    expect(failed.map((message) => message.type)).toEqual(['E', 'Z']);
    expect(errorFields(failed[0]?.body ?? Buffer.alloc(0)).C).toBe('42601');
    expect(failed[1]?.body.toString()).toBe('I');
    // A premature ReadyForQuery would now be read in place of this query's answer.
    client.send(frontend.query('select 2'));
    const next = await client.untilReady();
    expect(next.map((message) => message.type)).toEqual(['T', 'D', 'C', 'Z']);
    expect(firstRow(next)).toEqual(['2']);

    client.send(frontend.query('begin'));
    await client.untilReady();
    client.send(frontend.parse('', 'select 1 / 0'), frontend.bind(''), frontend.execute(), frontend.sync());
    const inBlock = await client.untilReady();
    expect(inBlock.map((message) => message.type)).toEqual(['1', 'E', 'Z']);
    expect(inBlock[2]?.body.toString()).toBe('E');
    client.send(frontend.query('rollback'));
    expect((await client.untilReady()).at(-1)?.body.toString()).toBe('I');
    client.send(frontend.terminate());
    await within(5_000, client.closed());
  });

  it('keeps prepared statements of different connections apart even under the same name', async () => {
    const [a, b] = await Promise.all([WireClient.connect(database.port), WireClient.connect(database.port)]);
    a.send(frontend.parse('same', "select 'a' as who"), frontend.sync());
    b.send(frontend.parse('same', "select 'b' as who"), frontend.sync());
    expect((await Promise.all([a.untilReady(), b.untilReady()])).map((answer) => answer[0]?.type)).toEqual([
      '1',
      '1',
    ]);
    a.send(frontend.bind('same'), frontend.execute(), frontend.sync());
    b.send(frontend.bind('same'), frontend.execute(), frontend.sync());
    const [fromA, fromB] = await Promise.all([a.untilReady(), b.untilReady()]);
    expect([firstRow(fromA), firstRow(fromB)]).toEqual([['a'], ['b']]);
    a.socket.destroy();
    b.socket.destroy();
  });

  it('makes other connections wait while one is inside a transaction block', async () => {
    const [holder, waiter] = await Promise.all([
      WireClient.connect(database.port),
      WireClient.connect(database.port),
    ]);
    holder.send(frontend.query('begin'));
    await holder.untilReady();
    waiter.send(frontend.query('select 3'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waiter.unreadBytes).toBe(0);
    holder.send(frontend.query('commit'));
    await holder.untilReady();
    expect(firstRow(await within(5_000, waiter.untilReady()))).toEqual(['3']);
    holder.socket.destroy();
    waiter.socket.destroy();
  });

  it('runs PostGIS with GEOS and PROJ', async () => {
    const [{ version }] = await sql<[{ version: string }]>`select postgis_full_version() as version`;
    expect(version).toMatch(/GEOS="3\./);
    expect(version).toMatch(/PROJ="9\./);
    // A 0.01° square in East Jakarta, measured in UTM zone 48S: about 1.1 km × 1.1 km.
    const [{ area }] = await sql<[{ area: number }]>`
      select st_area(st_transform(st_makeenvelope(106.88, -6.23, 106.89, -6.22, 4326), 32748)) as area`;
    expect(area).toBeGreaterThan(1.2e6);
    expect(area).toBeLessThan(1.25e6);
  });

  it('does not keep the answers it has sent: its memory stays level over 400 large answers', async () => {
    // Each answer is 2,000 rows of 200 bytes (about 0.45 MB on the wire); keeping them would add some 280 MB.
    const largeAnswers = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const rows =
          await sql`select g as id, repeat('x', 200) as label from generate_series(1, 2000 + ${i % 2}) g`;
        expect(rows.length).toBe(2000 + (i % 2));
      }
    };
    await largeAnswers(100);
    const before = await memoryOf(database.pid);
    await largeAnswers(400);
    const after = await memoryOf(database.pid);
    expect(after!.rssMiB - before!.rssMiB).toBeLessThan(100);
  }, 120_000);

  it('keeps a committed write through kill -9 and a restart on the same data directory', async () => {
    await sql`insert into batches values (30, 'survivor')`;
    await sql.end({ timeout: 1 });
    process.kill(database.pid, 'SIGKILL');
    await database.stop();

    database = await startEmbeddedDatabase({ dataDir });
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    expect(await sql`select id, batch from batches where id = 30`).toEqual([{ id: 30, batch: 'survivor' }]);
  });
});

/** PGlite and pglite-socket as the server package has them (the tests package does not depend on them). */
async function loadUpstream() {
  const serverRequire = createRequire(fileURLToPath(new URL('../../server/package.json', import.meta.url)));
  const load = (name: string) => import(pathToFileURL(serverRequire.resolve(name)).href);
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    load('@electric-sql/pglite'),
    load('@electric-sql/pglite-socket'),
  ]);
  return {
    PGlite: PGlite as { create(): Promise<{ close(): Promise<void> }> },
    PGLiteSocketServer: PGLiteSocketServer as new (options: {
      db: unknown;
      host: string;
      port: number;
      maxConnections: number;
    }) => { start(): Promise<void>; stop(): Promise<void>; getServerConn(): string },
  };
}

// Runs after the embedded database above has stopped, so no more than one PGlite of this file is alive.
describe('plain pglite-socket 0.2.11, for comparison', () => {
  it('returns wrong rows to postgres.js for the same workload (the defects the wire server fixes)', async () => {
    const { PGlite, PGLiteSocketServer } = await loadUpstream();
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 20 });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    const sql = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 10, onnotice: () => {} });
    try {
      await sql`create table items (id int primary key, label text not null)`;
      await sql`insert into items values (-1, 'taken')`;
      const problems = await mixedWorkload(sql, 300, 3_000);
      expect(problems.length).toBeGreaterThan(30);
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
      await server.stop();
      await db.close();
    }
  });
});
