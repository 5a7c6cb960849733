/** The header's entry to the audit log, for admins only; the dialog's code loads when it is first opened. */
import { lazy, Suspense, useState } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';

const AuditLogDialog = lazy(() => import('./AuditLogDialog.tsx'));

/** A button opening the audit-log dialog; nothing at all unless an admin is signed in. */
export function AuditLogButton() {
  const t = useT();
  const isAdmin = useAppState(
    (state) => state.session.status === 'signedIn' && state.session.user.role === 'admin',
  );
  const [open, setOpen] = useState(false);
  if (!isAdmin) return null;
  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="audit-open"
      >
        {t('audit.open')}
      </button>
      {open && (
        <Suspense fallback={<span className="visually-hidden">{t('audit.loading')}</span>}>
          <AuditLogDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
