/** A labelled control of the account and password forms, with its hint and its problem (checked here or by the server). */
import { useId, type ReactNode } from 'react';
import { PASSWORD_MAX_LENGTH } from './accountForms.ts';

/** What the control inside a field is given: its id, and the hint and problem that describe it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** Props of a field: its label, hint and problem text, a test id for the problem, and the control to render. */
export interface AccountFieldProps {
  label: string;
  /** What the field accepts, shown under it (and read with it). */
  hint?: string;
  /** What is wrong with the field's value, in plain words; the control is marked invalid while there is one. */
  problem?: string;
  /** The `data-testid` of the problem line. */
  problemTestId?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** One field: label, control, hint and problem, tied together by ids for screen readers. */
export function AccountField({ label, hint, problem, problemTestId, children }: AccountFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className="accounts__field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(problem ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <p id={hintId} className="accounts__hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} className="field__error" data-testid={problemTestId}>
          {problem}
        </p>
      )}
    </div>
  );
}

/** Props of a password field: those of its field, the value, and the password's `data-testid`. */
export interface PasswordFieldProps extends Omit<AccountFieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  /** The password in use (the browser offers the saved one, no length limit) rather than a new one. */
  current?: boolean;
  autoFocus?: boolean;
  /** The `data-testid` of the input. */
  testId: string;
}

/** A password field of the account forms: a new password is held to the server's most characters. */
export function PasswordField({
  value,
  onChange,
  current = false,
  autoFocus,
  testId,
  ...field
}: PasswordFieldProps) {
  return (
    <AccountField {...field}>
      {(control) => (
        <input
          {...control}
          className="field__input"
          type="password"
          autoComplete={current ? 'current-password' : 'new-password'}
          maxLength={current ? undefined : PASSWORD_MAX_LENGTH}
          autoFocus={autoFocus}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
      )}
    </AccountField>
  );
}
