// The downloadable error report: what Excel needs to open it (BOM, RFC 4180 quoting, CRLF), and that no refused
// personal-data value reaches it, from the PII checks or from any message that quotes a cell.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorsCsv, errorsCsvLines, type ReportedError } from '@titik-rawan/server/imports/error-report';
import { readDate } from '@titik-rawan/server/imports/dates';
import { checkHeaders, checkValue } from '@titik-rawan/server/imports/pii';
import { rowError } from '@titik-rawan/server/imports/rows';

// Read reports back with csv-parse, the RFC 4180 parser the import itself uses (a dependency of the server package).
const requireFromServer = createRequire(new URL('../../server/package.json', import.meta.url));
const { parse } = requireFromServer('csv-parse/sync') as {
  parse: (text: string, options: { bom: boolean; delimiter: string }) => string[][];
};

describe('errorsCsv', () => {
  it('starts with a UTF-8 byte order mark and the header, and ends every line with CRLF', () => {
    const csv = errorsCsv([rowError('row', 4, 'kategori', 'not_in_list', 'is not a category')]);
    expect(csv).toBe(
      '\uFEFFrow,column,code,message\r\n4,kategori,not_in_list,"Row 4, column ""kategori"": is not a category"\r\n',
    );
  });

  it('writes an empty report as the header alone', () => {
    expect(errorsCsv([])).toBe('\uFEFFrow,column,code,message\r\n');
  });

  it('leaves the row and column empty for errors of the whole file or row', () => {
    const csv = errorsCsv([
      { row: null, column: null, code: 'empty_file', message: 'The file has no header row.' },
    ]);
    expect(csv.split('\r\n')[1]).toBe(',,empty_file,The file has no header row.');
  });

  it('quotes delimiters, quotes and line breaks as RFC 4180 says', () => {
    const csv = errorsCsv([{ row: 2, column: 'a;b', code: 'x', message: 'one, "two"\nthree' }]);
    expect(csv.split('\r\n')[1]).toBe('2,a;b,x,"one, ""two""\nthree"');
    const semicolons = errorsCsv([{ row: 2, column: 'a;b', code: 'x', message: 'one, two' }], {
      delimiter: ';',
    });
    expect(semicolons).toBe('\uFEFFrow;column;code;message\r\n2;"a;b";x;one, two\r\n');
  });

  it('keeps a column name from running as an Excel formula', () => {
    const csv = errorsCsv([{ row: 2, column: '=HYPERLINK("http://x")', code: 'x', message: 'm' }]);
    expect(parse(csv, { bom: true, delimiter: ',' })[1]?.[1]).toBe('\'=HYPERLINK("http://x")');
  });

  it('reads back as the same rows, whatever the text', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    const error = fc.record({
      row: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
      column: fc.option(text, { nil: null }),
      code: fc.stringMatching(/^[a-z_]{1,20}$/),
      message: text,
    });
    fc.assert(
      fc.property(
        fc.array(error, { maxLength: 8 }),
        fc.constantFrom(',' as const, ';' as const),
        (errors, d) => {
          const rows = parse(errorsCsv(errors, { delimiter: d }), { bom: true, delimiter: d });
          expect(rows).toEqual([
            ['row', 'column', 'code', 'message'],
            ...errors.map((e) => [e.row === null ? '' : String(e.row), e.column ?? '', e.code, e.message]),
          ]);
        },
      ),
    );
  });

  it('streams the same text line by line', () => {
    const errors: ReportedError[] = [
      { row: 2, column: 'tanggal', code: 'date_impossible', message: 'a' },
      { row: 3, column: null, code: 'no_location', message: 'b' },
    ];
    const lines = [...errorsCsvLines(errors)];
    expect(lines).toHaveLength(3);
    expect(lines.join('')).toBe(errorsCsv(errors));
  });
});

describe('personal data in the report', () => {
  const nik = '3175012301900001';
  const phone = '0812-3456-7890';
  const email = 'budi.santoso@gmail.com';

  it('names the row and column of a refused value but never the value', () => {
    const errors: ReportedError[] = [];
    const cells: [number, string, string][] = [
      [2, 'nomor', nik],
      [3, 'kontak_darurat', phone],
      [4, 'sumber', email],
    ];
    for (const [row, column, value] of cells) {
      const finding = checkValue('incidents', column, value);
      if (finding)
        errors.push({ row, column, code: finding.code, message: `Row ${row}: ${finding.problem}` });
    }
    const csv = errorsCsv(errors);
    const rows = parse(csv, { bom: true, delimiter: ',' });
    expect(rows.slice(1).map(([row, column, code]) => [row, column, code])).toEqual([
      ['2', 'nomor', 'pii_id_number_value'],
      ['3', 'kontak_darurat', 'pii_phone_value'],
      ['4', 'sumber', 'pii_email_value'],
    ]);
    for (const value of [nik, phone, email, '34567890', '3456-7890', 'budi.santoso'])
      expect(csv).not.toContain(value);
  });

  it('removes personal data that another message quotes from a cell', () => {
    const csv = errorsCsv([
      {
        row: 5,
        column: 'kelurahan',
        code: 'unknown_kelurahan',
        message: `Row 5: "${nik}" is not a kelurahan`,
      },
      { row: 6, column: phone, code: 'pii_phone_column', message: `Column "${phone}" holds phone numbers.` },
      { row: 7, column: 'org', code: 'unknown_organisation', message: `no organisation has code ${email}` },
    ]);
    for (const value of [nik, phone, email]) expect(csv).not.toContain(value);
    expect(csv).toContain('[removed]');
  });

  it('carries refused columns and date problems with their reasons', () => {
    const headerErrors = checkHeaders('incidents', ['tanggal', 'NIK']).map((f) => ({
      row: 1,
      column: f.column,
      code: f.code,
      message: f.message,
    }));
    const date = readDate('31/02/2025 21:47', '2026-11-29');
    const dateErrors = date.ok ? [] : [{ row: 2, column: 'tanggal', code: date.code, message: date.problem }];
    const rows = parse(errorsCsv([...headerErrors, ...dateErrors]), { bom: true, delimiter: ',' });
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['1', 'NIK', 'pii_id_number_column'],
      ['2', 'tanggal', 'date_impossible'],
    ]);
    expect(rows[1]?.[3]).toContain('nothing from it was stored');
    expect(rows[2]?.[3]).toContain('February 2025');
  });
});
