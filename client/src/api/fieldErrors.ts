/** Reads which fields a 400 answer names ('body field "startedOn": must not be after today…'), to show each by its field. */
import { ApiError } from './client.ts';

const FIELD_ISSUE = /^body field "([^"]+)": (.+)$/s;

/**
 * The server's message for each body field a 400 names, keyed by the top-level field (`location.lat` counts as
 * `location`; the first message per field wins); empty for any other error.
 */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const byField: Record<string, string> = {};
  for (const issue of error.message.split('; ')) {
    const match = FIELD_ISSUE.exec(issue);
    const field = match?.[1]?.split('.')[0];
    if (field && match?.[2] && !(field in byField)) byField[field] = match[2];
  }
  return byField;
}
