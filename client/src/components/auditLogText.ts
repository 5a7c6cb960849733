/**
 * How the audit-log dialog writes an entry: its time in Jakarta (WIB), its action in words, its details in one
 * short line; and whether a date range is in order. Pure, so it is tested without a browser.
 */
import type { AuditEntry } from '../api/types.ts';
import { DICTIONARIES, type Language, type MessageKey } from '../i18n/index.ts';
import { LOCALES } from '../i18n/format.ts';

const timeFormats = new Map<Language, Intl.DateTimeFormat>();

/** An entry's time as a date and time in Asia/Jakarta, written for the language (`1 Mar 2025, 17.04.05`). */
export function formatAuditTime(iso: string, language: Language): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'Asia/Jakarta',
      dateStyle: 'medium',
      timeStyle: 'medium',
      hourCycle: 'h23',
    });
    timeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

/** The message key naming an action in words, or null for an action the dashboard has no words for. */
export function actionLabelKey(action: string): MessageKey | null {
  const key = `audit.action.${action}`;
  return key in DICTIONARIES.id ? (key as MessageKey) : null;
}

/** Most characters of a details summary; the rest is cut with an ellipsis. */
export const DETAILS_SUMMARY_MAX = 120;

/** An entry's details in one line, `key: value, key: value` (at most {@link DETAILS_SUMMARY_MAX} characters). */
export function summariseDetails(details: AuditEntry['details']): string {
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join(', ');
  return text.length > DETAILS_SUMMARY_MAX ? `${text.slice(0, DETAILS_SUMMARY_MAX - 1)}…` : text;
}

/** Whether a from/to pair of YYYY-MM-DD days is in order (either may be empty). */
export function datesInOrder(from: string, to: string): boolean {
  return from === '' || to === '' || from <= to;
}
