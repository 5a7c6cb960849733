// The authorisation walk: every endpoint of the OpenAPI document × every tier, against the access table
// (server/src/http/access.ts) and the release policy — who gets in, who is refused, and that no answer carries
// finer data than the caller's tier may see.
import { getResolution, isValidCell } from 'h3-js';
import { TIERS, type Tier } from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertAccount } from '@titik-rawan/server/auth/accounts';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { ACCESS_TABLE, findAccessRule } from '@titik-rawan/server/http/access';
import { isAtLeastAsCoarse, parsePeriod } from '@titik-rawan/server/releases/periods';
import { DEFAULT_RELEASE_POLICY } from '@titik-rawan/server/releases/policy';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, waitUntilReady } = requestsTo(app);
/** Accounts of this file alone, one per role, so that signing out everywhere ends no other file's sessions. */
const WALKERS = { ngo: 'access-walk-ngo', satgas: 'access-walk-satgas', admin: 'access-walk-admin' } as const;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: { enum?: string[] };
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  hasBody: boolean;
}

/** Values of a well-formed request that every tier's policy allows. */
const SAMPLE: Readonly<Record<string, string>> = {
  resolution: '7',
  period: '2025',
  category: 'all',
  step: 'quarter',
  level: 'kelurahan',
  place: '31.75.01.1001',
  kind: 'incidents',
  format: 'csv',
  shift: 'afternoon',
  date: '2026-11-09',
  id: '999999999',
  sites: '5',
};

/** The finer-than-allowed value of a policy parameter for a tier, or null when the tier already sees the finest. */
function tooFine(tier: Tier, parameter: string): string | null {
  const policy = DEFAULT_RELEASE_POLICY[tier];
  if (parameter === 'resolution') return policy.finestResolution < 8 ? '8' : null;
  if (policy.finestPeriod === 'month') return null;
  return parameter === 'period' ? '2025-01' : 'month';
}

let operations: Operation[] = [];
const cookies: Partial<Record<Tier, string>> = {};

function request(operation: Operation, tier: Tier, overrides: Record<string, string> = {}) {
  const values = (p: Parameter) => overrides[p.name] ?? SAMPLE[p.name] ?? p.schema?.enum?.[0] ?? 'x';
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values({ name, in: 'path' }));
  const query = new URLSearchParams(
    operation.parameters
      .filter((p) => p.in === 'query' && (p.required || p.name in overrides))
      .map((p) => [p.name, values(p)]),
  );
  const headers: Record<string, string> = {};
  const cookie = cookies[tier];
  if (cookie) headers.Cookie = cookie;
  // An empty JSON body: admitted callers get a 400 naming a missing field, so nothing is ever written.
  if (operation.hasBody) headers['Content-Type'] = 'application/json';
  const url = `/api${path}${query.size ? `?${query}` : ''}`;
  return app.request(url, { method: operation.method, headers, body: operation.hasBody ? '{}' : undefined });
}

/** The answer, asked again while the figures are still being decided (503). */
async function answer(operation: Operation, tier: Tier, overrides: Record<string, string> = {}) {
  for (let tries = 0; ; tries++) {
    const res = await request(operation, tier, overrides);
    if (res.status !== 503 || tries > 60) return res;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Whether a call ends the caller's sessions (sign-outs): the walker signs in again after it. */
const endsSession = (operation: Operation) => /^\/auth\/logout/.test(operation.path);

async function signInWalkers(): Promise<void> {
  for (const [role, username] of Object.entries(WALKERS)) cookies[role as Tier] = await signIn(username);
}

beforeAll(async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      hasBody: op.requestBody !== undefined && !path.startsWith('/imports'),
    })),
  );
  for (const [role, username] of Object.entries(WALKERS)) {
    await upsertAccount(db.sql, username, role as keyof typeof WALKERS, DEFAULT_DEMO_PASSWORD);
  }
  await signInWalkers();
  await waitUntilReady('/api/releases/metadata');
}, 600_000);

describe('the access table', () => {
  it('names exactly the endpoints of the OpenAPI document', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    const tabled = Object.keys(ACCESS_TABLE)
      .filter((key) => key !== 'GET /openapi.json')
      .sort();
    expect(documented).toEqual(tabled);
  });

  it('keeps places, planning, imports, accounts and the audit log to the tiers they are for', () => {
    const tiersOf = (key: string) => [...(ACCESS_TABLE[key]?.tiers ?? [])].sort();
    for (const key of [
      'GET /venues',
      'GET /interventions',
      'GET /places/summary',
      'GET /planning/outreach',
    ]) {
      expect(tiersOf(key), key).toEqual(['admin', 'ngo', 'satgas']);
    }
    for (const key of ['GET /planning/patrol', 'GET /planning/placements']) {
      expect(tiersOf(key), key).toEqual(['admin', 'satgas']);
    }
    const adminOnly = Object.keys(ACCESS_TABLE).filter((key) =>
      /^\w+ \/(imports|accounts|audit)\b/.test(key),
    );
    expect(adminOnly.length).toBeGreaterThanOrEqual(12);
    for (const key of adminOnly) expect(tiersOf(key), key).toEqual(['admin']);
  });

  it('answers 404 to an API path it does not name, whoever asks', async () => {
    for (const tier of TIERS) {
      const res = await app.request('/api/releases/raw-incidents', {
        headers: cookies[tier] ? { Cookie: cookies[tier] } : {},
      });
      expect(res.status).toBe(404);
    }
    expect(findAccessRule('DELETE', '/releases/cells')).toBeNull();
  });
});

describe('every endpoint × every tier', () => {
  it('admits exactly the tiers the table names, and refuses the rest with 401 or 403', async () => {
    const outcomes: string[] = [];
    for (const operation of operations) {
      const rule = ACCESS_TABLE[`${operation.method} ${operation.path}`];
      expect(rule, `${operation.method} ${operation.path} has a line in the table`).toBeDefined();
      for (const tier of TIERS) {
        const res = await answer(operation, tier);
        if (endsSession(operation)) await signInWalkers();
        const body = await res.text();
        const line = `${operation.method} ${operation.path} as ${tier}: ${res.status}`;
        if (rule?.tiers.includes(tier)) {
          expect([401, 403], `${line} ${body}`).not.toContain(res.status);
        } else {
          expect(res.status, `${line} ${body}`).toBe(tier === 'public' ? 401 : 403);
          expect(JSON.parse(body).error.code).toBe(
            tier === 'public' ? 'sign_in_required' : 'not_for_this_tier',
          );
        }
        expect(res.status, `${line} ${body}`).toBeLessThan(500);
        outcomes.push(line);
      }
    }
    expect(outcomes.length).toBe(operations.length * TIERS.length);
  }, 600_000);

  it('refuses a resolution or period finer than the tier’s release policy (403)', async () => {
    let refusals = 0;
    for (const operation of operations) {
      const rule = ACCESS_TABLE[`${operation.method} ${operation.path}`];
      for (const parameter of rule?.policy ?? []) {
        for (const tier of rule?.tiers ?? []) {
          const value = tooFine(tier, parameter);
          if (value === null) continue;
          const res = await answer(operation, tier, { [parameter]: value });
          expect(res.status, `${operation.path} ${parameter}=${value} as ${tier}`).toBe(403);
          refusals++;
        }
      }
    }
    // The public is refused months and resolution 8 on every release-based endpoint it may call.
    expect(refusals).toBeGreaterThanOrEqual(10);
  }, 600_000);
});

/** Every value in a JSON document, with the key it sits under. */
function* walk(value: unknown, key = ''): Generator<[string, unknown, unknown]> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item, key);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [k, v, value];
      yield* walk(v, k);
    }
  }
}

describe('no finer data reaches a coarser tier', () => {
  it('answers each tier only with cells, periods and counts its release policy allows', async () => {
    const unchecked: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'GET')) {
      const rule = ACCESS_TABLE[`${operation.method} ${operation.path}`];
      for (const tier of rule?.tiers ?? []) {
        const policy = DEFAULT_RELEASE_POLICY[tier];
        const finest: Record<string, string> = { resolution: String(policy.finestResolution) };
        if (policy.finestPeriod === 'month' && rule?.policy?.includes('step')) finest.step = 'month';
        const res = await answer(operation, tier, rule?.policy ? finest : {});
        if (res.status !== 200 || !res.headers.get('content-type')?.includes('json')) {
          // Every release-based answer must be checked: those are the ones carrying the tier's figures.
          if (rule?.policy) unchecked.push(`${operation.path} as ${tier}: ${res.status} ${await res.text()}`);
          continue;
        }
        const text = await res.text();
        for (const [key, value, parent] of walk(JSON.parse(text))) {
          const where = `${operation.path} as ${tier}: ${key}=${String(value)}`;
          if (typeof value === 'string' && isValidCell(value)) {
            expect(getResolution(value), where).toBeLessThanOrEqual(policy.finestResolution);
          }
          if (key === 'count' && typeof value === 'number' && 'suppressed' in (parent as object)) {
            expect(value === 0 || value >= policy.threshold, where).toBe(true);
          }
          if ((key === 'period' || key === 'key') && typeof value === 'string') {
            const period = parsePeriod(value);
            if (period) expect(isAtLeastAsCoarse(period.kind, policy.finestPeriod), where).toBe(true);
          }
        }
        if (tier === 'public' || tier === 'ngo') expect(text, operation.path).not.toMatch(/"kind":"cctv"/);
      }
    }
    expect(unchecked).toEqual([]);
  }, 600_000);
});
