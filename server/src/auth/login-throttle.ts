// Sign-in throttling from the audit log's recent failed sign-ins (indexed by migration 00004): per account name
// and per address. An unknown name is counted exactly like an existing one, so the answer never tells which
// accounts exist.
import type { Sql } from '../db/database';

/** How far back failed sign-ins count: 15 minutes. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins of one account name within the window (since its last success) that stop further tries. */
export const NAME_FAILURE_LIMIT = 5;
/** Failed sign-ins from one address within the window that stop further tries. */
export const ADDRESS_FAILURE_LIMIT = 20;

/** Why sign-in is refused for now, and for how long. */
export interface LoginThrottled {
  /** Which limit was reached. */
  scope: 'name' | 'address';
  /** Seconds until enough counted failures have left the window for a new try. */
  retryAfterSeconds: number;
}

/**
 * Seconds until the failure whose leaving brings a count under `limit` leaves the window, or null when fewer
 * than `limit` failures count. `failures` is the newest `limit` of them, newest first.
 */
function retryAfter(failures: readonly { wait: number }[], limit: number): number | null {
  const deciding = failures.length >= limit ? failures[limit - 1] : undefined;
  return deciding ? Math.max(1, Math.ceil(deciding.wait)) : null;
}

/**
 * Whether a sign-in as `username` from `address` must be refused now: when the name has {@link NAME_FAILURE_LIMIT}
 * failures in the last {@link LOGIN_WINDOW_SECONDS} since its last successful sign-in, or the address has
 * {@link ADDRESS_FAILURE_LIMIT} failures in the window (not checked when the address is unknown).
 */
export async function loginThrottled(
  sql: Sql,
  username: string,
  address: string | null,
): Promise<LoginThrottled | null> {
  const actor = auditActorName(username);
  const byName = await sql<{ wait: number }[]>`
    select extract(epoch from at + ${LOGIN_WINDOW_SECONDS} * interval '1 second' - now())::float8 as wait
    from audit_log
    where actor = ${actor} and action = 'login.failed'
      and at > now() - ${LOGIN_WINDOW_SECONDS} * interval '1 second'
      and at > coalesce(
        (select max(at) from audit_log where actor = ${actor} and action = 'login'), '-infinity'::timestamptz)
    order by at desc
    limit ${NAME_FAILURE_LIMIT}`;
  const nameWait = retryAfter(byName, NAME_FAILURE_LIMIT);
  if (nameWait !== null) return { scope: 'name', retryAfterSeconds: nameWait };
  if (address === null) return null;
  const byAddress = await sql<{ wait: number }[]>`
    select extract(epoch from at + ${LOGIN_WINDOW_SECONDS} * interval '1 second' - now())::float8 as wait
    from audit_log
    where address = ${address} and action = 'login.failed'
      and at > now() - ${LOGIN_WINDOW_SECONDS} * interval '1 second'
    order by at desc
    limit ${ADDRESS_FAILURE_LIMIT}`;
  const addressWait = retryAfter(byAddress, ADDRESS_FAILURE_LIMIT);
  return addressWait === null ? null : { scope: 'address', retryAfterSeconds: addressWait };
}

/** The name a sign-in attempt is audited (and so throttled) under: what was typed, cut to 100 characters. */
export function auditActorName(username: string): string {
  return username.slice(0, 100);
}

/**
 * Runs sign-in attempts for the same key one after another (within this server process), so that a burst of
 * parallel guesses for one name is counted attempt by attempt instead of all passing the check at once.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of `key` has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
