/**
 * The admin's accounts page in a wide dialog: every account (role, organisation, status, last sign-in, active
 * sessions), a form that creates one, and per account its role and organisation, disabling or enabling it, and a new
 * password. Every change lists the accounts again. Loaded lazily: only admins open it.
 */
import { ROLES, type Role } from '@titik-rawan/shared/codes';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  ApiError,
  createAccount,
  fetchOrganisations,
  listAccounts,
  updateAccount,
  type AccountPatch,
} from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { Account, Organisations } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { AccountField, PasswordField } from './AccountField.tsx';
import {
  endsSessions,
  failureText,
  fieldProblemText,
  newAccountProblems,
  resetPasswordProblem,
  roleChanges,
  type NewAccountField,
} from './accountForms.ts';
import { ModalDialog } from './ModalDialog.tsx';
import { useApiResource } from './useApiResource.ts';
import { useCheckedForm } from './useCheckedForm.ts';

/** Props of the accounts dialog. */
export interface AccountsDialogProps {
  onClose: () => void;
}

type OrganisationList = Organisations['organisations'];

/** The accounts as last read: loading, there, or failed with a message. */
type AccountList =
  | { status: 'loading' }
  | { status: 'ready'; accounts: Account[] }
  | { status: 'failed'; message: MessageKey };

/** The dialog. */
export default function AccountsDialog({ onClose }: AccountsDialogProps) {
  const t = useT();
  const session = useAppState((state) => state.session);
  const signedOut = useAppState((state) => state.signedOut);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listHeadingId = useId();
  const [list, setList] = useState<AccountList>({ status: 'loading' });
  const [editingId, setEditingId] = useState<number | null>(null);
  const organisations = useApiResource('organisations', fetchOrganisations);
  const ownUsername = session.status === 'signedIn' ? session.user.username : null;

  // The accounts are read when the dialog opens and again after every change (a new `listRead`).
  const [listRead, setListRead] = useState(0);
  const relist = () => setListRead((n) => n + 1);
  useEffect(() => {
    const controller = new AbortController();
    listAccounts(controller.signal).then(
      (accounts) => setList({ status: 'ready', accounts }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // The admin's own session ended meanwhile (disabled, or signed out elsewhere): back to the public view.
        if (error instanceof ApiError && error.status === 401) signedOut();
        else setList({ status: 'failed', message: errorMessageKey(error) });
      },
    );
    return () => controller.abort();
  }, [listRead, signedOut]);

  const organisationList: OrganisationList =
    organisations.status === 'ready' ? organisations.data.organisations : [];
  const accounts = list.status === 'ready' ? list.accounts : [];
  const editing = accounts.find((account) => account.id === editingId) ?? null;

  return (
    <ModalDialog
      title={t('accounts.title')}
      intro={t('accounts.intro')}
      onClose={onClose}
      wide
      className="accounts"
      testId="accounts-dialog"
      dialogRef={dialogRef}
    >
      <section className="accounts__section" aria-labelledby={listHeadingId}>
        <h3 id={listHeadingId} className="accounts__heading">
          {t('accounts.list')}
        </h3>
        {list.status === 'loading' && (
          <p className="filters__note" role="status">
            {t('accounts.listLoading')}
          </p>
        )}
        {list.status === 'failed' && (
          <p className="dialog__problem" role="alert">
            {t('accounts.listFailed', { reason: t(list.message) })}
          </p>
        )}
        {list.status === 'ready' && (
          <AccountsTable
            accounts={accounts}
            organisations={organisationList}
            ownUsername={ownUsername}
            editingId={editingId}
            onManage={setEditingId}
          />
        )}
      </section>

      {editing && (
        <AccountEditor
          key={editing.id}
          account={editing}
          organisations={organisationList}
          own={editing.username === ownUsername}
          onChanged={(patch) => {
            // Changing one's own role, status or password ends one's own session too.
            if (editing.username === ownUsername && endsSessions(patch)) signedOut();
            else relist();
          }}
          onDone={() => {
            setEditingId(null);
            // Back to the row's "Manage" button, which opened the editor.
            dialogRef.current
              ?.querySelector<HTMLElement>(`tr[data-account="${editing.id}"] [data-testid="account-manage"]`)
              ?.focus();
          }}
        />
      )}

      <NewAccountForm
        organisations={organisationList}
        organisationsProblem={
          organisations.status === 'failed'
            ? t('accounts.organisationsFailed', { reason: t(errorMessageKey(organisations.error)) })
            : undefined
        }
        onCreated={relist}
      />

      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => dialogRef.current?.close()}>
          {t('accounts.close')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** The name of an organisation by its code, the code itself when it is not listed, or "no organisation". */
function organisationName(code: string | null, organisations: OrganisationList, none: string): string {
  if (code === null) return none;
  return organisations.find((organisation) => organisation.code === code)?.name ?? code;
}

/** The accounts, one row each, with the button that opens an account's editor. */
function AccountsTable(props: {
  accounts: Account[];
  organisations: OrganisationList;
  ownUsername: string | null;
  editingId: number | null;
  onManage: (id: number) => void;
}) {
  const t = useT();
  const language = useAppState((state) => state.language);
  return (
    <div className="accounts__scroll">
      <table className="accounts__table" data-testid="accounts-table">
        <thead>
          <tr>
            <th scope="col">{t('accounts.col.username')}</th>
            <th scope="col">{t('accounts.col.role')}</th>
            <th scope="col">{t('accounts.col.organisation')}</th>
            <th scope="col">{t('accounts.col.status')}</th>
            <th scope="col">{t('accounts.col.lastSignIn')}</th>
            <th scope="col" className="accounts__number">
              {t('accounts.col.sessions')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('accounts.manage')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((account) => (
            <tr
              key={account.id}
              data-account={account.id}
              data-username={account.username}
              className={
                [
                  account.disabledAt ? 'accounts__row--disabled' : '',
                  account.id === props.editingId ? 'accounts__row--editing' : '',
                ]
                  .join(' ')
                  .trim() || undefined
              }
            >
              <th scope="row">
                {account.username}
                {account.username === props.ownUsername && (
                  <span className="accounts__you"> ({t('accounts.you')})</span>
                )}
              </th>
              <td data-column="role">
                <span className={`role role--${account.role}`}>{t(`role.${account.role}`)}</span>
              </td>
              <td data-column="organisation">
                {organisationName(account.organisationCode, props.organisations, '—')}
              </td>
              <td data-column="status">
                {t(account.disabledAt ? 'accounts.status.disabled' : 'accounts.status.enabled')}
              </td>
              <td data-column="lastSignIn">
                {account.lastSignInAt
                  ? new Date(account.lastSignInAt).toLocaleString(language)
                  : t('accounts.neverSignedIn')}
              </td>
              <td data-column="sessions" className="accounts__number">
                {formatCount(account.activeSessions, language)}
              </td>
              <td>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={t('accounts.manageLabel', { username: account.username })}
                  onClick={() => props.onManage(account.id)}
                  data-testid="account-manage"
                >
                  {t('accounts.manage')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The role field of the account forms: a select of the roles, in their order. */
function RoleField(props: {
  value: Role;
  onChange: (role: Role) => void;
  problem: string | undefined;
  testId: string;
}) {
  const t = useT();
  return (
    <AccountField label={t('accounts.role')} problem={props.problem}>
      {(control) => (
        <select
          {...control}
          className="field__input"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value as Role)}
          data-testid={props.testId}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      )}
    </AccountField>
  );
}

/** The organisation field of the account forms: a select of the organisations, led by "no organisation" (''). */
function OrganisationField(props: {
  organisations: OrganisationList;
  value: string;
  onChange: (code: string) => void;
  problem: string | undefined;
  testId: string;
}) {
  const t = useT();
  return (
    <AccountField label={t('accounts.organisation')} problem={props.problem}>
      {(control) => (
        <select
          {...control}
          className="field__input"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          data-testid={props.testId}
        >
          <option value="">{t('accounts.noOrganisation')}</option>
          {props.organisations.map((organisation) => (
            <option key={organisation.code} value={organisation.code}>
              {organisation.name}
            </option>
          ))}
        </select>
      )}
    </AccountField>
  );
}

/** The form that creates an account: username, role, organisation and an initial password. */
function NewAccountForm(props: {
  organisations: OrganisationList;
  organisationsProblem: string | undefined;
  onCreated: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const checked = useCheckedForm(
    { username: '', role: 'ngo' as Role, organisationCode: '', password: '' },
    newAccountProblems,
    formRef,
  );
  const { form, failure, problemText } = checked;
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const edit = (field: NewAccountField, value: string) => {
    checked.edit(field, value);
    setCreated(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked.attempt()) return;
    setSaving(true);
    try {
      const account = await createAccount({
        username: form.username,
        role: form.role,
        password: form.password,
        organisationCode: form.organisationCode || null,
      });
      checked.reset();
      setCreated(account.username);
      props.onCreated();
    } catch (error) {
      checked.refused(error);
    } finally {
      setSaving(false);
    }
  };

  const failed = failureText(failure, ['username', 'role', 'organisationCode', 'password'], t);
  return (
    <section className="accounts__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="accounts__heading">
        {t('accounts.new')}
      </h3>
      <form
        ref={formRef}
        className="accounts__form"
        onSubmit={submit}
        noValidate
        data-testid="account-new-form"
      >
        <AccountField
          label={t('accounts.username')}
          hint={t('accounts.usernameHint')}
          problem={problemText('username')}
          problemTestId="account-problem-username"
        >
          {(control) => (
            <input
              {...control}
              className="field__input"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              value={form.username}
              onChange={(event) => edit('username', event.target.value)}
              data-testid="account-username"
            />
          )}
        </AccountField>
        <RoleField
          value={form.role}
          onChange={(role) => edit('role', role)}
          problem={problemText('role')}
          testId="account-role"
        />
        <OrganisationField
          organisations={props.organisations}
          value={form.organisationCode}
          onChange={(code) => edit('organisationCode', code)}
          problem={problemText('organisationCode') ?? props.organisationsProblem}
          testId="account-organisation"
        />
        <PasswordField
          label={t('accounts.initialPassword')}
          hint={t('accounts.passwordHint')}
          problem={problemText('password')}
          problemTestId="account-problem-password"
          value={form.password}
          onChange={(password) => edit('password', password)}
          testId="account-password"
        />
        <div className="accounts__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={saving}
            data-testid="account-create"
          >
            {saving ? t('accounts.creating') : t('accounts.create')}
          </button>
        </div>
      </form>
      <p className="accounts__status" role="status" data-testid="account-created">
        {created ? t('accounts.created', { username: created }) : ''}
      </p>
      {failed && (
        <p className="dialog__problem" role="alert" data-testid="account-new-failed">
          {failed}
        </p>
      )}
    </section>
  );
}

/** Which of the editor's actions a failure or a confirmation belongs to. */
type EditorAction = 'role' | 'status' | 'password';

/** One account's role and organisation, status and password; each change is sent on its own. */
function AccountEditor(props: {
  account: Account;
  organisations: OrganisationList;
  own: boolean;
  onChanged: (patch: AccountPatch) => void;
  onDone: () => void;
}) {
  const { account } = props;
  const t = useT();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [role, setRole] = useState<Role>(account.role);
  const [organisationCode, setOrganisationCode] = useState(account.organisationCode ?? '');
  const [password, setPassword] = useState('');
  const [passwordProblem, setPasswordProblem] = useState<MessageKey | undefined>(undefined);
  const [saving, setSaving] = useState<EditorAction | null>(null);
  const [failure, setFailure] = useState<{ action: EditorAction; error: unknown } | null>(null);
  const [notice, setNotice] = useState<string>('');

  // The editor starts at its heading, brought into view below the list.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, []);

  const send = async (action: EditorAction, patch: AccountPatch, confirmation: string) => {
    setSaving(action);
    setFailure(null);
    setNotice('');
    try {
      await updateAccount(account.id, patch);
      setNotice(confirmation);
      if (action === 'password') setPassword('');
      props.onChanged(patch);
    } catch (error) {
      setFailure({ action, error });
    } finally {
      setSaving(null);
    }
  };

  const saveRole = (event: FormEvent) => {
    event.preventDefault();
    const patch = roleChanges(account, { role, organisationCode: organisationCode || null });
    if (Object.keys(patch).length === 0) {
      setFailure(null);
      setNotice(t('accounts.unchanged'));
      return;
    }
    void send('role', patch, t('accounts.saved', { username: account.username }));
  };

  const toggleStatus = () => {
    const disable = account.disabledAt === null;
    if (disable && !window.confirm(t('accounts.disableConfirm', { username: account.username }))) return;
    void send(
      'status',
      { disabled: disable },
      t(disable ? 'accounts.disabled' : 'accounts.enabled', { username: account.username }),
    );
  };

  const resetPassword = (event: FormEvent) => {
    event.preventDefault();
    const problem = resetPasswordProblem(password);
    setPasswordProblem(problem);
    if (problem) return;
    void send('password', { password }, t('accounts.reset', { username: account.username }));
  };

  const errorOf = (action: EditorAction) => (failure?.action === action ? failure.error : null);
  const roleFailure = errorOf('role');
  const passwordFailure = errorOf('password');
  const failed =
    failure &&
    failureText(failure.error, failure.action === 'role' ? ['role', 'organisationCode'] : ['password'], t);

  return (
    <section
      className="accounts__section accounts__editor"
      aria-labelledby={headingId}
      data-testid="account-editor"
    >
      <h3 id={headingId} ref={heading} tabIndex={-1} className="accounts__heading">
        {t('accounts.edit', { username: account.username })}
      </h3>
      <p className="filters__note">{t(props.own ? 'accounts.editSelf' : 'accounts.editIntro')}</p>

      <form className="accounts__form" onSubmit={saveRole} noValidate>
        <RoleField
          value={role}
          onChange={setRole}
          problem={fieldProblemText('role', {}, roleFailure, t)}
          testId="account-edit-role"
        />
        <OrganisationField
          organisations={props.organisations}
          value={organisationCode}
          onChange={setOrganisationCode}
          problem={fieldProblemText('organisationCode', {}, roleFailure, t)}
          testId="account-edit-organisation"
        />
        <div className="accounts__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={saving !== null}
            data-testid="account-save-role"
          >
            {saving === 'role' ? t('accounts.saving') : t('accounts.saveRole')}
          </button>
        </div>
      </form>

      <div className="accounts__statusline">
        <span data-testid="account-edit-status">
          {t('accounts.statusNow', {
            status: t(account.disabledAt ? 'accounts.status.disabled' : 'accounts.status.enabled'),
          })}
        </span>
        <button
          type="button"
          className="button button--quiet"
          disabled={saving !== null}
          onClick={toggleStatus}
          data-testid="account-toggle"
        >
          {t(account.disabledAt ? 'accounts.enable' : 'accounts.disable')}
        </button>
      </div>

      <form className="accounts__form" onSubmit={resetPassword} noValidate>
        <PasswordField
          label={t('accounts.resetPassword')}
          hint={t('accounts.passwordHint')}
          problem={
            passwordProblem ? t(passwordProblem) : fieldProblemText('password', {}, passwordFailure, t)
          }
          problemTestId="account-problem-reset"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setPasswordProblem(undefined);
          }}
          testId="account-reset-password"
        />
        <div className="accounts__actions">
          <button
            type="submit"
            className="button button--quiet"
            disabled={saving !== null}
            data-testid="account-reset"
          >
            {saving === 'password' ? t('accounts.saving') : t('accounts.resetSubmit')}
          </button>
        </div>
      </form>

      <p className="accounts__status" role="status" data-testid="account-edit-notice">
        {notice}
      </p>
      {failed && (
        <p className="dialog__problem" role="alert" data-testid="account-edit-failed">
          {failed}
        </p>
      )}
      <div className="accounts__actions">
        <button type="button" className="button button--quiet" onClick={props.onDone}>
          {t('accounts.doneEditing')}
        </button>
      </div>
    </section>
  );
}
