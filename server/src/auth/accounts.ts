import type { Role } from '@titik-rawan/shared';
import { ROLES } from '@titik-rawan/shared';
import type { Sql } from '../db/database';
import { hashPassword } from './passwords';

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
