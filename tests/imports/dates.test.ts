// Dates at the product's precision: accepted formats read day first, refusals with reasons, time bands from times
// of day and band words, and property tests that every accepted format gives the same day and no time survives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_BANDS, type TimeBand } from '@titik-rawan/shared/codes';
import {
  readDate,
  readTimeBand,
  reconcileTimeBands,
  timeBandOfHour,
  type DateErrorCode,
} from '@titik-rawan/server/imports/dates';

/** A fixed "today" (Jakarta) so the tests do not depend on the clock. */
const TODAY = '2026-11-29';

describe('readDate', () => {
  const accepted: [string, string, TimeBand | null][] = [
    ['2025-01-05', '2025-01-05', null],
    ['2025/01/05', '2025-01-05', null],
    ['05/01/2025', '2025-01-05', null],
    ['5/1/2025', '2025-01-05', null],
    ['05-01-2025', '2025-01-05', null],
    ['05.01.2025', '2025-01-05', null],
    ['01/02/2025', '2025-02-01', null], // day first, never US order
    ['5 Januari 2025', '2025-01-05', null],
    ['5 januari 2025', '2025-01-05', null],
    ['5 Jan 2025', '2025-01-05', null],
    ['05-Jan-2025', '2025-01-05', null],
    ['17 Agustus 2025', '2025-08-17', null],
    ['17 Agt 2025', '2025-08-17', null],
    ['1 Mei 2025', '2025-05-01', null],
    ['1 Okt. 2025', '2025-10-01', null],
    ['25 Desember 2024', '2024-12-25', null],
    ['Minggu, 5 Januari 2025', '2025-01-05', null],
    ['  5  Januari   2025 ', '2025-01-05', null],
    ['29/02/2024', '2024-02-29', null],
    ['2000-01-01', '2000-01-01', null],
    [TODAY, TODAY, null],
    ['45662', '2025-01-05', null], // Excel serial day number
    ['45662.25', '2025-01-05', 'morning'],
    ['45662,875', '2025-01-05', 'evening'],
    ['2025-01-05 21:30', '2025-01-05', 'evening'],
    ['2025-01-05 00:00', '2025-01-05', 'night'],
    ['2025-01-05 05:59', '2025-01-05', 'night'],
    ['2025-01-05 06:00', '2025-01-05', 'morning'],
    ['2025-01-05 11:59', '2025-01-05', 'morning'],
    ['2025-01-05 12:00', '2025-01-05', 'afternoon'],
    ['2025-01-05 17:59', '2025-01-05', 'afternoon'],
    ['2025-01-05 18:00', '2025-01-05', 'evening'],
    ['2025-01-05 23:59:59', '2025-01-05', 'evening'],
    ['2025-01-05T21:30:00', '2025-01-05', 'evening'],
    ['2025-01-05T21:30:00+07:00', '2025-01-05', 'evening'],
    ['2025-01-05T14:30:00Z', '2025-01-05', 'evening'], // 21:30 in Jakarta
    ['2025-01-05T14:30:00.000Z', '2025-01-05', 'evening'],
    ['2025-01-05T20:00:00Z', '2025-01-06', 'night'], // 03:00 the next day in Jakarta
    ['2025-01-05T01:00:00+08:00', '2025-01-05', 'night'], // 00:00 in Jakarta
    ['2025-01-05T00:30:00+08:00', '2025-01-04', 'evening'], // 23:30 the day before in Jakarta
    ['05/01/2025 21.30', '2025-01-05', 'evening'],
    ['05/01/2025 9:30 PM', '2025-01-05', 'evening'],
    ['05/01/2025 12:15 am', '2025-01-05', 'night'],
    ['5 Januari 2025 pukul 21.30 WIB', '2025-01-05', 'evening'],
    ['5 Januari 2025, 08:00 WITA', '2025-01-05', 'morning'], // 07:00 in Jakarta
  ];
  it.each(accepted)('reads %j as %s (band %s)', (value, date, timeBand) => {
    expect(readDate(value, TODAY)).toEqual({ ok: true, date, timeBand });
  });

  const refused: [string, DateErrorCode, RegExp][] = [
    ['', 'date_missing', /empty/],
    ['kemarin', 'date_unreadable', /YYYY-MM-DD, DD\/MM\/YYYY or 5 Januari 2025/],
    ['2025-1', 'date_unreadable', /not a date/],
    ['20250105', 'date_unreadable', /not a date/],
    ['5 Brumaire 2025', 'date_unreadable', /month name/],
    ['31/02/2025', 'date_impossible', /day 31.*February 2025/],
    ['29/02/2025', 'date_impossible', /day 29.*February 2025/],
    ['2025-02-30', 'date_impossible', /day 30/],
    ['12/31/2025', 'date_impossible', /month 31.*day first/],
    ['00/01/2025', 'date_impossible', /day 0/],
    ['05/01/25', 'date_two_digit_year', /four digits/],
    ['5 Jan 25', 'date_two_digit_year', /four digits/],
    ['1999-12-31', 'date_before_2000', /before 1 January 2000/],
    ['31/12/1999 23:00', 'date_before_2000', /before 1 January 2000/],
    ['30000', 'date_before_2000', /Excel day number/],
    ['2026-11-30', 'date_in_future', /after today \(2026-11-29, Jakarta time\)/],
    ['2026-11-29T18:00:00Z', 'date_in_future', /after today/], // already 30 November in Jakarta
    ['2025-01-05 24:00', 'time_impossible', /00:00 to 23:59/],
    ['2025-01-05 21:60', 'time_impossible', /00:00 to 23:59/],
    ['05/01/2025 13:00 PM', 'time_impossible', /00:00 to 23:59/],
  ];
  it.each(refused)('refuses %j as %s', (value, code, problem) => {
    const reading = readDate(value, TODAY);
    expect(reading).toMatchObject({ ok: false, code });
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });

  it('never repeats the time of day in a problem', () => {
    const reading = readDate('31/02/2025 21:47', TODAY);
    expect(reading.ok).toBe(false);
    expect(JSON.stringify(reading)).not.toMatch(/21|47/);
  });

  it("refuses tomorrow by default, judged by today's date in Jakarta", () => {
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(readDate(tomorrow)).toMatchObject({ ok: false, code: 'date_in_future' });
  });
});

describe('readTimeBand', () => {
  const bands: [string, TimeBand | null][] = [
    ['', null],
    ['night', 'night'],
    ['Morning', 'morning'],
    ['afternoon', 'afternoon'],
    ['EVENING', 'evening'],
    ['dini hari', 'night'],
    ['subuh', 'night'],
    ['tengah malam', 'night'],
    ['pagi', 'morning'],
    ['Pagi hari', 'morning'],
    ['siang', 'afternoon'],
    ['sore', 'afternoon'],
    ['Sore hari', 'afternoon'],
    ['petang', 'afternoon'],
    ['malam', 'evening'],
    ['malam hari', 'evening'],
    ['21:30', 'evening'],
    ['21.30 WIB', 'evening'],
    ['05.59', 'night'],
    ['9:15 am', 'morning'],
    ['00-06', 'night'],
    ['18.00-24.00', 'evening'],
    ['12:00 – 18:00', 'afternoon'],
  ];
  it.each(bands)('reads %j as %s', (value, timeBand) => {
    expect(readTimeBand(value)).toEqual({ ok: true, timeBand });
  });

  const refused: [string, DateErrorCode][] = [
    ['kadang-kadang', 'time_band_unknown'],
    ['10-14', 'time_band_unknown'], // hours that are not one band
    ['25:00', 'time_impossible'],
  ];
  it.each(refused)('refuses %j as %s', (value, code) => {
    expect(readTimeBand(value)).toMatchObject({ ok: false, code });
  });
});

describe('reconcileTimeBands', () => {
  it('takes either band alone, and both when they agree', () => {
    expect(reconcileTimeBands('evening', null)).toEqual({ ok: true, timeBand: 'evening' });
    expect(reconcileTimeBands(null, 'night')).toEqual({ ok: true, timeBand: 'night' });
    expect(reconcileTimeBands(null, null)).toEqual({ ok: true, timeBand: null });
    expect(reconcileTimeBands('morning', 'morning')).toEqual({ ok: true, timeBand: 'morning' });
  });

  it('refuses two bands that disagree', () => {
    expect(reconcileTimeBands('evening', 'morning')).toMatchObject({ ok: false, code: 'time_band_conflict' });
  });
});

describe('timeBandOfHour', () => {
  it('gives each six-hour block its band', () => {
    const bands = Array.from({ length: 24 }, (_, hour) => timeBandOfHour(hour));
    expect(bands.slice(0, 6).every((b) => b === 'night')).toBe(true);
    expect(bands.slice(6, 12).every((b) => b === 'morning')).toBe(true);
    expect(bands.slice(12, 18).every((b) => b === 'afternoon')).toBe(true);
    expect(bands.slice(18).every((b) => b === 'evening')).toBe(true);
  });
});

const MONTHS_ID = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November',
  'Desember',
]; // prettier-ignore
const MONTHS_ID_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A day from 2000-01-02 to the day before TODAY, as a UTC midnight. */
const day = fc
  .integer({ min: Date.UTC(2000, 0, 2) / 86_400_000, max: Date.UTC(2026, 10, 28) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000));

/** Every way the import accepts to write a day. */
function writings(d: Date): string[] {
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const serial = Math.round((d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  return [
    `${y}-${pad(m)}-${pad(dd)}`,
    `${pad(dd)}/${pad(m)}/${y}`,
    `${dd}/${m}/${y}`,
    `${pad(dd)}-${pad(m)}-${y}`,
    `${pad(dd)}.${pad(m)}.${y}`,
    `${dd} ${MONTHS_ID[m - 1]} ${y}`,
    `${dd} ${MONTHS_ID_SHORT[m - 1]} ${y}`,
    `${pad(dd)}-${MONTHS_EN_SHORT[m - 1]}-${y}`,
    `${WEEKDAYS_ID[d.getUTCDay()]}, ${dd} ${MONTHS_ID[m - 1]} ${y}`,
    String(serial),
  ];
}

describe('generated dates', () => {
  it('every accepted way of writing a day reads as that same day, without a band', () => {
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        for (const written of writings(d))
          expect(readDate(written, TODAY), written).toEqual({ ok: true, date: iso, timeBand: null });
      }),
    );
  });

  it('a timestamp yields the Jakarta day and band of its instant, and never its hour or minute', () => {
    const zones: [string, number][] = [
      ['', 7],
      [' WIB', 7],
      ['+07:00', 7],
      ['Z', 0],
      ['+08:00', 8],
      ['-03:00', -3],
    ];
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        fc.constantFrom('iso', 'space', 'dayFirst', 'dot'),
        (d, hour, minute, [zone, offset], style) => {
          const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const clock = `${pad(hour)}:${pad(minute)}`;
          const written =
            style === 'iso'
              ? `${y}-${pad(m)}-${pad(dd)}T${clock}:00${zone.trim()}`
              : style === 'space'
                ? `${y}-${pad(m)}-${pad(dd)} ${clock}${zone}`
                : style === 'dayFirst'
                  ? `${pad(dd)}/${pad(m)}/${y} ${clock}${zone}`
                  : `${dd} ${MONTHS_ID[m - 1]} ${y} pukul ${pad(hour)}.${pad(minute)}${zone}`;
          const jakarta = new Date(Date.UTC(y, m - 1, dd, hour, minute) + (7 - offset) * 3600_000);
          const reading = readDate(written, TODAY);
          expect(reading).toEqual({
            ok: true,
            date: jakarta.toISOString().slice(0, 10),
            timeBand: TIME_BANDS[Math.floor(jakarta.getUTCHours() / 6)],
          });
          const output = JSON.stringify(reading);
          expect(output).not.toContain(clock);
          expect(output).not.toContain(`${pad(hour)}.${pad(minute)}`);
          expect(output).not.toMatch(/\d:\d|T\d/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
