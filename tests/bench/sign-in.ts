// Signing in for the benchmarks: the session cookie of an account, as a browser would send it back.

/** Signs in and returns the `tr_session=…` cookie pair; throws with the answer when the sign-in is refused. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const answer = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (answer.status !== 200) {
    throw new Error(`sign-in of ${username}: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
  }
  const cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('tr_session='));
  if (!cookie) throw new Error(`sign-in of ${username}: no session cookie`);
  return cookie;
}
