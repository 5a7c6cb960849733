// `pnpm run create-admin <username>`: creates an admin account — the way to the first admin in production, where
// no demo account exists. The password comes from ADMIN_PASSWORD or as one line on standard input (typed unseen at
// a terminal), never from the command line, where other users of the machine could read it. Brings the database's
// schema up to date first, so it works before the server's first start.
import { newPasswordSchema, usernameSchema, PASSWORD_MIN_LENGTH } from '@titik-rawan/shared';
import { createAccount } from '../auth/accounts';
import { recordAudit } from '../audit/audit-log';
import { migrate } from '../db/migrate';
import { runWithDatabase } from './run-with-database';

/** Actor of the audit entry of an account created here. */
const CLI_ACTOR = 'cli:create-admin';

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: pnpm run create-admin <username>  (password from ADMIN_PASSWORD or one line on stdin)`,
  );
  process.exit(2);
}

/** Reads one line from a terminal without echoing it. */
function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('Cancelled.'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads the first line of piped standard input (without its line ending). */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** The new admin's password: ADMIN_PASSWORD, else a line from standard input. */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  return process.stdin.isTTY
    ? readHiddenLine(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `)
    : readFirstLine();
}

const [username, ...extra] = process.argv.slice(2);
if (!username || extra.length > 0) usage('Give exactly one username.');
const name = usernameSchema.safeParse(username);
if (!name.success) usage(`Username "${username}" ${name.error.issues[0]?.message ?? 'is not allowed'}.`);
const password = newPasswordSchema.safeParse(await readPassword());
if (!password.success) {
  console.error(`Refused: the password ${password.error.issues[0]?.message ?? 'is not allowed'}.`);
  process.exit(1);
}

await runWithDatabase(async (db) => {
  await migrate(db.sql);
  const id = await createAccount(db.sql, { username: name.data, role: 'admin', password: password.data });
  if (id === null) throw new Error(`Refused: an account "${name.data}" already exists; nothing was changed.`);
  await recordAudit(db.sql, {
    actor: CLI_ACTOR,
    action: 'account.create',
    target: name.data,
    details: { role: 'admin' },
  });
  return `Created admin account "${name.data}".`;
});
