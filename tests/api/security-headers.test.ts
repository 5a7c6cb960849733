// The security headers every answer carries: scripts only from this server (no inline scripts, no eval), MapLibre's
// blob: workers, no framing, no referrer, no MIME sniffing, and no X-Powered-By.
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/database';

/** The directives of a Content-Security-Policy header by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  const { app } = testApp();

  it('allow scripts only from this server and no framing, on the API and on the dashboard’s paths', async () => {
    for (const path of ['/api/health', '/', '/api/no-such-endpoint']) {
      const res = await app.request(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('worker-src'), path).toContain('blob:');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('let an online basemap be fetched over HTTPS only when one is configured', async () => {
    const offline = directives(
      (await testApp().app.request('/api/health')).headers.get('content-security-policy'),
    );
    expect(offline.get('connect-src')).toEqual(["'self'"]);
    const online = testApp({ basemapStyleUrl: 'https://tiles.example.org/styles/liberty.json' });
    const csp = directives((await online.app.request('/api/health')).headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https:']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
});
