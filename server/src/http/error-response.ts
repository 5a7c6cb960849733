// How every error becomes an answer: `{"error":{"code","message"}}` with a status, and nothing else. Our own
// ApiErrors keep their code and message (they name the offending parameter). Errors of libraries never reach the
// client with their text: an HTTPException from Hono (malformed JSON, for one) gets a fixed message for its
// status; a value PostgreSQL refuses (out of range, not valid for its type, a NUL byte) is the client's fault and a
// 400 or 409; a database that cannot be reached (restarting, shut down, connection lost) is a 503
// `database_unavailable` with Retry-After, which ends by itself once it is back; anything else is a 500 whose details
// — stack, SQL, file paths — go to the server's log only.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import postgres from 'postgres';
import { ApiError, codeForStatus } from './errors';

/** The answer's status, code and message. */
interface ErrorAnswer {
  status: ContentfulStatusCode;
  code: string;
  message: string;
}

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The answer while the database cannot be reached. */
const DATABASE_UNAVAILABLE: ErrorAnswer = {
  status: 503,
  code: 'database_unavailable',
  message: 'The database cannot be reached right now (it may be restarting). Try again in a few seconds.',
};

/** Codes of socket errors, and postgres.js's own connection errors, that mean the database cannot be reached. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * Whether `error` (or an error it was caused by) says the database cannot be reached: a refused or lost connection,
 * a server shutting down, crashed or starting up (SQLSTATE class 08, 57P01–57P03), or one with no connection slot
 * left (53300).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++, cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (cause instanceof postgres.PostgresError) {
      if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
    } else if (CONNECTION_ERROR_CODES.has(code)) {
      return true;
    }
  }
  return false;
}

/** Messages for library HTTPExceptions, whose own text is not shown. */
const LIBRARY_MESSAGES: Partial<Record<number, string>> = {
  400: 'The request is malformed: send a JSON body with Content-Type: application/json where one is expected.',
  401: 'Sign in first: this needs an account.',
  403: 'This is not allowed.',
  404: 'Not found.',
  405: 'This method is not allowed here.',
  413: 'The request body is too large.',
  415: 'The request body has a media type this endpoint does not accept.',
};

/** The answer for a PostgreSQL error caused by a value the client sent, or null when it is the server's fault. */
function databaseAnswer(error: InstanceType<typeof postgres.PostgresError>): ErrorAnswer | null {
  const sqlState = error.code ?? '';
  // Class 22, data exception: a number out of range, text not valid for its type, a NUL byte, a bad date…
  if (sqlState.startsWith('22')) {
    return {
      status: 400,
      code: 'invalid_parameter',
      message:
        'A value in the request is out of range or not valid for its parameter; see /api/openapi.json.',
    };
  }
  if (sqlState === '23505') {
    return { status: 409, code: 'conflict', message: 'This already exists.' };
  }
  // Class 23, integrity constraint violation: a reference to something that does not exist, a check failed…
  if (sqlState.startsWith('23')) {
    return {
      status: 400,
      code: 'invalid_parameter',
      message: 'A value in the request refers to something that does not exist or is not allowed.',
    };
  }
  return null;
}

/** The status, code and message to answer `error` with. */
export function describeError(error: unknown): ErrorAnswer {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof HTTPException) {
    const status = error.status;
    return {
      status,
      code: codeForStatus(status),
      message: LIBRARY_MESSAGES[status] ?? 'The request was refused.',
    };
  }
  if (isDatabaseUnavailable(error)) return DATABASE_UNAVAILABLE;
  if (error instanceof postgres.PostgresError) {
    const answer = databaseAnswer(error);
    if (answer) return answer;
  }
  return { status: 500, code: 'internal_error', message: 'Something went wrong on the server.' };
}

/** `app.onError`: answers any error as `{"error":{"code","message"}}`, logging unexpected ones in full. */
export function errorResponse(error: Error, c: Context) {
  const answer = describeError(error);
  if (answer === DATABASE_UNAVAILABLE) {
    // Expected while the database restarts, and then on every request: one line each, not a stack.
    const code = (error as { code?: unknown }).code;
    console.warn(`${c.req.method} ${c.req.path}: database unavailable (${String(code ?? error.message)})`);
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  } else if (error instanceof ApiError) {
    // Our own refusal, already explained to the client; a 503 that ends by itself says when to try again.
    if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  } else if (!(error instanceof HTTPException)) {
    // A value the database refused is the client's fault: one line. Anything else is ours: the whole error.
    if (answer.status < 500) console.warn(`${c.req.method} ${c.req.path}: ${String(error)}`);
    else console.error(error);
  } else if (answer.status >= 500) console.error(error);
  return c.json({ error: { code: answer.code, message: answer.message } }, answer.status);
}
