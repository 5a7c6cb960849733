/**
 * The admin's import page in a wide dialog: choose what the file holds and who it comes from, check it (upload with
 * a progress bar; the detected columns, the first rows, every error with a CSV download, a duplicate warning), import
 * it as a job whose rows checked and written fill the progress bar, and the history with roll-back. Loaded lazily:
 * only admins open it.
 */
import { IMPORT_FORMATS, IMPORT_KINDS } from '@titik-rawan/shared/codes';
import { useEffect, useId, useRef, useState } from 'react';
import {
  checkImportFile,
  fetchImportJob,
  fetchImports,
  fetchOrganisations,
  importTemplateUrl,
  rollBackImport,
  startImport,
  type ImportQuery,
} from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { ImportBatch, ImportCheck, ImportJob, Organisations } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ModalDialog } from './ModalDialog.tsx';

/** Props of the import dialog. */
export interface ImportDialogProps {
  onClose: () => void;
}

type Kind = ImportQuery['kind'];
type Format = ImportQuery['format'];

/** Where the dialog is: what is being sent or done, and what came back. */
type Step =
  | { name: 'idle' }
  | { name: 'checking'; uploaded: number }
  | { name: 'checked'; check: ImportCheck }
  | { name: 'importing'; uploaded: number; job: ImportJob | null }
  | { name: 'imported'; job: ImportJob }
  | { name: 'problem'; message: MessageKey };

/** Errors listed in the dialog; the CSV report holds them all (up to the server's 1,000). */
const SHOWN_ERRORS = 200;

/** Milliseconds between two looks at a running import job. */
const POLL_MS = 500;

/** Formats a kind of data may come in: OpenStreetMap exports hold venues only. */
function formatsOf(kind: Kind): readonly Format[] {
  return kind === 'venues' ? IMPORT_FORMATS : IMPORT_FORMATS.filter((f) => f !== 'osm');
}

/** What the file picker offers for a format. */
const ACCEPT: Readonly<Record<Format, string>> = {
  csv: '.csv,text/csv',
  geojson: '.geojson,.json,application/geo+json,application/json',
  osm: '.json,.geojson,application/json',
};

/** The dialog. */
export default function ImportDialog({ onClose }: ImportDialogProps) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileId = useId();
  const historyHeadingId = useId();
  const [kind, setKind] = useState<Kind>('incidents');
  const [format, setFormat] = useState<Format>('csv');
  const [organisation, setOrganisation] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [organisations, setOrganisations] = useState<Organisations['organisations']>([]);
  const [history, setHistory] = useState<ImportBatch[] | null>(null);
  const [historyProblem, setHistoryProblem] = useState<MessageKey | null>(null);

  // The history is read when the dialog opens and again after each import or roll-back (a new `historyRead`).
  const [historyRead, setHistoryRead] = useState(0);
  const reloadHistory = () => setHistoryRead((n) => n + 1);
  useEffect(() => {
    const controller = new AbortController();
    fetchImports(controller.signal).then(
      (imports) => {
        setHistory(imports);
        setHistoryProblem(null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setHistoryProblem(errorMessageKey(error));
      },
    );
    return () => controller.abort();
  }, [historyRead]);

  useEffect(() => {
    const controller = new AbortController();
    fetchOrganisations(controller.signal).then(
      (answer) => setOrganisations(answer.organisations),
      () => setOrganisations([]),
    );
    return () => controller.abort();
  }, []);

  /** Any change of what is to be imported makes an earlier check stale. */
  const changed = () => setStep({ name: 'idle' });
  const query = (): ImportQuery | null =>
    file ? { kind, format, organisation: organisation || null, fileName: file.name } : null;
  const busy = step.name === 'checking' || (step.name === 'importing' && !finishedJob(step.job));

  const check = async () => {
    const q = query();
    if (!file || !q) return;
    setStep({ name: 'checking', uploaded: 0 });
    try {
      const result = await checkImportFile(file, q, (uploaded) => setStep({ name: 'checking', uploaded }));
      setStep({ name: 'checked', check: result });
    } catch (error) {
      setStep({ name: 'problem', message: errorMessageKey(error) });
    }
  };

  const runImport = async () => {
    const q = query();
    if (!file || !q) return;
    setStep({ name: 'importing', uploaded: 0, job: null });
    try {
      const { jobId } = await startImport(file, q, (uploaded) =>
        setStep({ name: 'importing', uploaded, job: null }),
      );
      for (;;) {
        const job = await fetchImportJob(jobId);
        if (finishedJob(job)) {
          setStep({ name: 'imported', job });
          break;
        }
        setStep({ name: 'importing', uploaded: 1, job });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      reloadHistory();
    } catch (error) {
      setStep({ name: 'problem', message: errorMessageKey(error) });
    }
  };

  const rollBack = async (batch: ImportBatch) => {
    if (!window.confirm(t('import.rollbackConfirm', { file: batch.fileName, rows: batch.rows }))) return;
    try {
      await rollBackImport(batch.id);
      reloadHistory();
    } catch (error) {
      setHistoryProblem(errorMessageKey(error));
    }
  };

  const checked = step.name === 'checked' ? step.check : null;
  const importable = checked !== null && checked.errorCount === 0 && checked.duplicateOf === null;
  const shownCheck =
    checked ??
    (step.name === 'imported' && step.job.status === 'refused' ? (step.job.result?.check ?? null) : null);

  return (
    <ModalDialog
      title={t('import.title')}
      intro={t('import.intro')}
      onClose={onClose}
      wide
      className="import"
      testId="import-dialog"
      dialogRef={dialogRef}
    >
      <div className="import__choices">
        <label className="field">
          <span className="field__label">{t('import.kind')}</span>
          <select
            className="field__input"
            value={kind}
            data-testid="import-kind"
            onChange={(e) => {
              const next = e.target.value as Kind;
              setKind(next);
              if (!formatsOf(next).includes(format)) setFormat('csv');
              changed();
            }}
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`import.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('import.format')}</span>
          <select
            className="field__input"
            value={format}
            data-testid="import-format"
            onChange={(e) => {
              setFormat(e.target.value as Format);
              changed();
            }}
          >
            {formatsOf(kind).map((f) => (
              <option key={f} value={f}>
                {t(`import.format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('import.organisation')}</span>
          <select
            className="field__input"
            value={organisation}
            data-testid="import-organisation"
            onChange={(e) => {
              setOrganisation(e.target.value);
              changed();
            }}
          >
            <option value="">{t('import.organisationFromFile')}</option>
            {organisations.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('import.file')}
          </label>
          <input
            className="field__input"
            id={fileId}
            type="file"
            accept={ACCEPT[format]}
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              changed();
            }}
          />
        </div>
      </div>
      <p className="import__template">
        <a href={importTemplateUrl(kind)} download data-testid="import-template">
          {t('import.template', { kind: t(`import.kind.${kind}`) })}
        </a>
      </p>

      <div className="dialog__actions import__actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={!file || busy}
          onClick={() => void check()}
          data-testid="import-check"
        >
          {t('import.check')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!importable || busy}
          onClick={() => void runImport()}
          data-testid="import-run"
        >
          {t('import.run')}
        </button>
      </div>
      {!importable && checked && <p className="filters__note">{t('import.fixFirst')}</p>}

      <Progress step={step} total={checked?.rows ?? null} />
      {step.name === 'problem' && (
        <p className="dialog__problem" role="alert">
          {t(step.message)}
        </p>
      )}
      {step.name === 'imported' && <JobOutcome job={step.job} />}
      {shownCheck && <CheckResult check={shownCheck} />}

      <section className="import__history" aria-labelledby={historyHeadingId}>
        <h3 id={historyHeadingId} className="import__heading">
          {t('import.history')}
        </h3>
        {historyProblem && (
          <p className="dialog__problem" role="alert">
            {t(historyProblem)}
          </p>
        )}
        {history?.length === 0 && <p className="filters__note">{t('import.historyEmpty')}</p>}
        {history && history.length > 0 && (
          <div className="import__scroll">
            <table className="import__table" data-testid="import-history">
              <thead>
                <tr>
                  <th scope="col">{t('import.col.date')}</th>
                  <th scope="col">{t('import.kind')}</th>
                  <th scope="col">{t('import.col.file')}</th>
                  <th scope="col" className="import__number">
                    {t('import.col.rows')}
                  </th>
                  <th scope="col">{t('import.col.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('import.rollback')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((batch) => (
                  <tr key={batch.id} data-batch={batch.id}>
                    <td>{new Date(batch.importedAt).toLocaleString(language)}</td>
                    <td>{t(`import.kind.${batch.kind}`)}</td>
                    <th scope="row">{batch.fileName}</th>
                    <td className="import__number">{formatCount(batch.rows, language)}</td>
                    <td data-column="status">{t(`import.status.${batch.status}`)}</td>
                    <td>
                      {batch.status === 'committed' && !batch.synthetic && (
                        <button
                          type="button"
                          className="button button--quiet"
                          onClick={() => void rollBack(batch)}
                          aria-label={t('import.rollbackLabel', { file: batch.fileName })}
                          data-testid="import-rollback"
                        >
                          {t('import.rollback')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => dialogRef.current?.close()}>
          {t('import.close')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** Whether a job has finished (committed, refused or failed). */
function finishedJob(job: ImportJob | null): job is ImportJob {
  return job !== null && ['committed', 'refused', 'failed'].includes(job.status);
}

/** The progress bar of an upload, then of the rows checked and written. */
function Progress({ step, total }: { step: Step; total: number | null }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  if (step.name !== 'checking' && step.name !== 'importing') return null;
  const job = step.name === 'importing' ? step.job : null;
  const rows = job?.rows ?? 0;
  const [label, value] =
    job === null
      ? [t('import.uploading', { percent: Math.round(step.uploaded * 100) }), step.uploaded]
      : [
          t(`import.phase.${job.status}` as MessageKey, {
            rows: formatCount(rows, language),
            total: total === null ? '?' : formatCount(total, language),
          }),
          total ? Math.min(1, rows / total) : undefined,
        ];
  return (
    <div className="import__progress" aria-live="polite" data-testid="import-progress">
      <progress max={1} value={value} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

/** What became of an import job. */
function JobOutcome({ job }: { job: ImportJob }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const rows = formatCount(job.rows, language);
  return (
    <p
      className={job.status === 'committed' ? 'import__done' : 'dialog__problem'}
      role="status"
      data-testid="import-outcome"
    >
      {job.status === 'committed'
        ? t('import.committed', { rows })
        : job.status === 'refused'
          ? t('import.refused')
          : t('import.failed')}
    </p>
  );
}

/** Columns, unknown columns, the first rows, the errors and a duplicate warning of a check. */
function CheckResult({ check }: { check: ImportCheck }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const previewColumns = check.columns.filter((c) => check.preview.some((row) => c in row));
  const shownErrors = check.errors.slice(0, SHOWN_ERRORS);
  return (
    <section className="import__check" data-testid="import-check-result" aria-live="polite">
      <p>
        {t('import.summary', {
          rows: formatCount(check.rows, language),
          skipped: formatCount(check.skipped, language),
          errors: formatCount(check.errorCount, language),
        })}
      </p>
      {check.duplicateOf && (
        <p className="dialog__problem" role="alert" data-testid="import-duplicate">
          {t('import.duplicate', {
            batch: check.duplicateOf.batchId,
            date: new Date(check.duplicateOf.importedAt).toLocaleDateString(language),
          })}
        </p>
      )}
      <p data-testid="import-columns">
        <strong>{t('import.columns')}</strong>{' '}
        {check.columns.map((c, i) => (
          <span key={c}>
            {i > 0 && ', '}
            {check.unknownColumns.includes(c) ? <mark title={t('import.unknownColumn')}>{c}</mark> : c}
          </span>
        ))}
      </p>
      {check.unknownColumns.length > 0 && (
        <p className="filters__note">
          {t('import.unknownColumns', { columns: check.unknownColumns.join(', ') })}
        </p>
      )}
      {check.preview.length > 0 && (
        <>
          <h3 className="import__heading">{t('import.preview')}</h3>
          <div className="import__scroll">
            <table className="import__table" data-testid="import-preview">
              <thead>
                <tr>
                  {previewColumns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {check.preview.map((row, i) => (
                  <tr key={i}>
                    {previewColumns.map((c) => (
                      <td key={c}>{row[c]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {check.errorCount > 0 && (
        <>
          <h3 className="import__heading">
            {t('import.errors', { count: formatCount(check.errorCount, language) })}
          </h3>
          {check.errorReport && (
            <a href={check.errorReport} download data-testid="import-errors-csv">
              {t('import.errorsCsv')}
            </a>
          )}
          {check.errorCount > shownErrors.length && (
            <p className="filters__note">
              {t('import.errorsShown', { shown: formatCount(shownErrors.length, language) })}
            </p>
          )}
          <div className="import__scroll">
            <table className="import__table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" className="import__number">
                    {t('import.col.row')}
                  </th>
                  <th scope="col">{t('import.col.column')}</th>
                  <th scope="col">{t('import.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {shownErrors.map((error, i) => (
                  <tr key={i}>
                    <td className="import__number">{error.row ?? '—'}</td>
                    <td>{error.column ?? '—'}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
