// Hostile input on every route of the OpenAPI document: SQL injection, path traversal, header injection, NUL
// bytes, huge numbers and unusual unicode in every declared query, path and JSON body parameter, as the public
// and as an admin. Whatever is sent, the API answers with a 4xx or a valid answer — never a 5xx, a stack, SQL, a
// file path or a library's message — sets no cookie but its own, and the database keeps its tables and data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAccount } from '@titik-rawan/server/auth/accounts';
import { listen, type Listening } from '@titik-rawan/server/http/listen';
import { connect } from 'node:net';
import { testApp } from '../support/database';

const { app, db, releases } = testApp({ rateLimitPerMinute: 0 });

/** Strings an attacker tries, sent percent-encoded (the server sees them as they are). */
const STRINGS = [
  "' or 1=1--",
  '1; drop table incidents',
  "'); select pg_sleep(5)--",
  '../../etc/passwd',
  '..%2f..%2f',
  'x\r\nSet-Cookie: a=b',
  'a\u0000b',
  '99999999999999999999999999',
  '-1e308',
  '\u202e\u0645\u0631\u062d\u0628\u0627 🙂 ｓｅｌｅｃｔ \u0000',
];
/** Sent as they are in the URL, so the server decodes them itself (traversal, NUL and invalid UTF-8). */
const RAW_IN_URL = ['..%2f..%2f', '..%2F..%2Fetc%2Fpasswd', '%00', '%ff%fe', '%E0%A4%A'];
/** JSON values for body fields besides the strings: wrong types, huge numbers, operator objects, a lone surrogate. */
const JSON_VALUES: unknown[] = [
  ...STRINGS,
  '\ud800',
  1e308,
  -1e308,
  2 ** 64,
  { $ne: null },
  ["' or 1=1--"],
  null,
  true,
];

/** Signs of internals in an answer: stack frames, source or system paths, PostgreSQL's and libraries' messages. */
const LEAKS = [
  /\bat .*\((?:\/|file:|node:)/,
  /\.(ts|js|mjs|cjs):\d+/,
  /node_modules/,
  /\/work\/|\/home\/|\/tmp\/|file:\/\//,
  /PostgresError|syntax error at or near|invalid input syntax|invalid byte sequence|violates .* constraint/i,
  /(relation|column) "[^"]*" does not exist/,
  /Malformed JSON|Unexpected token|is not valid JSON|TypeError|RangeError|SyntaxError/,
  /root:x:0:0/,
];

type Tier = 'public' | 'admin';
type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'body';
  required: boolean;
  schema: Json;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The media type of the body, when the operation takes one. */
  bodyType: string | null;
}

/** A valid value for a parameter where the schema alone does not give one; ids name nothing that exists. */
const SAMPLES: Record<string, unknown> = {
  period: '2025',
  place: '31.75.01.1001',
  date: '2025-01-15',
  startedOn: '2025-01-15',
  from: '2025-01-01',
  to: '2025-01-31',
  organisation: 'demo-polres-ppa',
  fileName: 'injection.csv',
  actor: 'injection-nobody',
  username: 'injection-nobody',
  password: 'not-the-password',
  currentPassword: 'not-the-current-password',
  newPassword: 'another-password-for-injection',
};

/**
 * Extra body fields of the writes, so that every request is refused after its values have reached the database and
 * nothing is written: a venue that does not exist, an organisation that does not exist, a username that is taken.
 * (Path ids name nothing that exists, see {@link baseline}.)
 */
const WRITE_BASELINES: Record<string, (target: string) => Json> = {
  'POST /interventions': (target) => (target === 'location' ? {} : { venueId: '999999999999999999' }),
  'POST /accounts': (target) => ({
    ...(target === 'username' ? {} : { username: 'admin' }),
    ...(target === 'organisationCode' ? {} : { organisationCode: 'injection-no-such-org' }),
  }),
};

/** Audit actions of writes: none may be recorded for this file's admin. */
const WRITE_ACTIONS = [
  'account.create',
  'account.update',
  'password.change',
  'intervention.create',
  'intervention.update',
  'import.run',
  'import.rollback',
  'logout',
  'logout.everywhere',
];
/** Usernames a payload could have created an account under. */
const PAYLOAD_NAMES = [...STRINGS, ...RAW_IN_URL, 'injection-nobody'].filter((name) =>
  /^[a-z0-9_.-]{3,40}$/.test(name),
);

/** The baseline value of a parameter: a sample by name, else the schema's enum, default, minimum or an id of nothing. */
function baseline(parameter: Parameter): unknown {
  const { schema, name } = parameter;
  if (name in SAMPLES) return SAMPLES[name];
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  if (pattern.includes('{36}')) return '00000000-0000-0000-0000-000000000000';
  if (pattern.includes('\\d') && parameter.in === 'path') return '999999999999999999';
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return false;
  return 'x';
}

/** Every operation of the OpenAPI document with its declared parameters (JSON body fields included). */
function operationsOf(document: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters: Parameter[] = ((operation.parameters ?? []) as Json[]).map((p) => ({
        name: String(p.name),
        in: p.in as 'query' | 'path',
        required: p.required === true,
        schema: (p.schema ?? {}) as Json,
      }));
      const content = ((operation.requestBody as Json | undefined)?.content ?? {}) as Record<string, Json>;
      const bodyType = Object.keys(content)[0] ?? null;
      const bodySchema = content['application/json']?.schema as Json | undefined;
      if (bodyType === 'application/json' && bodySchema?.properties) {
        const required = new Set((bodySchema.required ?? []) as string[]);
        for (const [name, schema] of Object.entries(bodySchema.properties as Record<string, Json>)) {
          parameters.push({ name, in: 'body', required: required.has(name), schema });
        }
      }
      operations.push({ method: method.toUpperCase(), path, parameters, bodyType });
    }
  }
  return operations;
}

/** The request of `operation` with required parameters at their baseline and `target` set to `value`. */
function requestOf(operation: Operation, target: Parameter, value: unknown, raw: boolean) {
  const query = new URLSearchParams();
  const rawQuery: string[] = [];
  const body: Json = {};
  let path = operation.path;
  for (const parameter of operation.parameters) {
    const isTarget = parameter === target;
    if (!isTarget && !parameter.required) continue;
    const chosen = isTarget ? value : baseline(parameter);
    if (parameter.in === 'body') body[parameter.name] = chosen;
    else if (parameter.in === 'path') {
      path = path.replace(
        `{${parameter.name}}`,
        raw && isTarget ? String(chosen) : encodeURIComponent(String(chosen)),
      );
    } else if (raw && isTarget) rawQuery.push(`${parameter.name}=${String(chosen)}`);
    else query.set(parameter.name, String(chosen));
  }
  const extra = WRITE_BASELINES[`${operation.method} ${operation.path}`]?.(target.name) ?? {};
  for (const [name, chosen] of Object.entries(extra)) if (name !== target.name) body[name] = chosen;
  const search = [query.toString(), ...rawQuery].filter(Boolean).join('&');
  const url = `/api${path}${search ? `?${search}` : ''}`;
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (operation.bodyType === 'application/json') {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (operation.bodyType) {
    // Raw uploads (imports): an empty file, refused after the query and organisation are checked.
    headers['Content-Type'] = operation.bodyType;
    payload = '';
  }
  return { url, init: { method: operation.method, headers, body: payload } };
}

/** Checks one answer: no 5xx, no internals, well-formed JSON where JSON is declared, no cookie but ours. */
async function expectSafe(res: Response, label: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
  for (const leak of LEAKS) expect(text, `${label} leaks ${leak}`).not.toMatch(leak);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const parsed = JSON.parse(text) as Json;
    if (res.status >= 400) {
      const error = parsed.error as Json;
      expect(typeof error.code, label).toBe('string');
      expect(typeof error.message, label).toBe('string');
    }
  }
  for (const cookie of res.headers.getSetCookie()) expect(cookie, label).toMatch(/^tr_session=/);
}

/** The app's answer, asked again while it is 503 because another test file changed the data (minutes at most). */
async function send(url: string, init: RequestInit): Promise<{ res: Response; ms: number }> {
  const deadline = Date.now() + 3 * 60_000;
  for (;;) {
    const started = Date.now();
    const res = await app.request(url, init);
    const ms = Date.now() - started;
    if (res.status !== 503 || Date.now() > deadline) return { res, ms };
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** What must not change: the tables, the demo data and the accounts this test knows. */
async function snapshot(admin: string) {
  const [row] = await db.sql<Json[]>`
    select
      (select string_agg(tablename, ',' order by tablename) from pg_tables where schemaname = 'public') as tables,
      (select count(*)::int from admin_areas) as areas,
      (select md5(string_agg(code || name || kind, ',' order by code)) from organisations) as organisations,
      (select count(*)::int from incidents i join import_batches b on b.id = i.batch_id where b.synthetic)
        as demo_incidents,
      (select count(*)::int from venues where source = 'synthetic') as demo_venues,
      (select count(*)::int from interventions i join import_batches b on b.id = i.batch_id where b.synthetic)
        as demo_interventions,
      (select md5(string_agg(username || role || password_hash || coalesce(disabled_at::text, '')
                             || coalesce(organisation_code, ''), ',' order by username))
         from accounts where username in ('admin', 'satgas', 'ngo', ${admin})) as accounts,
      (select count(*)::int from interventions where created_by = (select id from accounts where username = ${admin}))
        as own_interventions,
      (select count(*)::int from import_batches where imported_by = (select id from accounts where username = ${admin}))
        as own_imports,
      (select count(*)::int from audit_log where actor = ${admin} and action in ${db.sql(WRITE_ACTIONS)})
        as own_writes,
      (select count(*)::int from accounts where username in ${db.sql(PAYLOAD_NAMES)}) as payload_accounts`;
  return row;
}

// An admin account of this file alone (a fresh name every run): it may sign out, fail a password change, or be
// throttled without touching the demo accounts other test files use.
const ADMIN = `injection-${Date.now().toString(36)}`;
const ADMIN_PASSWORD = 'injection-test-password-1';
let adminCookie = '';
let operations: Operation[] = [];
let before: Json | undefined;

beforeAll(async () => {
  await upsertAccount(db.sql, ADMIN, 'admin', ADMIN_PASSWORD);
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: ADMIN, password: ADMIN_PASSWORD }),
  });
  adminCookie = /tr_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  expect(adminCookie).not.toBe('');
  operations = operationsOf((await (await app.request('/api/openapi.json')).json()) as Json);
  before = await snapshot(ADMIN);
});

afterAll(async () => {
  // Also any account a payload created (a failure of this file), so that the next run starts clean.
  await db.sql`delete from accounts where username = ${ADMIN} or username in ${db.sql(PAYLOAD_NAMES)}`;
});

describe('hostile input on every route and parameter', () => {
  it('reads an OpenAPI document with the routes partners script against', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['POST /auth/login', 'GET /releases/cells', 'POST /interventions']),
    );
    expect(operations.flatMap((o) => o.parameters).length).toBeGreaterThan(40);
  });

  for (const tier of ['public', 'admin'] as Tier[]) {
    it(`never answers the ${tier} tier with a 5xx or internals, and changes nothing`, async () => {
      let sent = 0;
      for (const operation of operations) {
        for (const parameter of operation.parameters) {
          const values: { value: unknown; raw: boolean }[] =
            parameter.in === 'body'
              ? JSON_VALUES.map((value) => ({ value, raw: false }))
              : [
                  ...STRINGS.map((value) => ({ value, raw: false })),
                  ...RAW_IN_URL.map((value) => ({ value, raw: true })),
                ];
          for (const { value, raw } of values) {
            const { url, init } = requestOf(operation, parameter, value, raw);
            if (tier === 'admin') init.headers.Cookie = adminCookie;
            const label = `${tier} ${operation.method} ${operation.path} ${parameter.in} ${parameter.name}=${JSON.stringify(value)}`;
            const { res, ms } = await send(url, init);
            await expectSafe(res, label);
            if (typeof value === 'string' && value.includes('pg_sleep')) expect(ms, label).toBeLessThan(5000);
            sent++;
          }
        }
      }
      expect(sent).toBeGreaterThan(500);
      // The admin's session survived it all (no payload signed it out or changed its password).
      if (tier === 'admin') {
        expect((await app.request('/api/auth/me', { headers: { Cookie: adminCookie } })).status).toBe(200);
      }
      const after = await snapshot(ADMIN);
      expect(after).toEqual(before);
      expect(after?.own_interventions).toBe(0);
      expect(after?.own_imports).toBe(0);
      expect(after?.own_writes).toBe(0);
      expect(after?.payload_accounts).toBe(0);
    });
  }

  it('serves no file outside its folders, however the path is written', async () => {
    for (const path of [
      '/api/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/server/src/config.ts',
      '/basemap/..%2f..%2fpackage.json',
      '/basemap/%2e%2e%2f%2e%2e%2fserver%2fsrc%2fconfig.ts',
      '/..%5c..%5cpackage.json',
    ]) {
      const res = await app.request(path);
      const text = await res.text();
      expect(res.status, path).toBeLessThan(500);
      expect(text, path).not.toMatch(/root:x:0:0|"devDependencies"|readConfig|DATABASE_URL/);
    }
  });
});

describe('header injection over a real socket', () => {
  let server: Listening | undefined;
  beforeAll(async () => {
    // This app's first release is decided before the requests: data that another test file has just changed can
    // take a busy machine longer than one test's time to decide.
    await releases.refresh();
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Sends raw request bytes and returns the raw answer (the connection is closed by the request). */
  function rawRequest(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server?.port ?? 0, '127.0.0.1');
      let answer = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(bytes, 'latin1');
    });
  }

  /** Status and headers (lower-case names) of a raw answer. */
  function parse(answer: string) {
    const [head = ''] = answer.split('\r\n\r\n');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers = lines.map((line) => line.toLowerCase());
    return { status, headers, body: answer.slice(head.length + 4) };
  }

  const cases: [string, string][] = [
    [
      'CRLF in a Cookie',
      'GET /api/releases/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tr_session=x\r\nSet-Cookie: a=b\r\n',
    ],
    [
      'bare CR in a Cookie',
      'GET /api/releases/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tr_session=x\rSet-Cookie: a=b\r\n',
    ],
    [
      'bare LF in a Cookie',
      'GET /api/releases/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tr_session=x\nSet-Cookie: a=b\r\n',
    ],
    [
      'CRLF in an Origin',
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nSet-Cookie: a=b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n',
    ],
    [
      'folded Origin',
      'POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n Set-Cookie: a=b\r\nContent-Length: 0\r\n',
    ],
    ['NUL in a header', 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tr_session=\u0000x\r\n'],
    [
      'CRLF in the query',
      'GET /api/releases/cells?resolution=7&period=2025%0D%0ASet-Cookie:%20a=b&category=all HTTP/1.1\r\nHost: 127.0.0.1\r\n',
    ],
    [
      'CRLF in a path parameter',
      'GET /api/imports/templates/x%0D%0ASet-Cookie:%20a=b HTTP/1.1\r\nHost: 127.0.0.1\r\n',
    ],
  ];
  for (const [name, head] of cases) {
    it(`answers ${name} without a 5xx or a cookie of the attacker`, async () => {
      const isPost = head.startsWith('POST /api/auth/login');
      const answer = parse(await rawRequest(`${head}Connection: close\r\n\r\n${isPost ? '{}' : ''}`));
      expect(answer.status, name).toBeGreaterThanOrEqual(200);
      expect(answer.status, name).toBeLessThan(500);
      expect(
        answer.headers.filter((h) => h.startsWith('set-cookie:') && !h.startsWith('set-cookie: tr_session=')),
        name,
      ).toEqual([]);
      expect(
        answer.headers.some((h) => h.startsWith('a:') || h.includes('a=b')),
        name,
      ).toBe(false);
      for (const leak of LEAKS) expect(answer.body, `${name} leaks ${leak}`).not.toMatch(leak);
    });
  }
});
