import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@titik-rawan/shared';
import type { Sql } from '../db/database';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tr_session';
/** How long a session lives without a new sign-in: 8 hours, one working shift. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The account behind a valid session. */
export interface SessionAccount {
  id: number;
  username: string;
  role: Role;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session for an account and returns its token (only the token's hash is stored). */
export async function createSession(sql: Sql, accountId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await sql`
    insert into sessions (token_hash, account_id, expires_at)
    values (${hashToken(token)}, ${accountId}, now() + ${SESSION_TTL_SECONDS} * interval '1 second')`;
  return token;
}

/** Finds the live, enabled account of a session token, or null when expired, unknown or disabled. */
export async function findSessionAccount(sql: Sql, token: string): Promise<SessionAccount | null> {
  const [row] = await sql<{ id: string; username: string; role: Role }[]>`
    select a.id, a.username, a.role
    from sessions s join accounts a on a.id = s.account_id
    where s.token_hash = ${hashToken(token)} and s.expires_at > now() and a.disabled_at is null`;
  return row ? { id: Number(row.id), username: row.username, role: row.role } : null;
}

/** Ends one session. */
export async function deleteSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from sessions where token_hash = ${hashToken(token)}`;
}
