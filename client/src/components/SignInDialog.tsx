/** The sign-in form in a modal dialog; loaded lazily because most visitors never open it. */
import { useId, useState, type FormEvent } from 'react';
import { signIn } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ModalDialog } from './ModalDialog.tsx';

/** Props of the sign-in dialog. */
export interface SignInDialogProps {
  /** Called when the dialog closes (after signing in, cancelling, or pressing Escape). */
  onClose: () => void;
}

/** A modal dialog asking for username and password; on success it records the `signedIn` event. */
export default function SignInDialog({ onClose }: SignInDialogProps) {
  const t = useT();
  const signedIn = useAppState((state) => state.signedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const problemId = useId();

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setProblem(null);
    try {
      const user = await signIn(username.trim(), password);
      signedIn(user);
      onClose();
    } catch (error) {
      setProblem(errorMessageKey(error, 'signIn'));
      setSubmitting(false);
    }
  };

  return (
    <ModalDialog
      title={t('signIn.title')}
      intro={t('signIn.intro')}
      onClose={onClose}
      onSubmit={handleSubmit}
      noValidate={false}
    >
      <label className="field">
        <span className="field__label">{t('signIn.username')}</span>
        <input
          className="field__input"
          name="username"
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-describedby={problem ? problemId : undefined}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('signIn.password')}</span>
        <input
          className="field__input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby={problem ? problemId : undefined}
        />
      </label>
      {problem && (
        <p id={problemId} className="dialog__problem" role="alert">
          {t(problem)}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('signIn.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </div>
    </ModalDialog>
  );
}
