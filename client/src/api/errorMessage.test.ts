import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { errorMessageKey } from './errorMessage.ts';

describe('errorMessageKey', () => {
  it('reads a 401 at sign-in as wrong credentials, elsewhere as needing to sign in', () => {
    const error = new ApiError(401, 'unauthorized', 'no session');
    expect(errorMessageKey(error, 'signIn')).toBe('error.invalidCredentials');
    expect(errorMessageKey(error)).toBe('error.unauthorized');
  });

  it('maps statuses and unreachable servers to plain messages', () => {
    expect(errorMessageKey(new ApiError(0, 'network', 'Failed to fetch'))).toBe('error.network');
    expect(errorMessageKey(new ApiError(403, 'forbidden', 'tier'))).toBe('error.forbidden');
    expect(errorMessageKey(new ApiError(422, 'validation', 'bad'))).toBe('error.badRequest');
    expect(errorMessageKey(new ApiError(503, 'unavailable', 'down'))).toBe('error.server');
    expect(errorMessageKey(new Error('boom'))).toBe('error.unknown');
  });

  it('explains release refusals in their own words', () => {
    expect(errorMessageKey(new ApiError(403, 'not_for_this_tier', 'months'))).toBe('error.notForThisTier');
    expect(errorMessageKey(new ApiError(404, 'no_data_for_period', 'span'))).toBe('error.noDataForPeriod');
    expect(errorMessageKey(new ApiError(503, 'release_pending', 'deciding'))).toBe('error.releasePending');
  });
});
