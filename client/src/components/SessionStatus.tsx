/**
 * Who uses the dashboard (account and role, or the public tier) with the sign-in or sign-out action, the account's
 * password and sessions menu; admins open the import and accounts pages here.
 */
import { lazy, Suspense, useState } from 'react';
import { signOut } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import { AuditLogButton } from './AuditLogButton.tsx';
import { SessionMenu } from './SessionMenu.tsx';

const SignInDialog = lazy(() => import('./SignInDialog.tsx'));
const ImportDialog = lazy(() => import('./ImportDialog.tsx'));
const AccountsDialog = lazy(() => import('./AccountsDialog.tsx'));

/** Session chip and button; the sign-in dialog's code loads only when it is first opened. */
export function SessionStatus() {
  const t = useT();
  const session = useAppState((state) => state.session);
  const signedOut = useAppState((state) => state.signedOut);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [accountsOpen, setAccountsOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const handleSignOut = async () => {
    setSigningOut(true);
    setProblem(null);
    try {
      await signOut();
      signedOut();
    } catch (error) {
      setProblem(errorMessageKey(error));
    } finally {
      setSigningOut(false);
    }
  };

  if (session.status === 'checking') {
    return (
      <div className="session" aria-live="polite">
        <span className="session__who session__who--muted">{t('session.loading')}</span>
      </div>
    );
  }

  return (
    <div className="session">
      {session.status === 'signedIn' ? (
        <>
          <span className="session__who" data-testid="session-who">
            <span className="session__name">
              {t('session.signedInAs', { username: session.user.username })}
            </span>
            <span className={`role role--${session.user.role}`}>{t(`role.${session.user.role}`)}</span>
          </span>
          {session.user.role === 'admin' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setImportOpen(true)}
              aria-haspopup="dialog"
              data-testid="import-open"
            >
              {t('import.open')}
            </button>
          )}
          {session.user.role === 'admin' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setAccountsOpen(true)}
              aria-haspopup="dialog"
              data-testid="accounts-open"
            >
              {t('accounts.open')}
            </button>
          )}
          <AuditLogButton />
          <SessionMenu onProblem={setProblem} />
          <button
            type="button"
            className="button button--quiet"
            onClick={handleSignOut}
            disabled={signingOut}
          >
            {signingOut ? t('session.signingOut') : t('session.signOut')}
          </button>
        </>
      ) : (
        <>
          <span className="role role--public" title={t('session.publicHint')} data-testid="session-who">
            {t('role.public')}
          </span>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setDialogOpen(true)}
            aria-haspopup="dialog"
          >
            {t('session.signIn')}
          </button>
        </>
      )}
      {problem && (
        <span className="session__problem" role="alert">
          {t(problem)}
        </span>
      )}
      {dialogOpen && (
        <Suspense fallback={<span className="visually-hidden">{t('signIn.loading')}</span>}>
          <SignInDialog onClose={() => setDialogOpen(false)} />
        </Suspense>
      )}
      {importOpen && session.status === 'signedIn' && session.user.role === 'admin' && (
        <Suspense fallback={<span className="visually-hidden">{t('import.loading')}</span>}>
          <ImportDialog onClose={() => setImportOpen(false)} />
        </Suspense>
      )}
      {accountsOpen && session.status === 'signedIn' && session.user.role === 'admin' && (
        <Suspense fallback={<span className="visually-hidden">{t('accounts.loading')}</span>}>
          <AccountsDialog onClose={() => setAccountsOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
