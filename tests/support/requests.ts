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
  return { signIn, get };
}
