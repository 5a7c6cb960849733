// Dates at the product's precision: an imported date keeps its day and, for incidents, at most a coarse time band
// (TIME_BANDS); a time of day in the file is read only to choose the band and is then dropped. Numeric dates are
// read day first, as Indonesians write them (05/01/2025 is 5 January), never in US order.
import { TIME_BAND_START_HOUR, TIME_BANDS, type TimeBand } from '@titik-rawan/shared/codes';
import { jakartaToday } from '@titik-rawan/shared/codes';

/** Stable codes of date and time-band problems. */
export const DATE_ERROR_CODES = [
  'date_missing',
  'date_unreadable',
  'date_two_digit_year',
  'date_impossible',
  'date_before_2000',
  'date_in_future',
  'time_impossible',
  'time_band_unknown',
  'time_band_conflict',
] as const;
/** One date or time-band problem code. */
export type DateErrorCode = (typeof DATE_ERROR_CODES)[number];

/**
 * A problem with a date or time-band cell: a stable code and the problem in words, lower-case so that
 * `rowError(unit, row, column, code, problem)` (rows.ts) names the row and column in front of it. The problem never
 * repeats the cell as written, and never a time of day.
 */
export interface DateProblem {
  ok: false;
  code: DateErrorCode;
  problem: string;
}

/** A date read from a cell: the day (YYYY-MM-DD, Jakarta) and the time band if the cell had a time of day. */
export interface DateReading {
  ok: true;
  date: string;
  timeBand: TimeBand | null;
}

/** A time band read from a cell; null when the cell is empty (the band is optional). */
export interface TimeBandReading {
  ok: true;
  timeBand: TimeBand | null;
}

/** Earliest date the product keeps (the schema's check on incidents). */
export const EARLIEST_DATE = '2000-01-01';

const FORMATS_HINT = 'write it as YYYY-MM-DD, DD/MM/YYYY or 5 Januari 2025';

const MONTH_NAMES_EN = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December',
]; // prettier-ignore

/**
 * Month names and abbreviations, Indonesian and English, lower-case, to month number. English ones appear in
 * Excel's `05-Jan-2025`; the two languages never give one word two meanings.
 */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['januari', 'january', 'jan'],
    ['februari', 'pebruari', 'february', 'feb', 'peb'],
    ['maret', 'march', 'mar'],
    ['april', 'apr'],
    ['mei', 'may'],
    ['juni', 'june', 'jun'],
    ['juli', 'july', 'jul'],
    ['agustus', 'august', 'agu', 'agt', 'ags', 'agus', 'aug'],
    ['september', 'sep', 'sept'],
    ['oktober', 'october', 'okt', 'oct'],
    ['november', 'nopember', 'nov', 'nop'],
    ['desember', 'december', 'des', 'dec'],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/** Day names that may precede a written date ("Minggu, 5 Januari 2025"); they are skipped, not checked. */
const WEEKDAY =
  "(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)";

/**
 * A time of day after a date: `21:30`, `21.30` (Indonesian), `21:30:15.123`, `9:30 PM`, optionally introduced by
 * `pukul`/`jam`/`T` and followed by a zone: `Z`, `+07:00`, `WIB` (UTC+7), `WITA` (+8), `WIT` (+9), `UTC`/`GMT`.
 */
const TIME =
  '(?:(?:t|\\s+(?:pukul\\s+|pk\\.?\\s*|jam\\s+)?)(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:[.,]\\d+)?)?' +
  '\\s*(am|pm|a\\.m\\.|p\\.m\\.)?\\s*(z|[+-]\\d{2}(?::?\\d{2})?|wib|wita|wit|utc|gmt)?)?';

/** Year first: `2025-01-05`, also `2025/01/05`; the time may follow after `T` or a space. */
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME}$`, 'i');
/** Day first: `05/01/2025`, `5-1-2025`, `05.01.2025` (and two-digit years, to refuse them with a reason). */
const DAY_FIRST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`, 'i');
/** Month by name: `5 Januari 2025`, `5 Jan 2025`, `05-Jan-2025`, `Minggu, 5 Januari 2025 pukul 21.30 WIB`. */
const NAMED_MONTH = new RegExp(
  `^(?:${WEEKDAY},?\\s+)?(\\d{1,2})[\\s-]+(\\p{L}+)\\.?[\\s-]+(\\d{4}|\\d{2}),?${TIME}$`,
  'iu',
);
/** An Excel serial day number (days since 1899-12-30), maybe with a fraction of a day: `45662`, `45662,875`. */
const EXCEL_SERIAL = /^(\d{5})(?:[.,](\d+))?$/;
/** Serial number of 1900-01-01 in the Excel 1900 date system, counting from its epoch 1899-12-30. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Jakarta is UTC+7 all year (no daylight saving). */
const JAKARTA_OFFSET_MINUTES = 7 * 60;

/** Fields of a date cell before checking. */
interface DateParts {
  year: number;
  month: number;
  day: number;
  time: { hour: number; minute: number; meridiem?: string; zone?: string } | null;
}

function problem(code: DateErrorCode, text: string): DateProblem {
  return { ok: false, code, problem: text };
}

function monthName(month: number): string {
  return MONTH_NAMES_EN[month - 1] ?? `month ${month}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Time fields of a TIME match (groups start at `first`), or null when the cell had no time. */
function timeOf(match: RegExpMatchArray, first: number): DateParts['time'] {
  const hour = match[first];
  const minute = match[first + 1];
  if (hour === undefined || minute === undefined) return null;
  return {
    hour: Number(hour),
    minute: Number(minute),
    meridiem: match[first + 3]?.toLowerCase().replace(/\./g, ''),
    zone: match[first + 4]?.toLowerCase(),
  };
}

/** The fields of a date written in one of the accepted textual formats, or null when it is none of them. */
function partsOf(text: string): DateParts | DateProblem | null {
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    const [, year, , month, day] = yearFirst;
    return { year: Number(year), month: Number(month), day: Number(day), time: timeOf(yearFirst, 5) };
  }
  const dayFirst = DAY_FIRST.exec(text);
  const named = NAMED_MONTH.exec(text);
  const match = dayFirst ?? named;
  if (!match) return null;
  const year = (dayFirst ? dayFirst[4] : named?.[3]) ?? '';
  if (year.length === 2)
    return problem(
      'date_two_digit_year',
      'has a two-digit year, which leaves the century to guess; write the year with four digits (DD/MM/YYYY)',
    );
  let month: number | undefined;
  if (dayFirst) month = Number(dayFirst[3]);
  else month = MONTHS.get((named?.[2] ?? '').toLowerCase());
  if (month === undefined)
    return problem('date_unreadable', `has a month name the import does not know; ${FORMATS_HINT}`);
  return { year: Number(year), month, day: Number(match[1]), time: timeOf(match, dayFirst ? 5 : 4) };
}

/** Minutes east of UTC of a time zone written after a time; Jakarta when none is written. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'wib') return JAKARTA_OFFSET_MINUTES;
  if (zone === 'z' || zone === 'utc' || zone === 'gmt') return 0;
  if (zone === 'wita') return 8 * 60;
  if (zone === 'wit') return 9 * 60;
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
}

/** The coarse band of an hour of the day (0–23, Jakarta time): night 0–5, morning 6–11, afternoon 12–17, evening 18–23. */
export function timeBandOfHour(hour: number): TimeBand {
  let band: TimeBand = 'night';
  for (const candidate of TIME_BANDS) if (hour >= TIME_BAND_START_HOUR[candidate]) band = candidate;
  return band;
}

/** 24-hour clock hour of a time with an optional am/pm; null when the hour cannot exist. */
function clockHour(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
}

/** Checks a calendar day against the calendar and the product's range; the day as YYYY-MM-DD when it passes. */
function checkDay(year: number, month: number, day: number, today: string): string | DateProblem {
  if (month < 1 || month > 12)
    return problem(
      'date_impossible',
      `has month ${month}, which does not exist; numeric dates are read day first (DD/MM/YYYY)`,
    );
  if (day < 1 || day > daysInMonth(year, month))
    return problem('date_impossible', `has day ${day}, which does not exist in ${monthName(month)} ${year}`);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (date < EARLIEST_DATE)
    return problem(
      'date_before_2000',
      `is ${date}, before 1 January 2000, the earliest date Titik Rawan keeps`,
    );
  if (date > today)
    return problem(
      'date_in_future',
      `is ${date}, after today (${today}, Jakarta time); check the year and month`,
    );
  return date;
}

/** The YYYY-MM-DD day of a UTC instant as seen in Jakarta, and its hour there. */
function jakartaDayAndHour(utcMs: number): { year: number; month: number; day: number; hour: number } {
  const local = new Date(utcMs + JAKARTA_OFFSET_MINUTES * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
  };
}

function readExcelSerial(match: RegExpExecArray, today: string): DateReading | DateProblem {
  const whole = Number(match[1]);
  const fraction = match[2] === undefined ? null : Number(`0.${match[2]}`);
  const day = new Date(EXCEL_EPOCH_UTC + whole * DAY_MS);
  const date = checkDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), today);
  if (typeof date !== 'string') return { ...date, problem: `${date.problem} (read as an Excel day number)` };
  // Seconds are rounded first so that 0.75 (18:00) is not read as 17:59:59.999.
  const timeBand =
    fraction === null ? null : timeBandOfHour(Math.floor(Math.round(fraction * 86_400) / 3600) % 24);
  return { ok: true, date, timeBand };
}

/**
 * Reads a date cell at the product's precision. Accepts `YYYY-MM-DD` (also with `/`), day-first numeric dates
 * `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`, `D/M/YYYY`, month names in Indonesian or English (`5 Januari 2025`,
 * `5 Jan 2025`, `05-Jan-2025`, with an optional day name), and Excel serial day numbers (`45662`: a date cell
 * formatted as a number, which Excel exports and Sheets copies produce). A time of day after the date (`21:30`,
 * `21.30 WIB`, `9:30 PM`, ISO `2025-01-05T14:30:00Z`) is read in Jakarta time — converting any zone given — only to
 * choose the time band, and is then dropped. Refuses impossible dates, two-digit years, dates before 2000-01-01
 * and dates after today in Jakarta (`today`, YYYY-MM-DD, defaults to the current Jakarta date; an import passes
 * it once, so a file read across midnight is judged by one day and the clock is not read per row).
 */
export function readDate(value: string, today: string = jakartaToday()): DateReading | DateProblem {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return problem('date_missing', 'is empty; every row needs a date');
  const serial = EXCEL_SERIAL.exec(text);
  if (serial) return readExcelSerial(serial, today);
  const parts = partsOf(text);
  if (parts === null) return problem('date_unreadable', `is not a date the import can read; ${FORMATS_HINT}`);
  if ('ok' in parts) return parts;
  const { year, month, day, time } = parts;
  if (time === null) {
    const date = checkDay(year, month, day, today);
    return typeof date === 'string' ? { ok: true, date, timeBand: null } : date;
  }
  const hour = clockHour(time.hour, time.meridiem);
  if (hour === null || time.minute > 59)
    return problem('time_impossible', 'has a time of day that does not exist; write it as 00:00 to 23:59');
  // Check the day as written before shifting it by a time zone, so 31/02 is refused as such.
  const written = checkDay(year, month, day, '9999-12-31');
  if (typeof written !== 'string' && written.code === 'date_impossible') return written;
  const utcMs = Date.UTC(year, month - 1, day, hour, time.minute) - zoneOffsetMinutes(time.zone) * 60_000;
  const local = jakartaDayAndHour(utcMs);
  const date = checkDay(local.year, local.month, local.day, today);
  return typeof date === 'string' ? { ok: true, date, timeBand: timeBandOfHour(local.hour) } : date;
}

/**
 * Words for a time of day, English and Indonesian, to bands. Indonesian day parts do not follow six-hour blocks;
 * each maps to the band holding most of it: `pagi` (about 05–11) → morning; `siang` (about 11–15) → afternoon;
 * `sore` (15 to sunset, which in Jakarta is near 18:00 all year) lies wholly in the afternoon band → afternoon;
 * `petang`, by KBBI the same as `sore` (15:00 to sunset) → afternoon; `malam` (sunset to past midnight) →
 * evening; `tengah malam`, `dini hari` and `subuh` (midnight to dawn) → night.
 */
const TIME_BAND_WORDS: ReadonlyMap<string, TimeBand> = new Map([
  ['night', 'night'],
  ['morning', 'morning'],
  ['afternoon', 'afternoon'],
  ['evening', 'evening'],
  ['late night', 'night'],
  ['dini hari', 'night'],
  ['dinihari', 'night'],
  ['subuh', 'night'],
  ['tengah malam', 'night'],
  ['pagi', 'morning'],
  ['siang', 'afternoon'],
  ['tengah hari', 'afternoon'],
  ['sore', 'afternoon'],
  ['petang', 'afternoon'],
  ['malam', 'evening'],
]);

/** A time of day alone (`21:30`, `21.30`, `9:30 pm`, `21.30 WIB`), read as Jakarta time. */
const TIME_ALONE = /^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*wib)?$/i;
/** A band written as its hours: `18-24`, `18.00-24.00`, `00:00 – 06:00`. */
const HOUR_RANGE = /^(\d{1,2})(?:[:.]00)?\s*[-–—]\s*(\d{1,2})(?:[:.]00)?$/;

/**
 * Reads a time-band cell: a band in English (`night`, `morning`, `afternoon`, `evening`) or Indonesian (`malam`,
 * `pagi`, `siang`, `sore`, `petang`, `dini hari`, optionally followed by `hari`), a band's hours (`18.00-24.00`),
 * or a time of day whose band is taken (the time itself is dropped). An empty cell is no band.
 */
export function readTimeBand(value: string): TimeBandReading | DateProblem {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  if (text === '') return { ok: true, timeBand: null };
  const word =
    TIME_BAND_WORDS.get(text) ?? TIME_BAND_WORDS.get(text.replace(/^waktu /, '').replace(/ hari$/, ''));
  if (word) return { ok: true, timeBand: word };
  const time = TIME_ALONE.exec(text);
  if (time) {
    const hour = clockHour(Number(time[1]), time[3]?.replace(/\./g, ''));
    if (hour === null || Number(time[2]) > 59)
      return problem('time_impossible', 'has a time of day that does not exist; write it as 00:00 to 23:59');
    return { ok: true, timeBand: timeBandOfHour(hour) };
  }
  const range = HOUR_RANGE.exec(text);
  if (range) {
    const [start, end] = [Number(range[1]), Number(range[2])];
    const band = TIME_BANDS.find((b) => TIME_BAND_START_HOUR[b] === start && start + 6 === end);
    if (band) return { ok: true, timeBand: band };
  }
  return problem(
    'time_band_unknown',
    'is not a time band; write night, morning, afternoon or evening (malam, pagi, siang, sore), or a time of day',
  );
}

/**
 * The one time band of a row that may give it twice: from a time of day in its date cell and from a time-band
 * column. Either alone is the band; both must agree.
 */
export function reconcileTimeBands(
  fromDate: TimeBand | null,
  fromColumn: TimeBand | null,
): TimeBandReading | DateProblem {
  if (fromDate !== null && fromColumn !== null && fromDate !== fromColumn)
    return problem(
      'time_band_conflict',
      `gives the time band ${fromColumn}, but the time in the date column falls in the ${fromDate}; keep one of them`,
    );
  return { ok: true, timeBand: fromDate ?? fromColumn };
}
