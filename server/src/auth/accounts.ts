import type { Account, Role } from '@titik-rawan/shared';
import { ROLES } from '@titik-rawan/shared';
import { DEFAULT_DEMO_PASSWORD } from '../config';
import type { Sql } from '../db/database';
import { hashPassword, verifyPassword } from './passwords';
import { endAllSessions, SESSION_IDLE_SECONDS } from './sessions';

/** Creates an account, or resets its role and password when the username exists. */
export async function upsertAccount(sql: Sql, username: string, role: Role, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await sql`
    insert into accounts (username, role, password_hash) values (${username}, ${role}, ${passwordHash})
    on conflict (username) do update set role = excluded.role, password_hash = excluded.password_hash`;
}

/** Ensures the demo accounts `admin`, `satgas` and `ngo` exist with the given password (demo mode only). */
export async function ensureDemoAccounts(sql: Sql, password: string): Promise<void> {
  await Promise.all(ROLES.map((role) => upsertAccount(sql, role, role, password)));
}

/**
 * Disables the demo accounts (`admin`, `satgas`, `ngo`) that still sign in with the documented default demo
 * password, and ends their sessions; for a production start on a database that was once run in demo mode.
 * Returns the usernames it disabled.
 */
export async function disableDefaultDemoAccounts(sql: Sql): Promise<string[]> {
  const rows = await sql<{ id: string; username: string; hash: string }[]>`
    select id, username, password_hash as hash from accounts
    where username in ${sql([...ROLES])} and disabled_at is null`;
  const disabled: string[] = [];
  for (const row of rows) {
    if (!(await verifyPassword(DEFAULT_DEMO_PASSWORD, row.hash))) continue;
    await sql`update accounts set disabled_at = now() where id = ${row.id}`;
    await endAllSessions(sql, Number(row.id));
    disabled.push(row.username);
  }
  return disabled;
}

/** A new account's fields. */
export interface NewAccount {
  username: string;
  role: Role;
  password: string;
  organisationCode?: string | null;
}

/** Creates an account with a scrypt hash of its password; returns its id, or null when the username is taken. */
export async function createAccount(sql: Sql, account: NewAccount): Promise<number | null> {
  const passwordHash = await hashPassword(account.password);
  const [row] = await sql<{ id: string }[]>`
    insert into accounts (username, role, organisation_code, password_hash)
    values (${account.username}, ${account.role}, ${account.organisationCode ?? null}, ${passwordHash})
    on conflict (username) do nothing
    returning id`;
  return row ? Number(row.id) : null;
}

/** Whether an organisation with this code exists. */
export async function organisationExists(sql: Sql, code: string): Promise<boolean> {
  const [row] = await sql`select 1 from organisations where code = ${code}`;
  return row !== undefined;
}

interface AccountRow {
  id: string;
  username: string;
  role: Role;
  organisation_code: string | null;
  created_at: Date;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  active_sessions: number;
}

/**
 * Accounts as admins see them (all, or the one with `id`), ordered by username (byte order, so the same in every
 * database's collation): the last sign-in comes from the
 * audit log, the live sessions are those neither expired nor idle too long.
 */
export async function readAccounts(sql: Sql, id?: number): Promise<Account[]> {
  const rows = await sql<AccountRow[]>`
    select a.id, a.username, a.role, a.organisation_code, a.created_at, a.disabled_at,
      (select max(l.at) from audit_log l where l.actor = a.username and l.action = 'login') as last_sign_in_at,
      (select count(*)::int from sessions s
        where s.account_id = a.id and s.expires_at > now()
          and s.last_seen_at > now() - ${SESSION_IDLE_SECONDS} * interval '1 second') as active_sessions
    from accounts a
    ${id === undefined ? sql`` : sql`where a.id = ${id}`}
    order by a.username collate "C"`;
  return rows.map((row) => ({
    id: Number(row.id),
    username: row.username,
    role: row.role,
    organisationCode: row.organisation_code,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    activeSessions: row.active_sessions,
  }));
}

/** A change to an account; the password is already hashed. */
export interface AccountChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  organisationCode?: string | null;
}

/** What {@link updateAccount} did. */
export type AccountUpdate =
  | { status: 'not_found' }
  | { status: 'last_admin' }
  | { status: 'updated'; username: string; fields: string[]; sessionsEnded: number };

/**
 * Changes an account in one transaction. Refuses (`last_admin`) a change that would leave no enabled admin: the
 * enabled admins are locked in id order first, so two admins demoting each other at once cannot both succeed.
 * A change of role, password or disabled state ends every session of the account. `fields` names what changed.
 */
export async function updateAccount(sql: Sql, id: number, change: AccountChange): Promise<AccountUpdate> {
  return sql.begin(async (tx): Promise<AccountUpdate> => {
    const locked = await tx<{ id: string; username: string; role: Role; disabled: boolean }[]>`
      select id, username, role, disabled_at is not null as disabled from accounts
      where id = ${id} or (role = 'admin' and disabled_at is null)
      order by id for update`;
    const current = locked.find((row) => Number(row.id) === id);
    if (!current) return { status: 'not_found' };
    const role = change.role ?? current.role;
    const disabled = change.disabled ?? current.disabled;
    const otherAdmins = locked.filter(
      (row) => Number(row.id) !== id && row.role === 'admin' && !row.disabled,
    );
    const wasEnabledAdmin = current.role === 'admin' && !current.disabled;
    const staysEnabledAdmin = role === 'admin' && !disabled;
    if (wasEnabledAdmin && !staysEnabledAdmin && otherAdmins.length === 0) return { status: 'last_admin' };

    const fields: string[] = [];
    if (role !== current.role) fields.push('role');
    if (disabled !== current.disabled) fields.push('disabled');
    if (change.passwordHash !== undefined) fields.push('password');
    const endsSessions = fields.length > 0;
    if (change.organisationCode !== undefined) fields.push('organisationCode');
    await tx`
      update accounts set
        role = ${role},
        disabled_at = ${disabled ? tx`coalesce(disabled_at, now())` : null},
        password_hash = ${change.passwordHash ?? tx`password_hash`},
        organisation_code = ${change.organisationCode === undefined ? tx`organisation_code` : change.organisationCode}
      where id = ${id}`;
    const sessionsEnded = endsSessions ? (await tx`delete from sessions where account_id = ${id}`).count : 0;
    return { status: 'updated', username: current.username, fields, sessionsEnded };
  });
}
