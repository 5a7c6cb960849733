/** Loading, failure, withholding and guard-rail warnings of one analysis, in plain words. */
import { errorMessageKey } from '../api/errorMessage.ts';
import type { AnalysisWarning, WithheldCode } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { warningMessage, withheldMessage } from '../i18n/analysisText.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

/** Props of the notices of one analysis. */
export interface AnalysisNoticesProps {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  /** Whether the whole result is withheld, and the server's reason. */
  withheld?: { withheld: boolean; withheldCode: WithheldCode | null } | null;
  warnings?: readonly AnalysisWarning[];
  /** Prefix of the `data-testid`s (`{testId}-withheld`, `{testId}-warnings`). */
  testId: string;
}

/** The notices of one analysis; renders nothing when there is nothing to say. */
export function AnalysisNotices({ status, error, withheld, warnings = [], testId }: AnalysisNoticesProps) {
  const t = useT();
  const retry = useAppState((state) => state.analysisRetryRequested);
  const showLoading = useDelayedFlag(status === 'loading');
  const reason = withheld?.withheld ? withheldMessage(withheld) : null;
  return (
    <>
      {showLoading && (
        <p className="filters__status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t('analysis.loading')}
        </p>
      )}
      {status === 'failed' && (
        <div className="filters__problem" role="alert">
          <span>{t('analysis.failed', { reason: t(errorMessageKey(error)) })}</span>
          <button type="button" className="button button--quiet" onClick={retry}>
            {t('filters.retry')}
          </button>
        </div>
      )}
      {reason && (
        <div className="notice notice--withheld" data-testid={`${testId}-withheld`}>
          <strong>{t('analysis.withheldTitle')}</strong> {t(reason.key, reason.params)}
        </div>
      )}
      {warnings.length > 0 && (
        <div className="notice" data-testid={`${testId}-warnings`}>
          <strong>{t('analysis.warningsTitle')}</strong>
          <ul className="notice__list">
            {warnings.map((warning) => {
              const message = warningMessage(warning);
              return <li key={warning.code}>{t(message.key, message.params)}</li>;
            })}
          </ul>
        </div>
      )}
    </>
  );
}
