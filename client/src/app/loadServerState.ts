/** Asks the server what the dashboard needs at start-up (health, configuration, session) and records the answers as store events. */
import { fetchClientConfig, fetchCurrentUser, fetchHealth } from '../api/client.ts';
import type { AppStore } from '../store/index.ts';
import { DEFAULT_CLIENT_CONFIG } from '../store/systemSlice.ts';

/** Starts the three start-up requests in parallel; failures become events too, never unhandled rejections. */
export function loadServerState(store: AppStore): Promise<void> {
  const { healthReported, serverUnreachable, configLoaded, sessionRestored } = store.getState();
  return Promise.all([
    fetchHealth().then(healthReported, serverUnreachable),
    fetchClientConfig().then(configLoaded, () => configLoaded(DEFAULT_CLIENT_CONFIG)),
    fetchCurrentUser().then(sessionRestored, () => sessionRestored(null)),
  ]).then(() => undefined);
}
