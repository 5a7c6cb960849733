import type { Tier } from '@titik-rawan/shared';
import type { SessionAccount } from '../auth/sessions';

/** Hono environment of the app: what middleware puts on the context for handlers. */
export interface AppEnv {
  Variables: {
    /** The signed-in account, or null for the public tier. */
    account: SessionAccount | null;
    /** The access tier of the request: the account's role, or `public`. */
    tier: Tier;
    /** Whether a reverse proxy's X-Forwarded-For and X-Forwarded-Proto are believed (config TRUST_PROXY). */
    trustProxy: boolean;
  };
}
