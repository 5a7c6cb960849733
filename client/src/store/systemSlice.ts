/** System slice: what the server reported about itself (health, synthetic data, basemap settings). */
import type { ClientConfig, Health } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** The server's health: still being asked, answered, or unreachable. */
export type ServerHealth =
  | { readonly status: 'checking' }
  | { readonly status: 'ok'; readonly health: Health }
  | { readonly status: 'unreachable' };

/** The server's client configuration: still being asked, or settled (defaults when it failed). */
export type ConfigState =
  { readonly status: 'loading' } | { readonly status: 'ready'; readonly config: ClientConfig };

/** State and events of what the server reported about itself. */
export interface SystemSlice {
  serverHealth: ServerHealth;
  clientConfig: ConfigState;
  /** The server answered `GET /api/health`. */
  healthReported: (health: Health) => void;
  /** The server could not be reached or answered with an error. */
  serverUnreachable: () => void;
  /** The server's client configuration arrived (or defaults after a failure). */
  configLoaded: (config: ClientConfig) => void;
}

/** Client configuration used when the server does not provide one: the offline basemap. */
export const DEFAULT_CLIENT_CONFIG: ClientConfig = { basemapStyleUrl: null };

/** Creates the system slice, starting while health and configuration are being asked. */
export function createSystemSlice(): SliceCreator<SystemSlice> {
  return (set) => ({
    serverHealth: { status: 'checking' },
    clientConfig: { status: 'loading' },
    healthReported: (health) => set({ serverHealth: { status: 'ok', health } }),
    serverUnreachable: () => set({ serverHealth: { status: 'unreachable' } }),
    configLoaded: (config) => set({ clientConfig: { status: 'ready', config } }),
  });
}

/** Whether the server says its data is the synthetic demo set. */
export function isDemoData(health: ServerHealth): boolean {
  return health.status === 'ok' && health.health.demoData;
}
