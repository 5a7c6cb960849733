/** Turns any failure of an API call into the key of a plain-language message for the person using the dashboard. */
import type { MessageKey } from '../i18n/index.ts';
import { ApiError } from './client.ts';

/** Error codes the server may send that deserve their own message rather than the one for their status. */
const MESSAGE_BY_CODE: Readonly<Record<string, MessageKey>> = {
  network: 'error.network',
  bad_credentials: 'error.invalidCredentials',
  invalid_credentials: 'error.invalidCredentials',
  rate_limited: 'error.rateLimited',
  too_many_requests: 'error.rateLimited',
  not_for_this_tier: 'error.notForThisTier',
  no_data_for_period: 'error.noDataForPeriod',
  payload_too_large: 'error.tooLarge',
  import_running: 'error.importRunning',
  release_pending: 'error.releasePending',
};

/** The message key for an error thrown by the API client; `context` `signIn` reads 401 as bad credentials. */
export function errorMessageKey(error: unknown, context: 'general' | 'signIn' = 'general'): MessageKey {
  if (!(error instanceof ApiError)) return 'error.unknown';
  const byCode = MESSAGE_BY_CODE[error.code];
  if (byCode) return byCode;
  if (error.status === 0) return 'error.network';
  if (error.status === 401) return context === 'signIn' ? 'error.invalidCredentials' : 'error.unauthorized';
  if (error.status === 403) return 'error.forbidden';
  if (error.status === 404) return 'error.notFound';
  if (error.status === 429) return 'error.rateLimited';
  if (error.status >= 500) return 'error.server';
  if (error.status >= 400) return 'error.badRequest';
  return 'error.unknown';
}
