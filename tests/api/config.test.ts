// What the server accepts as configuration before it starts: with NODE_ENV=production it refuses to start without a
// real session secret, and refuses the demo password (production has no demo accounts); in demo mode it uses a fixed
// development secret so that `pnpm start` needs no setting at all.
import { describe, expect, it } from 'vitest';
import { DEV_SESSION_SECRET, MIN_SESSION_SECRET_LENGTH, readConfig } from '@titik-rawan/server/config';

const REAL_SECRET = 'k3Jq9vX2pL7wZ4mN8rT1yB6cF0hD5sGaE'; // 33 characters

describe('the session secret', () => {
  it('defaults to the development secret in demo mode, and takes SESSION_SECRET when given', () => {
    expect(readConfig({}).sessionSecret).toBe(DEV_SESSION_SECRET);
    expect(readConfig({ SESSION_SECRET: 'short-is-fine-locally' }).sessionSecret).toBe(
      'short-is-fine-locally',
    );
  });

  it('must be set in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set/);
    expect(() => readConfig({ NODE_ENV: 'production', SESSION_SECRET: '   ' })).toThrow(
      /SESSION_SECRET must be set/,
    );
  });

  it(`must have at least ${MIN_SESSION_SECRET_LENGTH} characters in production`, () => {
    const short = REAL_SECRET.slice(0, MIN_SESSION_SECRET_LENGTH - 1);
    expect(() => readConfig({ NODE_ENV: 'production', SESSION_SECRET: short })).toThrow(
      new RegExp(`at least ${MIN_SESSION_SECRET_LENGTH} characters`),
    );
  });

  it('must not be the development default in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production', SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(
      /development default/,
    );
  });

  it('is taken in production when it is long enough and not the default', () => {
    const config = readConfig({ NODE_ENV: 'production', SESSION_SECRET: REAL_SECRET });
    expect(config.production).toBe(true);
    expect(config.sessionSecret).toBe(REAL_SECRET);
    expect(config.seedDemoData).toBe(false);
  });
});

describe('the demo password', () => {
  it('is refused in production, where no demo account exists', () => {
    expect(() =>
      readConfig({ NODE_ENV: 'production', SESSION_SECRET: REAL_SECRET, DEMO_PASSWORD: 'anything' }),
    ).toThrow(/DEMO_PASSWORD must not be set/);
  });

  it('is taken in demo mode', () => {
    expect(readConfig({ DEMO_PASSWORD: 'local-demo-pass' }).demoPassword).toBe('local-demo-pass');
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless set to true, and refuses anything but true or false', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => readConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be true or false/);
  });
});

describe('FIRST_RELEASE_WAIT_SECONDS', () => {
  it('is 20 s unless set, and refuses what is not a number of seconds', () => {
    expect(readConfig({}).firstReleaseWaitSeconds).toBe(20);
    expect(readConfig({ FIRST_RELEASE_WAIT_SECONDS: '2.5' }).firstReleaseWaitSeconds).toBe(2.5);
    expect(() => readConfig({ FIRST_RELEASE_WAIT_SECONDS: 'soon' })).toThrow(/FIRST_RELEASE_WAIT_SECONDS/);
    expect(() => readConfig({ FIRST_RELEASE_WAIT_SECONDS: '-1' })).toThrow(/FIRST_RELEASE_WAIT_SECONDS/);
  });
});
