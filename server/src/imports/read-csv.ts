// CSV uploads as rows: the delimiter (comma or semicolon) is read off the header line, csv-parse does the
// quoting (Excel's doubled quotes, line breaks inside quotes, CRLF), and cells are matched to the header.
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ImportFileError, rowError, type ImportRow, type ReadEvent } from './rows';

/** Longest header line accepted, in characters: a header is a few dozen names, not a whole file. */
export const MAX_HEADER_LENGTH = 65_536;

/**
 * The delimiter of a CSV header line: the semicolon when it appears more often than the comma outside
 * quotes (Excel in Indonesian or European settings), otherwise the comma.
 */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Reads text until the first line break; returns that text (maybe more) and the rest of the source. */
async function takeHeaderLine(
  text: AsyncIterator<string>,
): Promise<{ start: string; firstLine: string; ended: boolean }> {
  let start = '';
  for (;;) {
    const newline = start.search(/\r|\n/);
    if (newline !== -1) return { start, firstLine: start.slice(0, newline), ended: false };
    if (start.length > MAX_HEADER_LENGTH) {
      throw new ImportFileError(
        'header_too_long',
        `The first line is longer than ${MAX_HEADER_LENGTH} characters, so it is not a CSV header row.`,
      );
    }
    const next = await text.next();
    if (next.done) return { start, firstLine: start, ended: true };
    start += next.value;
  }
}

async function* prepend(start: string, rest: AsyncIterator<string>, ended: boolean): AsyncGenerator<string> {
  if (start !== '') yield start;
  if (ended) return;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

/** Header names as written, trimmed; trailing unnamed columns (Excel exports) dropped, others named by position. */
function headerNames(cells: string[]): string[] {
  const names = cells.map((cell) => cell.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new ImportFileError('empty_file', 'The file has no header row.');
  const seen = new Set<string>();
  return names.map((name, index) => {
    const named = name === '' ? `(unnamed column ${index + 1})` : name;
    if (seen.has(named.toLowerCase())) {
      throw new ImportFileError(
        'duplicate_column',
        `The header row names the column "${named}" twice; each column must appear once.`,
      );
    }
    seen.add(named.toLowerCase());
    return named;
  });
}

function csvError(error: CsvError): ImportFileError {
  const line = typeof error.lines === 'number' ? error.lines : null;
  const where = line === null ? 'The file' : `Line ${line}`;
  const what =
    error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'opens a quoted cell that is never closed' : 'is not valid CSV';
  return new ImportFileError('invalid_csv', `${where} ${what} (${error.message}).`);
}

/**
 * Reads CSV text into a header event, one row event per non-empty data row (row 1 is the header, as in a
 * spreadsheet) and an end event. Cells are trimmed; missing trailing cells are empty; extra non-empty cells
 * beyond the header give the row an `extra_cells` error; rows whose cells are all empty are skipped and counted.
 */
export async function* readCsv(text: AsyncIterable<string>): AsyncGenerator<ReadEvent> {
  const source = text[Symbol.asyncIterator]();
  const { start, firstLine, ended } = await takeHeaderLine(source);
  const delimiter = detectDelimiter(firstLine);
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  pipeline(Readable.from(prepend(start, source, ended)), parser, () => {});

  let columns: string[] | null = null;
  let rowNumber = 0;
  let rows = 0;
  let emptyRows = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      rowNumber++;
      if (columns === null) {
        columns = headerNames(cells);
        yield { type: 'header', format: 'csv', unit: 'row', columns, delimiter };
        continue;
      }
      if (cells.every((cell) => cell.trim() === '')) {
        emptyRows++;
        continue;
      }
      const values: Record<string, string> = {};
      columns.forEach((column, index) => {
        values[column] = (cells[index] ?? '').trim();
      });
      const extra = cells.slice(columns.length).filter((cell) => cell.trim() !== '').length;
      const errors =
        extra === 0
          ? []
          : [
              rowError(
                'row',
                rowNumber,
                null,
                'extra_cells',
                `has ${extra} more filled cell${extra === 1 ? '' : 's'} than the header has columns; ` +
                  `add a header for ${extra === 1 ? 'it' : 'them'} or check for a stray "${delimiter}"`,
              ),
            ];
      const row: ImportRow = { type: 'row', unit: 'row', row: rowNumber, values, point: null, errors };
      rows++;
      yield row;
    }
  } catch (error) {
    throw error instanceof CsvError ? csvError(error) : error;
  } finally {
    parser.destroy();
  }
  if (columns === null) throw new ImportFileError('empty_file', 'The file has no header row.');
  yield { type: 'end', rows, skipped: emptyRows > 0 ? { empty_row: emptyRows } : {} };
}
