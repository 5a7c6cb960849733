// Who may call which endpoint with which parameters: one table for the whole API, enforced by `accessControl`
// before any handler runs. A request the table does not name is answered 404, so a new endpoint stays closed
// until it is given a line here. Tier-restricted reads are written to the audit log here too, after the answer.
import { TIERS, type Tier } from '@titik-rawan/shared';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { recordAudit } from '../audit/audit-log';
import type { SessionAccount } from '../auth/sessions';
import type { Sql } from '../db/database';
import { parsePeriod, PERIOD_KINDS } from '../releases/periods';
import {
  checkPeriodKind,
  checkResolution,
  type AccessRefusal,
  type ReleasePolicy,
  type TierPolicy,
} from '../releases/policy';
import { clientAddress } from './client-address';
import type { AppEnv } from './env';
import { ApiError } from './errors';

/** Every tier, the public included. */
export const EVERYONE: readonly Tier[] = TIERS;
/** Every signed-in tier: NGOs, the task force and admins. */
export const SIGNED_IN: readonly Tier[] = ['ngo', 'satgas', 'admin'];
/** Tiers that plan banners, cameras and patrols: the task force and admins. */
export const TASK_FORCE: readonly Tier[] = ['satgas', 'admin'];
/** Admins only. */
export const ADMIN: readonly Tier[] = ['admin'];

/** Query parameters whose allowed values depend on the caller's release policy. */
export type PolicyParameter = 'resolution' | 'period' | 'step';

/** One line of the table: who may call an endpoint, and what is checked and audited on the way. */
export interface AccessRule {
  /** Tiers that may call the endpoint; others get 401 (the public) or 403. */
  readonly tiers: readonly Tier[];
  /** What the endpoint is, for the refusal message ("Patrol planning is for …"). */
  readonly what: string;
  /** Why it is closed to the public, added to the 401 message where it helps. */
  readonly why?: string;
  /**
   * Query parameters held to the caller's release policy: `resolution` to its finest H3 resolution, `period` and
   * `step` to its finest period kind (403 beyond it). The counts themselves obey the tier's threshold k, applied
   * when the release is built (server/src/releases/suppression.ts).
   */
  readonly policy?: readonly PolicyParameter[];
  /** Audit action of a signed-in caller's read of tier-restricted data (writes are audited by their handler). */
  readonly audit?: string;
}

const RELEASED = { tiers: EVERYONE, audit: 'release.read' } as const;
const PLACES = {
  tiers: SIGNED_IN,
  audit: 'places.read',
  why: 'so that the public map cannot be read as a list of accused places',
} as const;
const CELLS: readonly PolicyParameter[] = ['resolution', 'period'];

/** The access table: `METHOD /path` as in the OpenAPI document (relative to /api, path parameters as `{id}`). */
export const ACCESS_TABLE: Readonly<Record<string, AccessRule>> = {
  'GET /openapi.json': { tiers: EVERYONE, what: 'The API description' },
  'GET /health': { tiers: EVERYONE, what: 'The health check' },
  'GET /config': { tiers: EVERYONE, what: 'The dashboard configuration' },
  'GET /geography/areas': { tiers: EVERYONE, what: 'The administrative areas' },

  'POST /auth/login': { tiers: EVERYONE, what: 'Signing in' },
  'POST /auth/logout': { tiers: SIGNED_IN, what: 'Signing out' },
  'POST /auth/logout-everywhere': { tiers: SIGNED_IN, what: 'Signing out everywhere' },
  'POST /auth/password': { tiers: SIGNED_IN, what: 'Changing the password' },
  'GET /auth/me': { tiers: SIGNED_IN, what: 'The signed-in account' },

  'GET /releases/cells': { ...RELEASED, what: 'Released counts per cell', policy: CELLS },
  'GET /releases/areas': { ...RELEASED, what: 'Released counts per area', policy: ['period'] },
  'GET /releases/series': { ...RELEASED, what: 'A released series', policy: ['step'] },
  'GET /releases/metadata': { tiers: EVERYONE, what: 'The release metadata' },
  'GET /releases/geography': { tiers: EVERYONE, what: 'The release geography' },
  'GET /hotspots': { ...RELEASED, what: 'The hot spot map', policy: CELLS },
  'GET /hotspots/emerging': { ...RELEASED, what: 'Emerging hot spots', policy: ['resolution', 'step'] },
  'GET /risk-terrain': { ...RELEASED, what: 'The risk terrain', policy: CELLS },
  'GET /forecast-checks': { ...RELEASED, what: 'The forecast checks', policy: CELLS },

  'GET /venues': { ...PLACES, what: 'The venue map' },
  'GET /interventions': { ...PLACES, what: 'The intervention map' },
  'POST /interventions': { tiers: SIGNED_IN, what: 'Recording interventions' },
  'PATCH /interventions/{id}': { tiers: SIGNED_IN, what: 'Changing interventions' },
  'GET /places/summary': { ...PLACES, what: 'The venue and intervention counts' },
  'GET /organisations': { tiers: SIGNED_IN, what: 'The list of organisations' },

  'GET /planning/placements': {
    tiers: TASK_FORCE,
    what: 'Placement planning',
    policy: CELLS,
    audit: 'planning.read',
  },
  'GET /planning/patrol': {
    tiers: TASK_FORCE,
    what: 'Patrol planning',
    policy: CELLS,
    audit: 'planning.read',
  },
  'GET /planning/outreach': {
    tiers: SIGNED_IN,
    what: 'Outreach priorities',
    policy: ['period'],
    audit: 'planning.read',
  },
  'GET /planning/coverage': {
    tiers: SIGNED_IN,
    what: 'The coverage view',
    policy: CELLS,
    audit: 'planning.read',
  },

  'GET /imports/templates/{kind}': { tiers: ADMIN, what: 'Import templates' },
  'POST /imports/check': { tiers: ADMIN, what: 'Importing data' },
  'POST /imports': { tiers: ADMIN, what: 'Importing data' },
  'GET /imports': { tiers: ADMIN, what: 'The import history' },
  'GET /imports/jobs/{id}': { tiers: ADMIN, what: 'Import progress' },
  'GET /imports/reports/{id}/errors.csv': { tiers: ADMIN, what: 'Import error reports' },
  'POST /imports/{id}/rollback': { tiers: ADMIN, what: 'Rolling back imports' },

  'GET /accounts': { tiers: ADMIN, what: 'Account management', audit: 'accounts.read' },
  'POST /accounts': { tiers: ADMIN, what: 'Account management' },
  'PATCH /accounts/{id}': { tiers: ADMIN, what: 'Account management' },

  'GET /audit': { tiers: ADMIN, what: 'The audit log' },
  'GET /audit/export.csv': { tiers: ADMIN, what: 'The audit log' },
};

interface CompiledRule {
  readonly key: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly literal: boolean;
  readonly rule: AccessRule;
}

/** Table lines as method + path pattern; literal paths are tried before paths with parameters. */
const COMPILED: readonly CompiledRule[] = Object.entries(ACCESS_TABLE)
  .map(([key, rule]) => {
    const [method = '', path = ''] = key.split(' ');
    const source = path
      .split('/')
      .map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('/');
    return { key, method, pattern: new RegExp(`^${source}$`), literal: !path.includes('{'), rule };
  })
  .sort((a, b) => Number(b.literal) - Number(a.literal));

/** The table line of a request (HEAD as GET), or null when the table does not name it. */
export function findAccessRule(method: string, path: string): { key: string; rule: AccessRule } | null {
  const asked = method === 'HEAD' ? 'GET' : method;
  const found = COMPILED.find((line) => line.method === asked && line.pattern.test(path));
  return found ? { key: found.key, rule: found.rule } : null;
}

const TIER_NAMES: Readonly<Record<Tier, string>> = {
  public: 'public',
  ngo: 'NGO',
  satgas: 'task-force',
  admin: 'admin',
};

/** "NGO, task-force and admin" for a list of tiers. */
function tierList(tiers: readonly Tier[]): string {
  const names = tiers.map((t) => TIER_NAMES[t]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** The refusal of a tier the rule does not admit: 401 for the public, 403 for a signed-in tier. */
function refuseTier(rule: AccessRule, tier: Tier): never {
  const who = tierList(rule.tiers);
  if (tier === 'public') {
    const why = rule.why ? `, ${rule.why}` : '';
    throw new ApiError(401, 'sign_in_required', `${rule.what} is for signed-in ${who} accounts${why}.`);
  }
  throw new ApiError(403, 'not_for_this_tier', `${rule.what} is for ${who} accounts.`);
}

/** The 403 refusal of a policy parameter finer than the tier may see, or null (a malformed value is left to the
 * endpoint's own validation, which answers it with a 400 naming what is allowed). */
function tooFine(tierPolicy: TierPolicy, parameter: PolicyParameter, value: string): AccessRefusal | null {
  if (parameter === 'resolution') {
    const resolution = checkResolution(tierPolicy, value);
    return typeof resolution === 'object' && resolution.status === 403 ? resolution : null;
  }
  const kind = parameter === 'period' ? parsePeriod(value)?.kind : PERIOD_KINDS.find((k) => k === value);
  return kind ? checkPeriodKind(tierPolicy, kind, parameter) : null;
}

/** Refuses (403) any policy parameter of the request finer than the caller's tier may see. */
function checkPolicyParameters(c: Context<AppEnv>, rule: AccessRule, policy: ReleasePolicy): void {
  for (const parameter of rule.policy ?? []) {
    const value = c.req.query(parameter);
    const refusal = value === undefined ? null : tooFine(policy[c.get('tier')], parameter, value);
    if (refusal)
      throw new ApiError(403, 'not_for_this_tier', `query parameter "${parameter}": ${refusal.message}`);
  }
}

/** Enforces the access table on every API request (after the session middleware has set the tier). */
export function accessControl(sql: Sql, policy: ReleasePolicy) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path.replace(/^\/api(?=\/)/, '');
    const found = findAccessRule(c.req.method, path);
    if (!found) throw new ApiError(404, 'not_found', 'No such API endpoint; see /api/openapi.json.');
    const { rule } = found;
    const tier = c.get('tier');
    if (!rule.tiers.includes(tier)) refuseTier(rule, tier);
    checkPolicyParameters(c, rule, policy);
    await next();
    const account = c.get('account');
    if (rule.audit && account) {
      const query = new URL(c.req.url).search;
      await recordAudit(sql, {
        actor: account.username,
        action: rule.audit,
        target: `${path}${query}`.slice(0, 500),
        address: clientAddress(c),
        details: { status: c.res.status },
      });
    }
  });
}

/** The signed-in account of a request the access table admits only for signed-in tiers. */
export function signedInAccount(c: Context<AppEnv>): SessionAccount {
  const account = c.get('account');
  if (!account) throw new ApiError(401, 'sign_in_required', 'Sign in first: this needs an account.');
  return account;
}
