/** The waiting and failure lines of a planning tool's latest request. */
import { errorMessageKey } from '../api/errorMessage.ts';
import { useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { PlanState, PlanTool } from '../store/planningSlice.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

/** "Working…" once a request has taken a moment, or why it failed (with `{reason}` in the failure message). */
export function PlanStatus<T extends PlanTool>(props: {
  state: PlanState<T>;
  loading: MessageKey;
  failed: MessageKey;
}) {
  const t = useT();
  const slow = useDelayedFlag(props.state.status === 'loading');
  return (
    <>
      {slow && (
        <p className="panel__text" role="status">
          {t(props.loading)}
        </p>
      )}
      {props.state.status === 'failed' && (
        <p className="banner banner--error" role="alert">
          {t(props.failed, { reason: t(errorMessageKey(props.state.error)) })}
        </p>
      )}
    </>
  );
}
