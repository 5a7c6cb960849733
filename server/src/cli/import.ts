// `pnpm import <kind> <file> [--format csv|geojson|osm] [--organisation code]`: checks a file and, when it has no
// error and was not imported before, imports it as one batch. On refusal it prints the first errors, writes them
// all to a CSV and exits with status 1.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorsCsv } from '../imports/error-report';
import { runImport, type ImportProgress } from '../imports/import-batch';
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from '../imports/rows';
import { runWithDatabase } from './run-with-database';

/** Errors printed on refusal; the CSV holds them all. */
const ERRORS_SHOWN = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string' }, organisation: { type: 'string' } },
});

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: pnpm import <${IMPORT_KINDS.join('|')}> <file> [--format csv|geojson|osm] [--organisation code]`,
  );
  process.exit(2);
}

const [kindText, fileText] = positionals;
if (!IMPORT_KINDS.includes(kindText as ImportKind)) usage(`Unknown kind "${kindText ?? ''}".`);
if (!fileText) usage('No file given.');
const kind = kindText as ImportKind;
// `pnpm import` runs in the server package: resolve the file from where the command was typed.
const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), fileText);
const format = (values.format ?? (/\.csv$/i.test(filePath) ? 'csv' : 'geojson')) as ImportFormat;
if (!IMPORT_FORMATS.includes(format)) usage(`Unknown format "${format}".`);

let lastPhase = '';
function progress({ phase, rows }: ImportProgress): void {
  if (phase !== lastPhase || rows % 10_000 === 0) console.log(`${phase}: ${rows.toLocaleString('en')} rows`);
  lastPhase = phase;
}

await runWithDatabase(async (db) => {
  const result = await runImport(
    db.sql,
    {
      kind,
      format,
      filePath,
      fileName: path.basename(filePath),
      organisation: values.organisation ?? null,
      importedBy: null,
    },
    progress,
  );
  const { check } = result;
  if (result.status === 'committed') {
    return (
      `Imported ${result.rows.toLocaleString('en')} ${kind} as batch ${result.batchId}` +
      (check.skipped > 0 ? ` (${check.skipped} entries skipped)` : '') +
      '.'
    );
  }
  if (check.duplicateOf) {
    throw new Error(
      `Refused: this file was already imported as batch ${check.duplicateOf.batchId} on ${check.duplicateOf.importedAt}.`,
    );
  }
  const report = path.join(os.tmpdir(), `titik-rawan-import-errors-${Date.now()}.csv`);
  await writeFile(report, errorsCsv(check.errors));
  const shown = check.errors.slice(0, ERRORS_SHOWN).map((error) => `  ${error.message}`);
  const more = check.errorCount > ERRORS_SHOWN ? `\n  … and ${check.errorCount - ERRORS_SHOWN} more` : '';
  const kept = check.errorCount > check.errors.length ? ` (the first ${check.errors.length})` : '';
  throw new Error(
    `Refused: ${check.errorCount} error(s); nothing was stored.\n${shown.join('\n')}${more}\n` +
      `All errors${kept} are in ${report}`,
  );
});
