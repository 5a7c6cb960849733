/**
 * The signed-in account's change-password form in a small modal dialog: current password, new one (12 characters or
 * more) and the new one again, checked equal here before sending. Loaded lazily: it is seldom opened.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, changePassword } from '../api/client.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { PasswordField } from './AccountField.tsx';
import {
  failureText,
  passwordChangeProblems,
  type PasswordField as PasswordFormField,
} from './accountForms.ts';
import { ModalDialog } from './ModalDialog.tsx';
import { useCheckedForm } from './useCheckedForm.ts';

/** Props of the change-password dialog. */
export interface ChangePasswordDialogProps {
  /** Called when the dialog closes (after the change, cancelling, or pressing Escape). */
  onClose: () => void;
}

const SHOWN_FIELDS: readonly PasswordFormField[] = ['currentPassword', 'newPassword', 'repeatPassword'];

/** The dialog: the form, then a confirmation once the server has changed the password. */
export default function ChangePasswordDialog({ onClose }: ChangePasswordDialogProps) {
  const t = useT();
  const signedOut = useAppState((state) => state.signedOut);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  // After a refused attempt the focus goes to the first field marked invalid; after the change, to "Close".
  const { form, failure, problemText, edit, attempt, refused } = useCheckedForm(
    { currentPassword: '', newPassword: '', repeatPassword: '' },
    passwordChangeProblems,
    dialogRef,
  );
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!attempt()) return;
    setSubmitting(true);
    try {
      await changePassword(form.currentPassword, form.newPassword);
      setDone(true);
    } catch (error) {
      // A session that ended meanwhile (signed out elsewhere, or the account disabled) leaves the public view.
      if (error instanceof ApiError && error.status === 401) {
        signedOut();
        return;
      }
      refused(error);
    } finally {
      setSubmitting(false);
    }
  };

  const failed = failureText(failure, SHOWN_FIELDS, t, 'password.failed');
  return (
    <ModalDialog
      title={t('password.title')}
      intro={done ? undefined : t('password.intro')}
      onClose={onClose}
      testId="password-dialog"
      dialogRef={dialogRef}
      onSubmit={done ? undefined : submit}
      noValidate
    >
      {done ? (
        <>
          <p className="accounts__done" role="status" data-testid="password-done">
            {t('password.done')}
          </p>
          <div className="dialog__actions">
            <button
              ref={doneRef}
              type="button"
              className="button button--primary"
              onClick={() => dialogRef.current?.close()}
            >
              {t('password.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <PasswordField
            label={t('password.current')}
            problem={problemText('currentPassword')}
            problemTestId="password-problem-current"
            current
            autoFocus
            value={form.currentPassword}
            onChange={(value) => edit('currentPassword', value)}
            testId="password-current"
          />
          <PasswordField
            label={t('password.new')}
            hint={t('password.newHint')}
            problem={problemText('newPassword')}
            problemTestId="password-problem-new"
            value={form.newPassword}
            onChange={(value) => edit('newPassword', value)}
            testId="password-new"
          />
          <PasswordField
            label={t('password.repeat')}
            problem={problemText('repeatPassword')}
            problemTestId="password-problem-repeat"
            value={form.repeatPassword}
            onChange={(value) => edit('repeatPassword', value)}
            testId="password-repeat"
          />
          {failed && (
            <p className="dialog__problem" role="alert" data-testid="password-failed">
              {failed}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={() => dialogRef.current?.close()}>
              {t('password.cancel')}
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={submitting}
              data-testid="password-submit"
            >
              {submitting ? t('password.submitting') : t('password.submit')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
