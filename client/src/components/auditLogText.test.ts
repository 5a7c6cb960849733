import { AUDIT_ACTIONS } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../i18n/index.ts';
import {
  actionLabelKey,
  datesInOrder,
  DETAILS_SUMMARY_MAX,
  formatAuditTime,
  summariseDetails,
} from './auditLogText.ts';

describe('audit log text', () => {
  it('writes a time in Jakarta (UTC+7), whatever the browser’s zone', () => {
    // 23:30 UTC on 28 February is 06:30 on 1 March in Jakarta.
    const iso = '2025-02-28T23:30:05.000Z';
    expect(formatAuditTime(iso, 'en')).toMatch(/1 Mar 2025.*06:30:05/);
    expect(formatAuditTime(iso, 'id')).toMatch(/1 Mar 2025.*06\.30\.05/);
  });

  it('has words for every known action in both languages, and none for an unknown one', () => {
    for (const action of AUDIT_ACTIONS) {
      const key = actionLabelKey(action);
      expect(key, action).not.toBeNull();
      if (key) expect(DICTIONARIES.en[key], action).toBeTruthy();
    }
    expect(actionLabelKey('something.new')).toBeNull();
  });

  it('summarises details in one line and cuts a long one', () => {
    expect(summariseDetails({})).toBe('');
    expect(summariseDetails({ kind: 'incidents', rows: 12, ok: true, organisation: null })).toBe(
      'kind: incidents, rows: 12, ok: true, organisation: —',
    );
    const long = summariseDetails({ target: 'x'.repeat(500) });
    expect(long).toHaveLength(DETAILS_SUMMARY_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  it('accepts a date range in order or with an open end', () => {
    expect(datesInOrder('', '')).toBe(true);
    expect(datesInOrder('2025-01-02', '')).toBe(true);
    expect(datesInOrder('2025-01-02', '2025-01-02')).toBe(true);
    expect(datesInOrder('2025-01-03', '2025-01-02')).toBe(false);
  });
});
