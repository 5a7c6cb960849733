// Refusing personal data in an import, by column name and by cell content. Titik Rawan stores no names, national
// ID or family-card numbers, phone numbers, e-mail or street addresses (BRIEF.md "What must never happen"), and
// incidents take no free text at all. A finding refuses the whole file: the import writes nothing, and the
// explanation tells the admin which column to drop. Messages and findings never repeat the refused value.
import type { ImportKind } from './rows';

/** Stable codes of column names refused as personal data (or, for incidents, as free text). */
export const PII_COLUMN_CODES = [
  'pii_name_column',
  'pii_id_number_column',
  'pii_family_card_column',
  'pii_phone_column',
  'pii_email_column',
  'pii_address_column',
  'pii_birth_date_column',
  'pii_age_column',
  'pii_online_account_column',
  'free_text_column',
] as const;
/** One refused-column code. */
export type PiiColumnCode = (typeof PII_COLUMN_CODES)[number];

/** Stable codes of cell values refused as personal data (or, for incidents, as free text). */
export const PII_VALUE_CODES = [
  'pii_id_number_value',
  'pii_phone_value',
  'pii_email_value',
  'pii_address_value',
  'free_text_value',
] as const;
/** One refused-value code. */
export type PiiValueCode = (typeof PII_VALUE_CODES)[number];

/** A column refused by its name: its position (0-based), its name as written, why, and what to do. */
export interface PiiColumnFinding {
  index: number;
  column: string;
  code: PiiColumnCode;
  message: string;
}

/**
 * A cell refused by its content: its column, a stable code and the problem in words, lower-case so that
 * `rowError(unit, row, column, code, problem)` (rows.ts) names the row and column in front of it. The value itself
 * is never included.
 */
export interface PiiValueFinding {
  column: string;
  code: PiiValueCode;
  problem: string;
}

/** What every refusal adds: the consequence and the remedy. */
const REFUSED_WHOLE =
  'Titik Rawan stores no personal data, so the whole file is refused and nothing from it was stored.';

// ---------------------------------------------------------------------------------------------------------------
// Column names

/** Lower-case ASCII words of a column name: `"No. HP"` → `no hp`, `"tanggalLahir"` → `tanggal lahir`. */
function headerWords(header: string): string[] {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Words that, in front of a short keyword written as one word, mean "number of": `nohp`, `nomorkk`. */
const NUMBER_PREFIXES = ['', 'no', 'nomor', 'nomer', 'nmr', 'num', 'number'];

/**
 * Whether a column name matches a keyword phrase: the phrase's words appear in order among the name's words, or
 * the name written as one word is the phrase (after a "number" prefix such as `no`: `nohp`, `nomorkk`) or, for a
 * phrase of four letters or more, starts with it (`alamatlengkap`, `tgllahirkorban`). Only the start counts:
 * `pencatatan` (recording) must not match `catatan` (notes).
 */
function matchesPhrase(words: readonly string[], phrase: string): boolean {
  const wanted = phrase.split(' ');
  for (let start = 0; start + wanted.length <= words.length; start += 1) {
    if (wanted.every((word, offset) => words[start + offset] === word)) return true;
  }
  const compact = words.join('');
  const compactPhrase = wanted.join('');
  return NUMBER_PREFIXES.some(
    (prefix) =>
      compact === prefix + compactPhrase ||
      (compactPhrase.length >= 4 && compact.startsWith(prefix + compactPhrase)),
  );
}

/** A family of refused column names: its code, the phrases that identify it, and the explanation. */
interface ColumnRule {
  code: PiiColumnCode;
  phrases: readonly string[];
  /** Kinds the rule applies to; all kinds when absent. */
  kinds?: readonly ImportKind[];
  /** Phrases that make a matching name harmless, such as a count (`jumlah kk diperiksa`). */
  unless?: readonly string[];
  what: string;
}

/** Words that say a name column names a person, so it is refused for every kind (venues included). */
const PERSON_WORDS = [
  'korban', 'pelaku', 'pelapor', 'tersangka', 'saksi', 'anak', 'ortu', 'orang tua', 'ibu', 'ayah', 'wali',
  'lengkap', 'full', 'first', 'last', 'given', 'surname', 'panggilan', 'alias', 'inisial', 'initials', 'petugas',
  'pemilik', 'owner', 'pengelola', 'kontak', 'contact', 'pic', 'penanggung jawab', 'person', 'victim', 'offender',
  'suspect', 'perpetrator', 'reporter', 'witness', 'parent', 'guardian', 'child', 'officer', 'staff', 'responden',
  'klien', 'client', 'pasien', 'patient', 'siswa', 'murid', 'pupil', 'student', 'guru', 'teacher',
]; // prettier-ignore

/** Words that say a name column names a place, an organisation or a thing, which is not personal data. */
const THING_WORDS = [
  'kelurahan', 'kecamatan', 'kota', 'kabupaten', 'desa', 'wilayah', 'area', 'organisasi', 'organisation',
  'organization', 'lembaga', 'instansi', 'mitra', 'partner', 'venue', 'tempat', 'lokasi', 'location', 'place',
  'hotel', 'kost', 'kos', 'sekolah', 'school', 'usaha', 'bisnis', 'business', 'bangunan', 'building', 'kategori',
  'category', 'jenis', 'kind', 'kegiatan', 'activity', 'program', 'file', 'layer', 'stasiun', 'station', 'halte',
]; // prettier-ignore

/** Words that, alone as a column name, can only hold a person's name or initials. */
const PERSON_ROLE_HEADERS = [
  'korban', 'pelaku', 'pelapor', 'tersangka', 'saksi', 'victim', 'offender', 'suspect', 'perpetrator', 'reporter',
  'witness', 'pemilik', 'owner', 'pic', 'contact person', 'penanggung jawab', 'inisial', 'initials',
]; // prettier-ignore

const NAME_WORDS = ['nama', 'name', 'nm', 'inisial', 'initials'];

const COLUMN_RULES: readonly ColumnRule[] = [
  {
    code: 'pii_id_number_column',
    phrases: [
      'nik', 'ktp', 'e ktp', 'nomor induk kependudukan', 'national id', 'identity number', 'identitas',
      'passport', 'paspor', 'nisn', 'nis', 'npwp', 'bpjs',
    ], // prettier-ignore
    what: 'holds identity numbers (NIK, KTP, passport, NISN, NPWP or BPJS)',
  },
  {
    code: 'pii_family_card_column',
    phrases: ['kk', 'kartu keluarga', 'family card'],
    // A count of family cards checked (an intervention's outcome) names no one.
    unless: ['jumlah', 'count', 'total', 'cek', 'check', 'periksa', 'diperiksa', 'pemeriksaan'],
    what: 'holds family card (KK) numbers',
  },
  {
    code: 'pii_phone_column',
    phrases: [
      'telepon', 'telpon', 'telp', 'tlp', 'tel', 'phone', 'telephone', 'handphone', 'ponsel', 'hp', 'wa',
      'whatsapp', 'mobile', 'kontak', 'contact',
    ], // prettier-ignore
    what: 'holds phone numbers or contact details',
  },
  {
    code: 'pii_email_column',
    phrases: ['email', 'e mail', 'surel', 'surat elektronik', 'mail'],
    what: 'holds e-mail addresses',
  },
  {
    code: 'pii_address_column',
    phrases: [
      'alamat', 'address', 'addr', 'jalan', 'jl', 'jln', 'gang', 'gg', 'street', 'rt', 'rw', 'rt rw',
      'nomor rumah', 'no rumah', 'house number', 'housenumber', 'domisili', 'tempat tinggal', 'residence',
    ], // prettier-ignore
    what: 'holds street addresses (street, house number, RT/RW)',
  },
  {
    // In police exports the crime scene (tempat kejadian perkara) is written as a street address.
    code: 'pii_address_column',
    kinds: ['incidents'],
    phrases: ['tkp', 'tempat kejadian perkara'],
    what: 'holds the written place of the incident, which in case files is a street address',
  },
  {
    code: 'pii_birth_date_column',
    phrases: [
      'tanggal lahir', 'tgl lahir', 'tempat lahir', 'ttl', 'lahir', 'date of birth', 'birth date', 'birthdate',
      'dob', 'birthday', 'born', 'tahun lahir', 'year of birth',
    ], // prettier-ignore
    what: 'holds dates or places of birth',
  },
  {
    // An exact age is refused too: with a date and a place, a child's age narrows down who the victim is, and the
    // product has no use for it (its figures are counts by place and month).
    code: 'pii_age_column',
    phrases: ['umur', 'usia', 'age', 'ages'],
    what: 'holds ages, which together with a date and a place help identify a child',
  },
  {
    // Open BO cases arrive with the app accounts used; a handle identifies a person as surely as a name.
    code: 'pii_online_account_column',
    phrases: [
      'akun', 'account', 'username', 'user name', 'user id', 'medsos', 'media sosial', 'social media', 'instagram',
      'ig', 'facebook', 'fb', 'tiktok', 'twitter', 'telegram', 'michat',
    ], // prettier-ignore
    what: 'holds social-media or app accounts',
  },
  {
    code: 'free_text_column',
    kinds: ['incidents'],
    phrases: [
      'keterangan', 'ket', 'catatan', 'note', 'notes', 'description', 'deskripsi', 'desc', 'kronologi',
      'kronologis', 'uraian', 'ringkasan', 'summary', 'narasi', 'narrative', 'cerita', 'komentar', 'comment',
      'comments', 'remark', 'remarks', 'detail', 'details', 'isi laporan',
    ], // prettier-ignore
    what: 'holds free text, which incidents never take because case notes identify people',
  },
];

/**
 * Whether a column name mentions one of some words anywhere, also inside a name written as one word
 * (`namapemilik`, `namakelurahan`) for words at least `minLength` letters long; used to tell whose name a name
 * column holds.
 */
function mentions(words: readonly string[], list: readonly string[], minLength: number): boolean {
  const compact = words.join('');
  return list.some(
    (word) =>
      matchesPhrase(words, word) || (word.length >= minLength && compact.includes(word.replace(/ /g, ''))),
  );
}

/** The refusal rule a column name falls under for a kind, if any; name columns are judged apart. */
function refusedColumn(
  kind: ImportKind,
  words: readonly string[],
): { code: PiiColumnCode; what: string } | null {
  const has = (phrases: readonly string[]) => phrases.some((phrase) => matchesPhrase(words, phrase));
  const named = has(NAME_WORDS);
  if (PERSON_ROLE_HEADERS.includes(words.join(' ')) || (named && mentions(words, PERSON_WORDS, 5)))
    return { code: 'pii_name_column', what: 'holds names or initials of people' };
  for (const rule of COLUMN_RULES) {
    if (rule.kinds && !rule.kinds.includes(kind)) continue;
    if (has(rule.phrases) && !(rule.unless && has(rule.unless))) return rule;
  }
  // A bare "name" is a venue's name in a venue list; anywhere else, and without a place word, it names a person.
  if (named && !mentions(words, THING_WORDS, 3) && kind !== 'venues')
    return { code: 'pii_name_column', what: 'holds names of people' };
  return null;
}

/**
 * Every column of a file refused for an import kind because its name says it holds personal data (names, NIK/KTP,
 * KK, phone, e-mail, street address, birth date, age, social-media accounts) or, for incidents, free text; English
 * and Indonesian names, in any case or spacing. Each finding says why and what to do (drop the column). Empty when
 * the header is acceptable.
 */
export function checkHeaders(kind: ImportKind, headers: readonly string[]): PiiColumnFinding[] {
  const findings: PiiColumnFinding[] = [];
  headers.forEach((header, index) => {
    const refusal = refusedColumn(kind, headerWords(header));
    if (!refusal) return;
    const column = redactPersonalData(header);
    findings.push({
      index,
      column,
      code: refusal.code,
      message:
        `Column "${column}" ${refusal.what}. ${REFUSED_WHOLE} ` +
        'Delete this column from the file (keep only the columns of the template) and import it again.',
    });
  });
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values

/**
 * Indonesian province codes (Kemendagri), the first two digits of every NIK and KK number: Sumatra 11–19, Riau
 * Islands 21, Java 31–36, Bali and Nusa Tenggara 51–53, Kalimantan 61–65, Sulawesi 71–76, Maluku 81–82, Papua 91–97.
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74,
  75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]); // prettier-ignore

/**
 * Whether 16 digits are shaped like a NIK or KK number: province (2 digits), regency (2, not 00), district (2, not
 * 00), then a date DDMMYY — the holder's birth date (day + 40 for women) in a NIK, the issue date in a KK — then a
 * 4-digit serial. The check is deliberately loose (any year, any serial: Excel may have zeroed the last digit) but
 * only about 3 % of arbitrary 16-digit numbers pass it, so ordinary long numbers are not refused.
 */
export function isIdNumberShaped(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const part = (start: number) => Number(digits.slice(start, start + 2));
  const day = part(6);
  const month = part(8);
  return (
    PROVINCE_CODES.has(part(0)) &&
    part(2) > 0 &&
    part(4) > 0 &&
    ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) &&
    month >= 1 &&
    month <= 12
  );
}

/**
 * Runs of 16 digits, written together or in groups split by spaces, dots or hyphens (`3175 0123 0190 0001`,
 * `31.75.01.230190.0001`); commas never split one. A run split only once, by a dot, is a decimal number such as a
 * coordinate written with 15 decimals (`-6.225123456789012`), not an ID.
 */
const SIXTEEN_DIGITS = /(?<![\d.,])\d(?:[ .-]?\d){15}(?![\d]|[.,]\d)/g;

/** A 16-digit number that Excel turned into scientific notation (`3,17501E+15`); its first digits remain. */
const EXCEL_SIXTEEN_DIGITS = /(?<![\d.,])(\d)[.,](\d+)E\+15(?!\d)/gi;

function hasIdNumber(value: string): boolean {
  for (const match of value.matchAll(SIXTEEN_DIGITS)) {
    const separators = match[0].replace(/\d/g, '');
    if (separators === '.') continue;
    if (isIdNumberShaped(match[0].replace(/\D/g, ''))) return true;
  }
  for (const match of value.matchAll(EXCEL_SIXTEEN_DIGITS)) {
    if (PROVINCE_CODES.has(Number(`${match[1]}${(match[2] ?? '').slice(0, 1)}`))) return true;
  }
  return false;
}

/**
 * Indonesian phone numbers: mobile `08…` or Jakarta-area landline `021…`, with the trunk `0` or the country code
 * `62`/`+62`, digits grouped by spaces, dots, hyphens or parentheses. The group after the prefix has at least three
 * digits (`0812`, `021`), so a date such as `08-12-2025` is not a phone number.
 */
const PHONE_CANDIDATE =
  /(?<![\d+]|\d[.,])(?:\+62|62|\(0|0)[\s.-]?(?:8\d{2}|\(?21\)?)(?:[\s.-]?\d){5,10}(?![\d])/g;

/**
 * Whether a phone candidate has a plausible length: the national number after `0`/`62` has 9–12 digits for
 * mobiles (`0812-3456-789` to `0812-3456-78901`, 10–13 digits with the `0`) and 9–10 for `021` landlines. With
 * that floor, OpenStreetMap ids that start with 62 (10 digits, 8 after the `62`) are not phone numbers.
 */
function isPhoneLength(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const national = digits.startsWith('62') ? digits.slice(2) : digits.slice(1);
  if (national.startsWith('8')) return national.length >= 9 && national.length <= 12;
  return national.length >= 9 && national.length <= 10;
}

function hasPhone(value: string): boolean {
  for (const match of value.matchAll(PHONE_CANDIDATE)) if (isPhoneLength(match[0])) return true;
  return false;
}

/** Whether a text may hold an e-mail address at all: a cheap test before the e-mail pattern, slow on long text. */
const MAY_HOLD_EMAIL = /@|\[at\]|\(at\)/i;

/** An e-mail address anywhere in a text, also with `[at]` or `(at)` for `@`. */
const EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\))\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/iu;

/**
 * A street address: `Jl.`/`Jln.`/`Jalan`/`Gg.`/`Gang` followed by a name (`Jl. Matraman Raya`, `Gang Mawar`), or an
 * RT or RW number (`RT 05/RW 03`, `RT.005`, `rw 3`). "Jalan-jalan" (a stroll) does not count.
 */
const STREET_ADDRESS =
  /(?<![\p{L}\p{N}-])(?:jl|jln|jalan|gg|gang)\.?\s+\p{L}|(?<![\p{L}\p{N}-])(?:jl|jln|gg)\.\p{L}|\b(?:rt|rw)\s*[.:]?\s*\d{1,3}\b|\brt\s*\/\s*rw\b/iu;

/** Free text in an incident: seven or more words, or more than 100 characters. */
const FREE_TEXT_WORDS = 7;
const FREE_TEXT_LENGTH = 100;

function isFreeText(value: string): boolean {
  const words = value.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word));
  return words.length >= FREE_TEXT_WORDS || value.length > FREE_TEXT_LENGTH;
}

/** What each refused-value code says about the column, without the value. */
const VALUE_PROBLEMS: Readonly<Record<PiiValueCode, string>> = {
  pii_id_number_value: 'a 16-digit number shaped like a NIK (national ID) or KK (family card) number',
  pii_phone_value: 'a phone number',
  pii_email_value: 'an e-mail address',
  pii_address_value: 'a street address (Jl./Jalan/Gang with a name, or an RT/RW number)',
  free_text_value: 'free text, which incidents never take because case notes identify people',
};

function valueFinding(column: string, code: PiiValueCode): PiiValueFinding {
  return {
    column: redactPersonalData(column),
    code,
    problem:
      `holds ${VALUE_PROBLEMS[code]}. ${REFUSED_WHOLE} ` +
      'Remove it from the file (the value is not repeated here) and import it again.',
  };
}

/**
 * Whether one cell looks like personal data, in any column of any kind: a NIK/KK number (16 digits, loosely
 * checked for the NIK structure), an Indonesian phone number, an e-mail address or a street address; for
 * incidents also free text. Returns null for an acceptable value, else a finding with the column and the problem,
 * never the value.
 */
export function checkValue(kind: ImportKind, column: string, value: string): PiiValueFinding | null {
  if (value.trim() === '') return null;
  if (MAY_HOLD_EMAIL.test(value) && EMAIL.test(value)) return valueFinding(column, 'pii_email_value');
  if (hasIdNumber(value)) return valueFinding(column, 'pii_id_number_value');
  if (hasPhone(value)) return valueFinding(column, 'pii_phone_value');
  if (STREET_ADDRESS.test(value)) return valueFinding(column, 'pii_address_value');
  if (kind === 'incidents' && isFreeText(value)) return valueFinding(column, 'free_text_value');
  return null;
}

/** Every e-mail address in a text, for replacing. */
const EVERY_EMAIL = new RegExp(EMAIL.source, 'giu');

/** Text shown instead of personal data removed from a message. */
export const REDACTED = '[removed]';

/**
 * A text with every e-mail address, 16-digit number (a coordinate's decimals excepted) and phone number replaced by
 * `[removed]`: the last guard before a message or column name is shown or written to an error report, in case it
 * quotes a cell. Street addresses have no clear end in a sentence and are not removed, so messages must not quote
 * cells in the first place.
 */
export function redactPersonalData(text: string): string {
  return (MAY_HOLD_EMAIL.test(text) ? text.replace(EVERY_EMAIL, REDACTED) : text)
    .replace(SIXTEEN_DIGITS, (match) => (match.replace(/\d/g, '') === '.' ? match : REDACTED))
    .replace(EXCEL_SIXTEEN_DIGITS, REDACTED)
    .replace(PHONE_CANDIDATE, (match) => (isPhoneLength(match) ? REDACTED : match));
}
