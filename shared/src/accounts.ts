// Accounts as admins manage them (`/api/accounts`) and the signed-in account's own password
// (`/api/auth/password`). Passwords go in, never out.
import { z } from './zod';
import { roleSchema } from './domain';

/** Shortest password an account may be given, in characters. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted, in characters. */
export const PASSWORD_MAX_LENGTH = 200;
/** What a username may be: 3–40 lowercase letters, digits, `_`, `.` or `-` (as the database checks it). */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,40}$/;

/** A username as accounts are created with. */
export const usernameSchema = z
  .string()
  .regex(USERNAME_PATTERN, 'must be 3–40 lowercase letters, digits, "_", "." or "-"');

/** A new password: 12–200 characters. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** An organisation code from `/api/organisations`, or null for none. */
const organisationCodeSchema = z
  .string()
  .regex(/^[a-z0-9_-]{2,40}$/, 'must be an organisation code from /api/organisations')
  .nullable();

/** One account as `GET`, `POST` and `PATCH /api/accounts` return it. */
export const accountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: roleSchema,
  /** The account's organisation, or null. */
  organisationCode: z.string().nullable(),
  /** When the account was created (ISO 8601). */
  createdAt: z.string(),
  /** When the account was disabled (ISO 8601), or null while it is enabled. */
  disabledAt: z.string().nullable(),
  /** The account's last successful sign-in (ISO 8601), or null when it never signed in. */
  lastSignInAt: z.string().nullable(),
  /** How many of its sessions are live now. */
  activeSessions: z.number().int(),
});
/** An account as admins see it. */
export type Account = z.infer<typeof accountSchema>;

/** `GET /api/accounts` response: every account, ordered by username. */
export const accountListSchema = z.object({ accounts: z.array(accountSchema) });
/** Every account. */
export type AccountList = z.infer<typeof accountListSchema>;

/** `POST /api/accounts` body. */
export const accountCreateBodySchema = z
  .object({
    username: usernameSchema,
    role: roleSchema,
    password: newPasswordSchema,
    organisationCode: organisationCodeSchema.optional(),
  })
  .strict();
/** A new account. */
export type AccountCreateBody = z.infer<typeof accountCreateBodySchema>;

/** `PATCH /api/accounts/{id}` body: at least one of role, disabled, password, organisationCode. */
export const accountUpdateBodySchema = z
  .object({
    role: roleSchema,
    disabled: z.boolean(),
    password: newPasswordSchema,
    organisationCode: organisationCodeSchema,
  })
  .partial()
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of role, disabled, password, organisationCode',
  });
/** A change to an account. */
export type AccountUpdateBody = z.infer<typeof accountUpdateBodySchema>;

/** `PATCH /api/accounts/{id}` path. */
export const accountIdSchema = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'must be an account id'),
});

/** `POST /api/auth/password` body: the current password and the new one. */
export const passwordChangeBodySchema = z
  .object({
    currentPassword: z.string().min(1, 'must be given').max(PASSWORD_MAX_LENGTH),
    newPassword: newPasswordSchema,
  })
  .strict();
/** A password change. */
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;
