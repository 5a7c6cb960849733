import { expect } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';

/** Something that answers requests like a Hono app's `request`. */
interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** Signing in as a demo account and GET requests with its session cookie, against an in-process app. */
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
  /**
   * The JSON body of a GET that must answer 200 (the failure shows the answer), asked again while it answers 503:
   * another test file may change the incidents, and the new version's figures take a while to decide.
   */
  async function json(path: string, cookie?: string): Promise<unknown> {
    await waitUntilReady(path, cookie, 5);
    const res = await get(path, cookie);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return res.json();
  }
  /**
   * Waits until a GET stops answering 503: the releases and analyses are decided after the start (minutes on a
   * cold cache). Throws on any other failure or after `minutes`.
   */
  async function waitUntilReady(path: string, cookie?: string, minutes = 25): Promise<void> {
    const deadline = Date.now() + minutes * 60_000;
    for (;;) {
      const res = await get(path, cookie);
      if (res.ok) return;
      if (res.status !== 503 || Date.now() > deadline)
        throw new Error(`${path} not ready: ${await res.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return { signIn, get, json, waitUntilReady };
}
