/**
 * The signed-in account's own session actions behind one small disclosure button in the header: change the password
 * (a dialog) and sign out on every device (then the dashboard shows the public view, as after signing out).
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { logoutEverywhere } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';

const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog.tsx'));

/** Props of the session menu. */
export interface SessionMenuProps {
  /** Called with the message of a failed action, or `null` when a new action starts. */
  onProblem: (problem: MessageKey | null) => void;
}

/** The disclosure button and, while open, its two actions; Escape or a click elsewhere closes it. */
export function SessionMenu({ onProblem }: SessionMenuProps) {
  const t = useT();
  const signedOut = useAppState((state) => state.signedOut);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [ending, setEnding] = useState(false);

  // A click or tap outside the menu closes it.
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const signOutEverywhere = async () => {
    setEnding(true);
    onProblem(null);
    try {
      await logoutEverywhere();
      signedOut();
    } catch (error) {
      onProblem(errorMessageKey(error));
      setEnding(false);
    }
  };

  return (
    <div
      ref={containerRef}
      className="session__menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          triggerRef.current?.focus();
        }
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        className="button button--quiet session__menu-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        title={t('session.manage')}
        onClick={() => setOpen((was) => !was)}
        data-testid="session-menu"
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="8" cy="15" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
          <path
            d="m11 12 9-9m-4 4 3 3m-6 0 2 2"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <span className="visually-hidden">{t('session.manage')}</span>
      </button>
      <div id={menuId} className="session__menu-panel" hidden={!open}>
        {open && (
          <>
            <button
              type="button"
              className="button button--quiet"
              aria-haspopup="dialog"
              onClick={() => {
                setOpen(false);
                setPasswordOpen(true);
              }}
              data-testid="password-open"
            >
              {t('session.changePassword')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={ending}
              onClick={() => void signOutEverywhere()}
              data-testid="sign-out-everywhere"
            >
              {ending ? t('session.signingOutEverywhere') : t('session.signOutEverywhere')}
            </button>
          </>
        )}
      </div>
      {passwordOpen && (
        <Suspense fallback={<span className="visually-hidden">{t('password.loading')}</span>}>
          <ChangePasswordDialog
            onClose={() => {
              setPasswordOpen(false);
              triggerRef.current?.focus();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
