/** Numbers and release periods written for the chosen language (Asia/Jakarta calendar months, no days). */
import { parsePeriod } from '../store/periods.ts';
import { translate, type Language } from './index.ts';

/** BCP 47 locales used for formatting each interface language. */
export const LOCALES: Readonly<Record<Language, string>> = { id: 'id-ID', en: 'en-GB' };

const numberFormats = new Map<Language, Intl.NumberFormat>();
const monthFormats = new Map<Language, Intl.DateTimeFormat>();

/** A count written for the language (`1.234` in Indonesian, `1,234` in English). */
export function formatCount(value: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language]);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** A release period in words: `2025`, `Triwulan 1 2025` / `Q1 2025`, `Januari 2025` / `January 2025`. */
export function formatPeriod(period: string, language: Language): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  if (parsed.kind === 'year') return String(parsed.year);
  if (parsed.kind === 'quarter') {
    return translate(language)('filters.quarter', {
      quarter: Math.ceil(parsed.firstMonth / 3),
      year: parsed.year,
    });
  }
  let format = monthFormats.get(language);
  if (!format) {
    // Calendar months are zone-free; UTC keeps the first of the month on the same month everywhere.
    format = new Intl.DateTimeFormat(LOCALES[language], { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(language, format);
  }
  return format.format(Date.UTC(parsed.year, parsed.firstMonth - 1, 1));
}

const decimalFormats = new Map<string, Intl.NumberFormat>();

function decimalFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = decimalFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], options);
    decimalFormats.set(key, format);
  }
  return format;
}

/** A number with at most `digits` decimals (default 2) written for the language (`2,35` / `2.35`). */
export function formatDecimal(value: number, language: Language, digits = 2): string {
  return decimalFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A share from 0 to 1 as a percentage with at most one decimal (`12,5 %` / `12.5%`). */
export function formatShare(share: number, language: Language): string {
  return decimalFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A p-value with two significant digits, or `< 0,001` below 0.001. */
export function formatPValue(p: number, language: Language): string {
  if (p < 0.001) return `< ${formatDecimal(0.001, language, 3)}`;
  return decimalFormat(language, { maximumSignificantDigits: 2 }).format(p);
}
