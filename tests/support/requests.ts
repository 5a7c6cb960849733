import { expect } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';

/** Something that answers requests like a Hono app's `request`. */
interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** Signing in as a demo account and requests with its session cookie, against an in-process app. */
export function requestsTo(app: RequestTarget) {
  /** Signs in as a demo account and returns its session cookie. */
  async function signIn(username: string): Promise<string> {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }),
    });
    const match = /tr_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
    if (!match) throw new Error(`could not sign in as ${username}`);
    return `tr_session=${match[1]}`;
  }
  /** GET with an optional session cookie. */
  async function get(path: string, cookie?: string): Promise<Response> {
    return app.request(path, cookie ? { headers: { Cookie: cookie } } : {});
  }
  /** A POST, PATCH or DELETE with a JSON body and an optional session cookie. */
  async function send(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    cookie?: string,
  ): Promise<Response> {
    return app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
    });
  }
  /**
   * The first answer to a GET that is not 503, asked again every 2 s for up to `minutes` while it is: the releases
   * and analyses are decided after the start and after another test file changes the incidents.
   */
  async function getWhenReady(path: string, cookie: string | undefined, minutes: number): Promise<Response> {
    const deadline = Date.now() + minutes * 60_000;
    for (;;) {
      const res = await get(path, cookie);
      if (res.status !== 503 || Date.now() > deadline) return res;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  /** The JSON body of a GET that must answer 200 (the failure shows the answer), waiting out a 503. */
  async function json(path: string, cookie?: string): Promise<unknown> {
    const res = await getWhenReady(path, cookie, 5);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return res.json();
  }
  /** Waits until a GET answers without 503 (minutes on a cold cache); throws on any other failure. */
  async function waitUntilReady(path: string, cookie?: string, minutes = 25): Promise<void> {
    const res = await getWhenReady(path, cookie, minutes);
    if (!res.ok) throw new Error(`${path} not ready: ${await res.text()}`);
  }
  return { signIn, get, send, json, waitUntilReady };
}
