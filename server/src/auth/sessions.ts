import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '@titik-rawan/shared';
import type { Sql } from '../db/database';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tr_session';
/** How long a session lives at most, used or not: 8 hours, one working shift. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
/** How long a session lives without a request: 2 hours. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/** A session's `last_seen_at` is written at most this often (seconds), not on every request. */
export const LAST_SEEN_STEP_SECONDS = 60;

/** The account behind a valid session. */
export interface SessionAccount {
  id: number;
  username: string;
  role: Role;
}

/**
 * Server-side sessions. The cookie carries a random 256-bit token; the database keeps only its HMAC-SHA256
 * under the session secret, so a copy of the sessions table (a backup, a dump) cannot be replayed as cookies.
 * A session ends at the latest {@link SESSION_TTL_SECONDS} after sign-in, or {@link SESSION_IDLE_SECONDS} after
 * its last request.
 */
export class SessionStore {
  constructor(
    private readonly sql: Sql,
    private readonly secret: string,
  ) {}

  private tokenHash(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('hex');
  }

  /** Creates a session for an account and returns its token; sessions past their end are cleared on the way. */
  async create(accountId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sql`delete from sessions where ${sessionEnded(this.sql)}`;
    await this.sql`
      insert into sessions (token_hash, account_id, expires_at)
      values (${this.tokenHash(token)}, ${accountId}, now() + ${SESSION_TTL_SECONDS} * interval '1 second')`;
    return token;
  }

  /**
   * The enabled account of a live session token, or null when the token is unknown, expired, idle too long or
   * its account disabled. Marks the session as used, writing at most once per {@link LAST_SEEN_STEP_SECONDS}.
   */
  async find(token: string): Promise<SessionAccount | null> {
    const [row] = await this.sql<{ id: string; username: string; role: Role }[]>`
      with live as (
        select s.token_hash, s.last_seen_at, a.id, a.username, a.role
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = ${this.tokenHash(token)} and not (${sessionEnded(this.sql)})
          and a.disabled_at is null
      ), seen as (
        update sessions set last_seen_at = now()
        where token_hash in (
          select token_hash from live
          where last_seen_at < now() - ${LAST_SEEN_STEP_SECONDS} * interval '1 second')
      )
      select id, username, role from live`;
    return row ? { id: Number(row.id), username: row.username, role: row.role } : null;
  }

  /** Ends one session (nothing when the token is unknown). */
  async end(token: string): Promise<void> {
    await this.sql`delete from sessions where token_hash = ${this.tokenHash(token)}`;
  }
}

/** The condition that a session has ended: past its absolute expiry, or idle too long. */
function sessionEnded(sql: Sql) {
  return sql`expires_at <= now() or last_seen_at <= now() - ${SESSION_IDLE_SECONDS} * interval '1 second'`;
}

/** Ends every session of an account (logout everywhere, password, role or disabled change); returns how many. */
export async function endAllSessions(sql: Sql, accountId: number): Promise<number> {
  const result = await sql`delete from sessions where account_id = ${accountId}`;
  return result.count;
}

/** Counts the live sessions of each account, keyed by account id. */
export async function liveSessionCounts(sql: Sql): Promise<Map<number, number>> {
  const rows = await sql<{ account_id: string; n: number }[]>`
    select account_id, count(*)::int as n from sessions where not (${sessionEnded(sql)}) group by account_id`;
  return new Map(rows.map((row) => [Number(row.account_id), row.n]));
}
