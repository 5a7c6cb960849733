/**
 * The pure rules of the account forms: what the dashboard checks before sending (the server checks again), how a
 * refusal of the accounts API reads in plain words, and which fields of an account an edit changes.
 */
import { ApiError, type AccountPatch } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { fieldErrors } from '../api/fieldErrors.ts';
import type { Account } from '../api/types.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/** Fewest characters a password may have (the server's rule). */
export const PASSWORD_MIN_LENGTH = 12;

/** Most characters a password may have (the server's rule). */
export const PASSWORD_MAX_LENGTH = 200;

/** What a username may be: 3–40 lower-case letters, digits, dots, underscores or hyphens (the server's rule). */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,40}$/;

/** A form's problems, by the field they belong to, as message keys. */
export type FormProblems<F extends string> = Partial<Record<F, MessageKey>>;

/** The problem of a new password, or `undefined` when its length is within the rule. */
function passwordLengthProblem(password: string): MessageKey | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'accounts.passwordTooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'accounts.passwordTooLong';
  return undefined;
}

/** Fields of the form that creates an account. */
export type NewAccountField = 'username' | 'role' | 'organisationCode' | 'password';

/** What is wrong with the new-account form before it is sent (empty when it may be sent). */
export function newAccountProblems(form: {
  username: string;
  password: string;
}): FormProblems<NewAccountField> {
  const problems: FormProblems<NewAccountField> = {};
  if (!USERNAME_PATTERN.test(form.username)) problems.username = 'accounts.usernameInvalid';
  const password = passwordLengthProblem(form.password);
  if (password) problems.password = password;
  return problems;
}

/** What is wrong with a password an admin sets for another account (`undefined` when it may be sent). */
export function resetPasswordProblem(password: string): MessageKey | undefined {
  return passwordLengthProblem(password);
}

/** Fields of the change-password form. */
export type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';

/** What is wrong with the change-password form before it is sent: empty current one, length, the two new ones unequal. */
export function passwordChangeProblems(form: {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}): FormProblems<PasswordField> {
  const problems: FormProblems<PasswordField> = {};
  if (form.currentPassword === '') problems.currentPassword = 'password.currentMissing';
  const length = passwordLengthProblem(form.newPassword);
  if (length) problems.newPassword = length;
  if (form.repeatPassword !== form.newPassword) problems.repeatPassword = 'password.mismatch';
  return problems;
}

/** The field a refusal by code belongs to, and its plain-language message. */
interface Refusal {
  readonly field: string | null;
  readonly message: MessageKey;
}

/** Refusals of the accounts and password API that deserve their own words rather than the status's. */
const REFUSALS: Readonly<Record<string, Refusal>> = {
  last_admin: { field: null, message: 'accounts.lastAdmin' },
  account_exists: { field: 'username', message: 'accounts.exists' },
  wrong_password: { field: 'currentPassword', message: 'password.wrong' },
};

/** A refusal the dashboard explains in its own words (`last_admin`, `account_exists`, `wrong_password`), or `null`. */
export function accountRefusal(error: unknown): Refusal | null {
  if (!(error instanceof ApiError)) return null;
  return REFUSALS[error.code] ?? null;
}

/**
 * What a failed call means for each field of a form: the server's message for every body field a 400 names, and a
 * refusal by code that belongs to one field (an existing username, a wrong current password) under that field.
 */
export function serverFieldProblems(error: unknown): {
  /** The server's (English) messages by field. */
  readonly messages: Readonly<Record<string, string>>;
  /** Plain-language messages by field. */
  readonly refusals: Readonly<Record<string, MessageKey>>;
} {
  const refusal = accountRefusal(error);
  return {
    messages: fieldErrors(error),
    refusals: refusal?.field ? { [refusal.field]: refusal.message } : {},
  };
}

/** The role and organisation an admin chose for an account in the edit form. */
export interface RoleChoice {
  readonly role: Account['role'];
  /** An organisation code, or `null` for none. */
  readonly organisationCode: string | null;
}

/** The `PATCH` body that changes an account to `choice`: only what differs (empty when nothing does). */
export function roleChanges(account: Account, choice: RoleChoice): AccountPatch {
  const patch: AccountPatch = {};
  if (choice.role !== account.role) patch.role = choice.role;
  if (choice.organisationCode !== account.organisationCode) patch.organisationCode = choice.organisationCode;
  return patch;
}

/** Whether a change ends every session of the account (a role, password or status change does). */
export function endsSessions(patch: AccountPatch): boolean {
  return patch.role !== undefined || patch.password !== undefined || patch.disabled !== undefined;
}

/**
 * The text shown under one field: the dashboard's own check first, then a refusal the dashboard explains (a taken
 * username, a wrong current password), then the server's message for that body field; `undefined` when none.
 */
export function fieldProblemText(
  field: string,
  problems: Readonly<Partial<Record<string, MessageKey>>>,
  failure: unknown,
  t: Translate,
): string | undefined {
  const own = problems[field];
  if (own) return t(own);
  const server = serverFieldProblems(failure);
  const refusal = server.refusals[field];
  if (refusal) return t(refusal);
  const message = server.messages[field];
  return message ? t('accounts.fieldError', { message }) : undefined;
}

/**
 * The line under a form whose call failed: nothing when a refusal belongs to one of `shownFields` (it is shown
 * there), the plain words of a refusal such as `last_admin`, "check the marked fields" for a 400 naming a shown
 * field, else the general message of its status after `failedKey`'s words.
 */
export function failureText(
  failure: unknown,
  shownFields: readonly string[],
  t: Translate,
  failedKey: 'accounts.failed' | 'password.failed' = 'accounts.failed',
): string | undefined {
  if (failure === null || failure === undefined) return undefined;
  const refusal = accountRefusal(failure);
  if (refusal?.field && shownFields.includes(refusal.field)) return undefined;
  if (refusal) return t(refusal.message);
  if (Object.keys(fieldErrors(failure)).some((field) => shownFields.includes(field))) {
    return t('accounts.checkFields');
  }
  return t(failedKey, { reason: t(errorMessageKey(failure)) });
}
