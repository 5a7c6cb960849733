// What every release-based endpoint does before answering: open the current release of the caller's tier (or
// 503 while none is ready), check the requested period and resolution against the tier's policy (400/403/404),
// and answer 304 for a response the client already holds. Who may ask, and the audit entry of a tier-restricted
// read, are the access table's (server/src/http/access.ts).
import { apiErrorSchema, type Tier } from '@titik-rawan/shared';
import type { Context } from 'hono';
import { resolver } from 'hono-openapi';
import type { Sql } from '../db/database';
import { dataVersion } from '../db/meta';
import type { AppEnv } from '../http/env';
import { cachedAnswer } from '../http/answer-cache';
import { ApiError } from '../http/errors';
import { isDatabaseUnavailable } from '../http/error-response';
import { checkPeriod, checkResolution, type AccessRefusal } from '../releases/policy';
import { ReleasePending, type ReleaseStore } from '../releases/release-store';

/** OpenAPI content of a JSON response with a zod schema. */
export const json = (schema: Parameters<typeof resolver>[0]) => ({
  'application/json': { schema: resolver(schema) },
});
/** The error responses of release-based endpoints. */
export const ERRORS = {
  400: {
    description: 'A parameter is malformed; the message names it and what is allowed',
    content: json(apiErrorSchema),
  },
  403: {
    description: 'The caller’s access tier may not see this resolution or period',
    content: json(apiErrorSchema),
  },
  404: { description: 'The period lies outside the data', content: json(apiErrorSchema) },
  503: {
    description:
      '`release_pending`: the first release after the server started is still being decided (Retry-After); `release_unavailable`: it could not be made safe to publish; `database_unavailable`',
    content: json(apiErrorSchema),
  },
} as const;

const REFUSAL_CODES: Record<AccessRefusal['status'], string> = {
  400: 'invalid_parameter',
  403: 'not_for_this_tier',
  404: 'no_data_for_period',
};

/** Throws the API error of an access refusal. */
export function refuse(refusal: AccessRefusal): never {
  throw new ApiError(
    refusal.status,
    REFUSAL_CODES[refusal.status],
    `query parameter "${refusal.parameter}": ${refusal.message}`,
  );
}

/** Whether a check returned a refusal. */
export function isRefusal<T>(value: T | AccessRefusal): value is AccessRefusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'parameter' in value;
}

/**
 * Answers 304 when the client already holds this exact response (same data version, tier and query);
 * otherwise sets the ETag. Responses of signed-in tiers are private to the browser.
 */
export function conditional(c: Context<AppEnv>, version: string): boolean {
  const tier = c.get('tier');
  const tag = `W/"r${version}-${tier}-${Buffer.from(c.req.url.split('?')[1] ?? '').toString('base64url')}"`;
  c.header('ETag', tag);
  c.header('Cache-Control', `${tier === 'public' ? 'public' : 'private'}, no-cache`);
  c.header('Vary', 'Cookie, Accept-Encoding');
  return c.req.header('If-None-Match') === tag;
}

/**
 * The version of an answer that reads the places (venues, interventions, organisations, areas) besides the release:
 * the release's data version and the places version together.
 */
export async function withPlacesVersion(sql: Sql, releaseVersion: string): Promise<string> {
  return `${releaseVersion}.${await dataVersion(sql, 'places')}`;
}

/** Seconds a client is asked to wait (Retry-After) before asking again for a release still being decided. */
export const RELEASE_PENDING_RETRY_SECONDS = 10;

/** Opening the caller's release for a request: the shared first steps of every release-based endpoint. */
export function releaseAccess(store: ReleaseStore) {
  /**
   * The answer of this request at this data version: built by `build` (a `c.json(…, 200)`) the first time, then
   * the kept body (answer-cache.ts).
   */
  const answer = <R extends Response>(c: Context<AppEnv>, version: string, build: () => R | Promise<R>) =>
    cachedAnswer(c, store.answers, version, build);
  /** The current release (503 while none is ready) and the tier's part of it. */
  const tierRelease = async (tier: Tier) => {
    const current = await store.release().catch((error: unknown) => {
      // A database that cannot be reached is not a release problem: 503 database_unavailable (error-response.ts).
      if (isDatabaseUnavailable(error)) throw error;
      if (error instanceof ReleasePending) {
        throw new ApiError(
          503,
          'release_pending',
          'The figures for the current data are still being checked against the disclosure rules (on a large data set this takes minutes after the server starts); nothing is published until they are. Try again shortly.',
          RELEASE_PENDING_RETRY_SECONDS,
        );
      }
      console.error(error);
      throw new ApiError(
        503,
        'release_unavailable',
        'The figures for the current data are not ready or could not be made safe to publish; nothing is published until they are. Try again shortly.',
      );
    });
    return { current, release: current.set.tiers[tier] };
  };
  /** The caller's release and the checked period (or a 400/403/404). */
  const openRelease = async (c: Context<AppEnv>, periodText: string) => {
    const { current, release } = await tierRelease(c.get('tier'));
    const period = checkPeriod(release.policy, periodText, current.set.span);
    if (isRefusal(period)) refuse(period);
    return { current, release, period };
  };
  /** The tier's release, the checked period and the checked resolution (or a 400/403/404). */
  const openCells = async (c: Context<AppEnv>, query: { resolution: string; period: string }) => {
    const opened = await openRelease(c, query.period);
    const resolution = checkResolution(opened.release.policy, query.resolution);
    if (isRefusal(resolution)) refuse(resolution);
    return { ...opened, resolution };
  };
  return { tierRelease, openRelease, openCells, answer };
}
