/** Session slice: who uses the dashboard (an account with a role, or the public tier). */
import type { SessionUser, Tier } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** Whether the session is still being checked, absent (public tier) or signed in. */
export type Session =
  | { readonly status: 'checking' }
  | { readonly status: 'public' }
  | { readonly status: 'signedIn'; readonly user: SessionUser };

/** State and events of the session. */
export interface SessionSlice {
  session: Session;
  /** The server answered who is signed in at start-up (`null`: nobody). */
  sessionRestored: (user: SessionUser | null) => void;
  /** Someone signed in successfully. */
  signedIn: (user: SessionUser) => void;
  /** The session ended (signed out, or the server no longer knows it). */
  signedOut: () => void;
}

/** The access tier of a session: the account's role, or `public` when nobody is signed in. */
export function sessionTier(session: Session): Tier {
  return session.status === 'signedIn' ? session.user.role : 'public';
}

/** Creates the session slice, starting while the session is still being checked. */
export function createSessionSlice(): SliceCreator<SessionSlice> {
  return (set) => ({
    session: { status: 'checking' },
    sessionRestored: (user) => set({ session: user ? { status: 'signedIn', user } : { status: 'public' } }),
    signedIn: (user) => set({ session: { status: 'signedIn', user } }),
    signedOut: () => set({ session: { status: 'public' } }),
  });
}
