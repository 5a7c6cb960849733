import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { fieldErrors } from './fieldErrors.ts';

describe('field errors', () => {
  it('key each body field a 400 names by its top-level field', () => {
    const error = new ApiError(
      400,
      'invalid_parameter',
      'body field "startedOn": must not be after today (2026-11-29, Asia/Jakarta); body field "location.lat": must be a latitude in degrees',
    );
    expect(fieldErrors(error)).toEqual({
      startedOn: 'must not be after today (2026-11-29, Asia/Jakarta)',
      location: 'must be a latitude in degrees',
    });
  });

  it('are empty for other failures and for a 400 naming no field', () => {
    expect(fieldErrors(new ApiError(403, 'not_for_this_tier', 'body field "kind": no'))).toEqual({});
    expect(fieldErrors(new ApiError(400, 'invalid_parameter', 'body field: unknown key "x"'))).toEqual({});
    expect(fieldErrors(new Error('body field "kind": no'))).toEqual({});
  });
});
