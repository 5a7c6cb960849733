import { randomBytes } from 'node:crypto';
import type { Role } from '@titik-rawan/shared';
import { upsertAccount } from '@titik-rawan/server/auth/accounts';
import type { Sql } from '@titik-rawan/server/db/database';

/** Something that answers requests like a Hono app's `request` (with optional runtime bindings). */
interface RequestTarget {
  request(path: string, init?: RequestInit, env?: unknown): Response | Promise<Response>;
}

/** A password long enough for any account (12+ characters), different on every call. */
export function testPassword(): string {
  return `pw-${randomBytes(9).toString('base64url')}`;
}

/**
 * A username no other test file and no earlier run uses: `prefix` (a few characters naming the test file) and a
 * random part, within the 40 characters the schema allows.
 */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`.slice(0, 40);
}

/** Creates an account of this role with a fresh unique username; returns its username and password. */
export async function createTestAccount(
  sql: Sql,
  prefix: string,
  role: Role,
): Promise<{ username: string; password: string }> {
  const username = uniqueUsername(prefix);
  const password = testPassword();
  await upsertAccount(sql, username, role, password);
  return { username, password };
}

/** The `tr_session=…` cookie a response sets; throws when it sets none. */
export function sessionCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /tr_session=([^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in "${header}"`);
  return `tr_session=${match[1]}`;
}

/** Runtime bindings as @hono/node-server passes them: the request's socket with its peer address. */
export function fromAddress(address: string) {
  return { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } };
}

/** Requests against an in-process app as a browser would send them, with an optional cookie and peer address. */
export function accountRequests(app: RequestTarget) {
  /** A JSON request with an optional session cookie and peer address. */
  function send(
    method: string,
    path: string,
    { body, cookie, address }: { body?: unknown; cookie?: string; address?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (cookie) headers.Cookie = cookie;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    return Promise.resolve(app.request(path, init, address ? fromAddress(address) : undefined));
  }
  /** `POST /api/auth/login`. */
  function login(username: string, password: string, options: { cookie?: string; address?: string } = {}) {
    return send('POST', '/api/auth/login', { ...options, body: { username, password } });
  }
  /** Signs in (which must succeed) and returns the session cookie. */
  async function signIn(username: string, password: string): Promise<string> {
    const res = await login(username, password);
    if (res.status !== 200)
      throw new Error(`could not sign in as ${username}: ${res.status} ${await res.text()}`);
    return sessionCookie(res);
  }
  /** The status of `GET /api/auth/me` with this cookie: 200 while the session lives, 401 after. */
  async function meStatus(cookie: string): Promise<number> {
    return (await send('GET', '/api/auth/me', { cookie })).status;
  }
  return { send, login, signIn, meStatus };
}
