/**
 * Keeps the released counts in step with the session and the filters: loads the release metadata at once and
 * again when the tier changes (sign in or out), then fetches the counts for each new choice of filters, cancelling
 * answers nobody waits for any more. Every outcome is a store event; the map controller draws what arrives.
 */
import { ApiError, fetchReleasedAreas, fetchReleasedCells, fetchReleaseMetadata } from '../api/client.ts';
import type { ReleasedCollection, Tier } from '../api/types.ts';
import { geographyLevel, geographyResolution } from '../store/filtersSlice.ts';
import type { AppState, AppStore } from '../store/index.ts';
import { releaseRequestKey, type ReleaseRequest } from '../store/releasesSlice.ts';
import { sessionTier } from '../store/sessionSlice.ts';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** How long to wait before asking again for a release the server is still deciding (its Retry-After). */
export const RELEASE_PENDING_RETRY_MS = 10_000;

/** Fetches the released counts one request asks for, as cells or as areas. */
export function fetchRelease(request: ReleaseRequest, signal?: AbortSignal): Promise<ReleasedCollection> {
  const { period, category } = request;
  const resolution = geographyResolution(request.geography);
  if (resolution !== null) return fetchReleasedCells({ resolution, period, category }, signal);
  const level = geographyLevel(request.geography) ?? 'kelurahan';
  return fetchReleasedAreas({ level, period, category }, signal);
}

/** The request the current state asks for, or `null` while the metadata or the period is not known yet. */
export function currentReleaseRequest(state: AppState): ReleaseRequest | null {
  if (state.releaseMetadata.status !== 'ready') return null;
  const { period, category, geography } = state.filters;
  if (!period) return null;
  return { tier: state.releaseMetadata.metadata.tier, period, category, geography };
}

/** The session's tier once it is known, `null` while the session is still being checked. */
function knownTier(state: AppState): Tier | null {
  return state.session.status === 'checking' ? null : sessionTier(state.session);
}

/** Starts following the store; returns a function that stops following and cancels open requests. */
export function followReleases(store: AppStore): () => void {
  let metadataAbort: AbortController | null = null;
  let countsAbort: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // The first release after a server start can take minutes to decide: ask again by ourselves meanwhile.
  const retryIfPending = (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'release_pending') return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => store.getState().releaseRetryRequested(), RELEASE_PENDING_RETRY_MS);
  };

  const loadMetadata = (tier: Tier) => {
    metadataAbort?.abort();
    countsAbort?.abort();
    const abort = new AbortController();
    metadataAbort = abort;
    store.getState().releaseMetadataRequested(tier);
    fetchReleaseMetadata(abort.signal).then(
      (metadata) => {
        if (!abort.signal.aborted) store.getState().releaseMetadataLoaded(metadata);
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbort(error)) return;
        store.getState().releaseMetadataFailed(tier, error);
        retryIfPending(error);
      },
    );
  };

  const loadCounts = (request: ReleaseRequest) => {
    countsAbort?.abort();
    const abort = new AbortController();
    countsAbort = abort;
    store.getState().releasedCountsRequested(request);
    fetchRelease(request, abort.signal).then(
      (collection) => {
        if (!abort.signal.aborted) store.getState().releasedCountsLoaded(request, collection);
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbort(error)) return;
        store.getState().releasedCountsFailed(request, error);
        retryIfPending(error);
      },
    );
  };

  // The first metadata is asked for at once, alongside the session check: both are answered for the same session
  // cookie, so the answer is the session's tier (labelled public until the session is known). After that, each
  // change of tier (signing in or out) asks again.
  loadMetadata(knownTier(store.getState()) ?? 'public');
  const stopTier = store.subscribe(knownTier, (tier, previous) => {
    if (!tier) return;
    const { releaseMetadata } = store.getState();
    const sameSession =
      previous === null &&
      (releaseMetadata.status === 'loading' ||
        (releaseMetadata.status === 'ready' && releaseMetadata.metadata.tier === tier));
    if (!sameSession) loadMetadata(tier);
  });
  const stopCounts = store.subscribe(
    (state) => {
      const request = currentReleaseRequest(state);
      return request ? releaseRequestKey(request) : null;
    },
    () => {
      const request = currentReleaseRequest(store.getState());
      if (request) loadCounts(request);
    },
    { fireImmediately: true },
  );
  const stopRetries = store.subscribe(
    (state) => state.releaseRetries,
    () => {
      const state = store.getState();
      const tier = knownTier(state);
      if (state.releaseMetadata.status === 'failed' && tier) loadMetadata(tier);
      else if (state.releasedCounts.status === 'failed' && state.releasedCounts.request) {
        loadCounts(state.releasedCounts.request);
      }
    },
  );

  return () => {
    stopTier();
    stopCounts();
    stopRetries();
    clearTimeout(retryTimer);
    metadataAbort?.abort();
    countsAbort?.abort();
  };
}
