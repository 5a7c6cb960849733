/**
 * The admin's audit log in a wide dialog: filters (actor, action from the known list or typed, Jakarta dates), the
 * entries newest first with "load more" paging, and the CSV export of everything matching the applied filters.
 * Loaded lazily: only admins open it.
 */
import { AUDIT_ACTIONS } from '@titik-rawan/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { auditExportUrl, fetchAuditPage } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { AuditEntry, AuditFilter } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { actionLabelKey, datesInOrder, formatAuditTime, summariseDetails } from './auditLogText.ts';
import { ModalDialog } from './ModalDialog.tsx';

/** Props of the audit-log dialog. */
export interface AuditLogDialogProps {
  /** Called when the dialog closes (the close button or Escape). */
  onClose: () => void;
}

/** The filter form's fields as typed. */
interface Draft {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Draft = { actor: '', action: '', from: '', to: '' };

/** What the dialog holds of the log: the entries read so far, where the next page starts, and what is going on. */
type Listing =
  | { state: 'loading' }
  | { state: 'ready' | 'loadingMore'; entries: AuditEntry[]; nextBefore: number | null }
  | { state: 'problem'; message: MessageKey };

/** The dialog. */
export default function AuditLogDialog({ onClose }: AuditLogDialogProps) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const tableId = useId();
  const actionsListId = useId();
  const actorHintId = useId();
  const actionHintId = useId();
  const datesProblemId = useId();
  const [draft, setDraft] = useState<Draft>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilter>({});
  const [datesWrong, setDatesWrong] = useState(false);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [moreProblem, setMoreProblem] = useState<MessageKey | null>(null);

  // The first page is read when the dialog opens and whenever filters are applied (even the same again: a refresh).
  useEffect(() => {
    const controller = new AbortController();
    fetchAuditPage(applied, null, controller.signal).then(
      (page) => setListing({ state: 'ready', entries: page.entries, nextBefore: page.nextBefore }),
      (error: unknown) => {
        if (!controller.signal.aborted) setListing({ state: 'problem', message: errorMessageKey(error) });
      },
    );
    return () => controller.abort();
  }, [applied]);

  const edit = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  /** Shows the entries of other filters: the first page is read again from the top. */
  const show = (filter: AuditFilter) => {
    setListing({ state: 'loading' });
    setMoreProblem(null);
    setApplied(filter);
  };

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!datesInOrder(draft.from, draft.to)) {
      setDatesWrong(true);
      return;
    }
    setDatesWrong(false);
    const next: AuditFilter = {};
    for (const key of ['actor', 'action', 'from', 'to'] as const) {
      const value = draft[key].trim();
      if (value) next[key] = value;
    }
    show(next);
  };

  const clear = () => {
    setDraft(NO_FILTERS);
    setDatesWrong(false);
    show({});
  };

  const loadMore = async () => {
    if (listing.state !== 'ready' || listing.nextBefore === null) return;
    const { entries, nextBefore } = listing;
    setListing({ state: 'loadingMore', entries, nextBefore });
    setMoreProblem(null);
    try {
      const page = await fetchAuditPage(applied, nextBefore);
      setListing({ state: 'ready', entries: [...entries, ...page.entries], nextBefore: page.nextBefore });
      // The button goes with the last page: keep the keyboard in the dialog, on the line that says so.
      if (page.nextBefore === null) statusRef.current?.focus();
    } catch (error) {
      setListing({ state: 'ready', entries, nextBefore });
      setMoreProblem(errorMessageKey(error));
    }
  };

  const entries = listing.state === 'ready' || listing.state === 'loadingMore' ? listing.entries : null;
  const more =
    entries !== null &&
    listing.state !== 'problem' &&
    listing.state !== 'loading' &&
    listing.nextBefore !== null;

  return (
    <ModalDialog
      title={t('audit.title')}
      intro={t('audit.intro')}
      onClose={onClose}
      wide
      className="audit"
      testId="audit-dialog"
      dialogRef={dialogRef}
    >
      <form className="audit__filters" aria-label={t('audit.filters')} onSubmit={apply} noValidate>
        <label className="field">
          <span className="field__label">{t('audit.actor')}</span>
          <input
            className="field__input"
            name="actor"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            autoFocus
            value={draft.actor}
            onChange={(e) => edit('actor')(e.target.value)}
            aria-describedby={actorHintId}
            data-testid="audit-actor"
          />
          <span id={actorHintId} className="audit__hint">
            {t('audit.actorHint')}
          </span>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.action')}</span>
          <input
            className="field__input"
            name="action"
            autoComplete="off"
            spellCheck={false}
            maxLength={60}
            list={actionsListId}
            value={draft.action}
            onChange={(e) => edit('action')(e.target.value)}
            aria-describedby={actionHintId}
            data-testid="audit-action"
          />
          <datalist id={actionsListId}>
            {AUDIT_ACTIONS.map((action) => {
              const label = actionLabelKey(action);
              return (
                <option key={action} value={action}>
                  {label ? t(label) : action}
                </option>
              );
            })}
          </datalist>
          <span id={actionHintId} className="audit__hint">
            {t('audit.actionHint')}
          </span>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.from')}</span>
          <input
            className="field__input"
            type="date"
            name="from"
            value={draft.from}
            onChange={(e) => edit('from')(e.target.value)}
            data-testid="audit-from"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.to')}</span>
          <input
            className="field__input"
            type="date"
            name="to"
            value={draft.to}
            onChange={(e) => edit('to')(e.target.value)}
            aria-invalid={datesWrong || undefined}
            aria-describedby={datesWrong ? datesProblemId : undefined}
            data-testid="audit-to"
          />
        </label>
        {datesWrong && (
          <p id={datesProblemId} className="dialog__problem audit__wide" role="alert">
            {t('audit.badDates')}
          </p>
        )}
        <div className="audit__buttons audit__wide">
          <button type="submit" className="button button--primary" data-testid="audit-apply">
            {t('audit.apply')}
          </button>
          <button type="button" className="button button--quiet" onClick={clear} data-testid="audit-clear">
            {t('audit.clear')}
          </button>
          <a
            className="button button--quiet audit__export"
            href={auditExportUrl(applied)}
            download
            title={t('audit.exportHint')}
            data-testid="audit-export"
          >
            {t('audit.export')}
          </a>
        </div>
      </form>

      <p ref={statusRef} className="audit__status" role="status" tabIndex={-1} data-testid="audit-status">
        {listing.state === 'loading'
          ? t('audit.loading')
          : entries === null
            ? ''
            : entries.length === 0
              ? t('audit.empty')
              : t(more ? 'audit.shownMore' : 'audit.shown', {
                  count: formatCount(entries.length, language),
                })}
      </p>
      {listing.state === 'problem' && (
        <p className="dialog__problem" role="alert">
          {t(listing.message)}
        </p>
      )}

      {entries !== null && entries.length > 0 && (
        <div className="audit__scroll" role="region" aria-labelledby={tableId} tabIndex={0}>
          <table className="audit__table" data-testid="audit-table">
            <caption id={tableId} className="visually-hidden">
              {t('audit.table')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.target')}</th>
                <th scope="col">{t('audit.col.address')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {moreProblem && (
        <p className="dialog__problem" role="alert">
          {t(moreProblem)}
        </p>
      )}
      <div className="dialog__actions">
        {more && (
          <button
            type="button"
            className="button button--quiet"
            disabled={listing.state === 'loadingMore'}
            onClick={() => void loadMore()}
            data-testid="audit-load-more"
          >
            {listing.state === 'loadingMore' ? t('audit.loadingMore') : t('audit.loadMore')}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={() => dialogRef.current?.close()}>
          {t('audit.close')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** One entry as a table row: time in Jakarta, actor, action in words with its code, target, address, details. */
function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const label = actionLabelKey(entry.action);
  const details = summariseDetails(entry.details);
  return (
    <tr data-id={entry.id} data-action={entry.action}>
      <th scope="row" className="audit__time">
        <time dateTime={entry.at}>{formatAuditTime(entry.at, language)}</time>
      </th>
      <td className="audit__text">{entry.actor}</td>
      <td>
        {label ? (
          <>
            {t(label)} <code className="audit__code">{entry.action}</code>
          </>
        ) : (
          <code className="audit__code">{entry.action}</code>
        )}
      </td>
      <td className="audit__text">{entry.target ?? '—'}</td>
      <td>{entry.address ?? '—'}</td>
      <td className="audit__text">{details || '—'}</td>
    </tr>
  );
}
