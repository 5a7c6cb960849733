/** A banner under the header when the server cannot be reached. */
import { useAppState, useT } from '../app/StoreContext.ts';

/** Shows a plain-language alert while the server is unreachable; nothing otherwise. */
export function ServerStatusBanner() {
  const t = useT();
  const unreachable = useAppState((state) => state.serverHealth.status === 'unreachable');
  if (!unreachable) return null;
  return (
    <div className="banner banner--error" role="alert">
      {t('status.serverUnreachable')}
    </div>
  );
}
