import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { describeError, isDatabaseUnavailable } from './error-response';

/** A PostgresError as postgres.js builds it from an ErrorResponse. */
const postgresError = (code: string) =>
  new (postgres.PostgresError as unknown as new (fields: object) => Error)({
    code,
    message: `sqlstate ${code}`,
  });

/** A socket or postgres.js connection error: an Error with a string code. */
const coded = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('errors of a database that cannot be reached', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED')],
    ['a reset connection', coded('ECONNRESET')],
    ['postgres.js: connection closed', coded('CONNECTION_CLOSED')],
    ['postgres.js: connect timeout', coded('CONNECT_TIMEOUT')],
    ['postgres.js: pool ended at shutdown', coded('CONNECTION_ENDED')],
    ['57P01 admin shutdown', postgresError('57P01')],
    ['57P03 starting up', postgresError('57P03')],
    ['08006 connection failure', postgresError('08006')],
    ['53300 too many connections', postgresError('53300')],
    ['a refused connection as the cause', new Error('reading the release', { cause: coded('ECONNREFUSED') })],
  ])('answer 503 database_unavailable: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(describeError(error)).toMatchObject({ status: 503, code: 'database_unavailable' });
  });

  it.each([
    ['a value out of range', postgresError('22003'), 400],
    ['a unique violation', postgresError('23505'), 409],
    ['a syntax error', postgresError('42601'), 500],
    ['a query cancelled by statement_timeout', postgresError('57014'), 500],
    ['an error with a code that is not a connection code', coded('ENOENT'), 500],
    ['a plain error', new Error('boom'), 500],
  ])('leave other errors alone: %s', (_name, error, status) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeError(error).status).toBe(status);
  });
});
