// The first admin of a production installation: on a new, empty database (no demo accounts), `pnpm run
// create-admin <username>` run as a separate process with NODE_ENV=production creates it from a password on
// standard input or in ADMIN_PASSWORD; then that admin signs in and manages accounts, and the API refuses any change
// that would leave no enabled admin. A database of its own (a new database on the PostgreSQL server, or a new
// embedded data directory), because the shared one always has the demo admin.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { accountSchema } from '@titik-rawan/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '@titik-rawan/server';
import { disableDefaultDemoAccounts, upsertAccount } from '@titik-rawan/server/auth/accounts';
import { DEFAULT_DEMO_PASSWORD, REPO_ROOT } from '@titik-rawan/server/config';
import { createSqlClient, type Database, type Sql } from '@titik-rawan/server/db/database';
import { prepareDataDir, startEmbeddedDatabase } from '@titik-rawan/server/db/embedded/index';
import { accountRequests, testPassword } from '../support/accounts';
import { testConfig } from '../support/database';

const SESSION_SECRET = randomBytes(36).toString('base64url');
const FIRST_ADMIN = 'chief';
const FIRST_PASSWORD = testPassword();

/** Where the new database is: how the command line reaches it, and how the test opens it afterwards. */
interface FreshDatabase {
  /** DATABASE_URL of the new database, or DATA_DIR of the new embedded data directory. */
  env: Record<string, string>;
  open(): Promise<{ sql: Sql; url: string }>;
  drop(): Promise<void>;
}

/** A new database beside the run's: on the same PostgreSQL server, or in a new embedded data directory. */
async function freshDatabase(): Promise<FreshDatabase> {
  const runUrl = inject('databaseUrl');
  if (inject('databaseKind') === 'external') {
    const name = `tr_first_admin_${randomBytes(4).toString('hex')}`;
    const server = createSqlClient(runUrl, 1);
    await server`create database ${server(name)}`;
    const url = new URL(runUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.href },
      open: async () => ({ sql: createSqlClient(url.href, 2), url: url.href }),
      drop: async () => {
        await server`drop database if exists ${server(name)} with (force)`;
        await server.end({ timeout: 5 });
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-first-admin-'));
  await prepareDataDir({ dataDir });
  let stop = async () => {};
  return {
    env: { DATA_DIR: dataDir },
    open: async () => {
      const embedded = await startEmbeddedDatabase({ dataDir });
      stop = embedded.stop;
      return { sql: createSqlClient(embedded.url, 2), url: embedded.url };
    },
    drop: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `pnpm run create-admin …` in production mode with the database given in `where` (DATABASE_URL, or DATA_DIR
 * of an embedded database); resolves with its exit code and output.
 */
function createAdmin(
  where: Record<string, string>,
  args: string[],
  { stdin = '', env = {} }: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', SESSION_SECRET };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'DEMO_PASSWORD', 'ADMIN_PASSWORD']) delete childEnv[name];
  Object.assign(childEnv, where, env);
  const child = spawn('pnpm', ['-s', 'run', 'create-admin', ...args], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

let target: FreshDatabase;
let db: Database | undefined;
let sql: Sql;
beforeAll(async () => {
  target = await freshDatabase();
});
afterAll(async () => {
  await db?.close();
  await target?.drop();
});

describe('pnpm run create-admin', () => {
  it('refuses a password under 12 characters', async () => {
    const { code, output } = await createAdmin(target.env, [FIRST_ADMIN], { stdin: 'too-short\n' });
    expect(code).toBe(1);
    expect(output).toContain('at least 12 characters');
  });

  it('refuses a malformed username', async () => {
    const { code, output } = await createAdmin(target.env, ['Chief Admin'], { stdin: `${FIRST_PASSWORD}\n` });
    expect(code).toBe(2);
    expect(output).toContain('lowercase');
  });

  // Opening an embedded data directory takes the command 20–40 s on a busy machine.
  it(
    'creates the first admin from one line on standard input, on a database that has never been started',
    {
      timeout: 240_000,
    },
    async () => {
      const { code, output } = await createAdmin(target.env, [FIRST_ADMIN], {
        stdin: `${FIRST_PASSWORD}\nignored\n`,
      });
      expect(output).toContain(`Created admin account "${FIRST_ADMIN}"`);
      expect(code).toBe(0);
    },
  );
});

describe('the first admin', () => {
  let api: ReturnType<typeof accountRequests>;
  let chief: string;

  let url: string;

  beforeAll(async () => {
    ({ sql, url } = await target.open());
    db = { sql, kind: inject('databaseKind'), close: () => sql.end({ timeout: 5 }) };
    const { app } = createApp({
      db,
      config: testConfig({ production: true, sessionSecret: SESSION_SECRET }),
    });
    api = accountRequests(app);
  });

  it('is the only account, audited as created on the command line without its password', async () => {
    const accounts = await sql<{ username: string; role: string }[]>`select username, role from accounts`;
    expect(accounts).toEqual([{ username: FIRST_ADMIN, role: 'admin' }]);
    const entries = await sql<{ actor: string; action: string; text: string }[]>`
      select actor, action, concat_ws(' ', target, details::text) as text from audit_log`;
    expect(entries.map(({ actor, action }) => ({ actor, action }))).toEqual([
      { actor: 'cli:create-admin', action: 'account.create' },
    ]);
    expect(entries[0]?.text).not.toContain(FIRST_PASSWORD);
  });

  it(
    'is not replaced by create-admin with its username (password from ADMIN_PASSWORD, database by URL)',
    {
      timeout: 120_000,
    },
    async () => {
      const { code, output } = await createAdmin({ DATABASE_URL: url }, [FIRST_ADMIN], {
        env: { ADMIN_PASSWORD: testPassword() },
      });
      expect(output).toContain('already exists');
      expect(code).toBe(1);
    },
  );

  it('signs in with the password given on standard input', async () => {
    const res = await api.login(FIRST_ADMIN, FIRST_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: FIRST_ADMIN, role: 'admin' });
    chief = await api.signIn(FIRST_ADMIN, FIRST_PASSWORD);
  });

  it('cannot disable or demote itself while it is the last enabled admin (409 last_admin)', async () => {
    const [row] = await sql<{ id: string }[]>`select id from accounts where username = ${FIRST_ADMIN}`;
    for (const change of [{ disabled: true }, { role: 'satgas' }, { role: 'ngo', disabled: true }]) {
      const res = await api.send('PATCH', `/api/accounts/${row?.id}`, { cookie: chief, body: change });
      expect(res.status, JSON.stringify(change)).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('last_admin');
    }
    // Nothing changed: still an enabled admin, still signed in.
    expect(await api.meStatus(chief)).toBe(200);
    const [after] = await sql`select role, disabled_at from accounts where id = ${row?.id ?? 0}`;
    expect(after).toEqual({ role: 'admin', disabled_at: null });
  });

  it('hands over to a second admin; then the second is the last, and a disabled admin does not count', async () => {
    const created = async (username: string, role: string) => {
      const res = await api.send('POST', '/api/accounts', {
        cookie: chief,
        body: { username, role, password: FIRST_PASSWORD },
      });
      expect(res.status).toBe(201);
      return accountSchema.parse(await res.json());
    };
    const deputy = await created('deputy', 'admin');
    const spare = await created('spare', 'admin');
    const [own] = await sql<{ id: string }[]>`select id from accounts where username = ${FIRST_ADMIN}`;
    const deputyCookie = await api.signIn('deputy', FIRST_PASSWORD);

    // Two other admins: the chief may step down to the task force (its session ends).
    const stepDown = await api.send('PATCH', `/api/accounts/${own?.id}`, {
      cookie: chief,
      body: { role: 'satgas' },
    });
    expect(stepDown.status).toBe(200);
    expect(await api.meStatus(chief)).toBe(401);

    // The spare admin is disabled; the deputy is now the last enabled admin.
    expect(
      (
        await api.send('PATCH', `/api/accounts/${spare.id}`, {
          cookie: deputyCookie,
          body: { disabled: true },
        })
      ).status,
    ).toBe(200);
    const lastOne = await api.send('PATCH', `/api/accounts/${deputy.id}`, {
      cookie: deputyCookie,
      body: { role: 'ngo' },
    });
    expect(lastOne.status).toBe(409);
    expect(((await lastOne.json()) as { error: { code: string } }).error.code).toBe('last_admin');
    // Enabling the spare again makes the deputy's step down possible.
    expect(
      (
        await api.send('PATCH', `/api/accounts/${spare.id}`, {
          cookie: deputyCookie,
          body: { disabled: false },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api.send('PATCH', `/api/accounts/${deputy.id}`, { cookie: deputyCookie, body: { role: 'ngo' } }))
        .status,
    ).toBe(200);
  });

  it('a production start disables demo accounts that still have the default demo password', async () => {
    const other = testPassword();
    await upsertAccount(sql, 'satgas', 'satgas', DEFAULT_DEMO_PASSWORD);
    await upsertAccount(sql, 'ngo', 'ngo', other);
    const stale = await api.signIn('satgas', DEFAULT_DEMO_PASSWORD);
    expect(await disableDefaultDemoAccounts(sql)).toEqual(['satgas']);
    expect(await api.meStatus(stale)).toBe(401);
    expect((await api.login('satgas', DEFAULT_DEMO_PASSWORD)).status).toBe(401);
    expect((await api.login('ngo', other)).status).toBe(200);
  });
});
