import * as shared from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { translate } from '../i18n/index.ts';
import {
  accountRefusal,
  endsSessions,
  failureText,
  fieldProblemText,
  newAccountProblems,
  passwordChangeProblems,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  resetPasswordProblem,
  roleChanges,
  USERNAME_PATTERN,
} from './accountForms.ts';

const t = translate('en');
const TWELVE = 'abcdefghijkl';

const ACCOUNT: Account = {
  id: 7,
  username: 'lsm-bandungwangi',
  role: 'ngo',
  organisationCode: 'demo-bandungwangi',
  createdAt: '2026-01-02T03:04:05.000Z',
  disabledAt: null,
  lastSignInAt: null,
  activeSessions: 0,
};

describe('account form rules', () => {
  it('are the server’s rules (the dashboard keeps its own copy so that zod stays out of the bundle)', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(shared.PASSWORD_MIN_LENGTH);
    expect(PASSWORD_MAX_LENGTH).toBe(shared.PASSWORD_MAX_LENGTH);
    expect(USERNAME_PATTERN.source).toBe(shared.USERNAME_PATTERN.source);
  });

  it('accept a new account the server accepts, and name the field of each problem', () => {
    expect(newAccountProblems({ username: 'satgas.pos-2', password: TWELVE })).toEqual({});
    expect(newAccountProblems({ username: 'Budi', password: TWELVE.slice(1) })).toEqual({
      username: 'accounts.usernameInvalid',
      password: 'accounts.passwordTooShort',
    });
    expect(newAccountProblems({ username: 'ab', password: 'x'.repeat(201) })).toEqual({
      username: 'accounts.usernameInvalid',
      password: 'accounts.passwordTooLong',
    });
    // The server's schema agrees on every case above.
    expect(
      shared.accountCreateBodySchema.safeParse({ username: 'satgas.pos-2', role: 'ngo', password: TWELVE })
        .success,
    ).toBe(true);
    expect(shared.usernameSchema.safeParse('Budi').success).toBe(false);
    expect(shared.usernameSchema.safeParse('ab').success).toBe(false);
  });

  it('check a password change: current given, new one 12 characters or more, repeated the same', () => {
    expect(
      passwordChangeProblems({ currentPassword: 'old', newPassword: TWELVE, repeatPassword: TWELVE }),
    ).toEqual({});
    expect(
      passwordChangeProblems({ currentPassword: '', newPassword: 'short', repeatPassword: 'shorter' }),
    ).toEqual({
      currentPassword: 'password.currentMissing',
      newPassword: 'accounts.passwordTooShort',
      repeatPassword: 'password.mismatch',
    });
    expect(
      passwordChangeProblems({ currentPassword: 'x', newPassword: TWELVE, repeatPassword: `${TWELVE} ` }),
    ).toEqual({ repeatPassword: 'password.mismatch' });
    expect(resetPasswordProblem(TWELVE)).toBeUndefined();
    expect(resetPasswordProblem('')).toBe('accounts.passwordTooShort');
  });
});

describe('refusals of the accounts API', () => {
  const lastAdmin = new ApiError(409, 'last_admin', 'This change would leave no enabled admin account.');
  const exists = new ApiError(
    409,
    'account_exists',
    'body field "username": an account with this name exists',
  );
  const wrong = new ApiError(400, 'wrong_password', 'The current password is wrong.');
  const field = new ApiError(
    400,
    'invalid_parameter',
    'body field "password": must be at least 12 characters',
  );

  it('explain last_admin, account_exists and wrong_password in plain words', () => {
    expect(accountRefusal(lastAdmin)).toEqual({ field: null, message: 'accounts.lastAdmin' });
    expect(accountRefusal(exists)).toEqual({ field: 'username', message: 'accounts.exists' });
    expect(accountRefusal(wrong)).toEqual({ field: 'currentPassword', message: 'password.wrong' });
    expect(accountRefusal(field)).toBeNull();
    expect(accountRefusal(new Error('last_admin'))).toBeNull();
  });

  it('show a refusal beside its field, after the dashboard’s own check', () => {
    expect(fieldProblemText('username', {}, exists, t)).toBe(
      'This username is already taken. Choose another one.',
    );
    expect(fieldProblemText('currentPassword', {}, wrong, t)).toBe('The current password is wrong.');
    expect(fieldProblemText('password', {}, field, t)).toBe(
      'Refused by the server: must be at least 12 characters',
    );
    expect(fieldProblemText('password', { password: 'accounts.passwordTooShort' }, field, t)).toBe(
      'A password needs at least 12 characters.',
    );
    expect(fieldProblemText('username', {}, field, t)).toBeUndefined();
    expect(fieldProblemText('username', {}, null, t)).toBeUndefined();
  });

  it('leave the form’s own line to what no field shows', () => {
    expect(failureText(null, ['username'], t)).toBeUndefined();
    expect(failureText(exists, ['username'], t)).toBeUndefined();
    expect(failureText(exists, [], t)).toBe('This username is already taken. Choose another one.');
    expect(failureText(lastAdmin, ['role'], t)).toBe(
      'Not possible: at least one enabled admin account must remain. Make another account an admin first.',
    );
    expect(failureText(field, ['password'], t)).toBe('Not saved yet. Check the marked fields.');
    expect(failureText(field, ['role'], t)).toMatch(/^Not saved yet\. /);
    expect(
      failureText(new ApiError(0, 'network', 'offline'), ['currentPassword'], t, 'password.failed'),
    ).toBe('The password was not changed. ' + t('error.network'));
  });
});

describe('account changes', () => {
  it('send only the role and organisation that differ', () => {
    expect(roleChanges(ACCOUNT, { role: 'ngo', organisationCode: 'demo-bandungwangi' })).toEqual({});
    expect(roleChanges(ACCOUNT, { role: 'satgas', organisationCode: 'demo-bandungwangi' })).toEqual({
      role: 'satgas',
    });
    expect(roleChanges(ACCOUNT, { role: 'ngo', organisationCode: null })).toEqual({ organisationCode: null });
  });

  it('know which changes end the account’s sessions', () => {
    expect(endsSessions({ role: 'admin' })).toBe(true);
    expect(endsSessions({ disabled: false })).toBe(true);
    expect(endsSessions({ password: TWELVE })).toBe(true);
    expect(endsSessions({ organisationCode: null })).toBe(false);
  });
});
