/**
 * Keeps the analyses in step with the store: fetches each analysis when something starts showing it (its layer,
 * the selected cell, the model panel) or its request changes, cancelling answers nobody waits for any more. The
 * API module (with zod) is fetched when following starts, in its own chunk, so the first request does not wait for
 * it behind the map's first frames. Every outcome is a store event.
 */
import {
  ANALYSIS_KINDS,
  analysisRequestKey,
  neededAnalyses,
  type AnalysisData,
  type AnalysisKind,
  type AnalysisRequests,
} from '../store/analyses.ts';
import type * as AnalyticsApi from '../api/analytics.ts';
import { holdsRequest } from '../store/analysesSlice.ts';
import type { AppStore } from '../store/index.ts';

let analyticsApi: Promise<typeof AnalyticsApi> | null = null;

/** The analytics API module, fetched on the first call (when following starts). */
function analyticsModule(): Promise<typeof AnalyticsApi> {
  return (analyticsApi ??= import('../api/analytics.ts'));
}

/** Fetches the answer to one analysis request through the analytics API module. */
async function fetchAnalysis<K extends AnalysisKind>(
  kind: K,
  request: AnalysisRequests[K],
  signal: AbortSignal,
): Promise<AnalysisData[K]> {
  const api = await analyticsModule();
  const fetchers: {
    [Kind in AnalysisKind]: (request: AnalysisRequests[Kind]) => Promise<AnalysisData[Kind]>;
  } = {
    hotspots: ({ resolution, period, category }) =>
      api.fetchHotspots({ resolution, period, category }, signal),
    emerging: ({ resolution, step, category }) =>
      api.fetchEmergingHotspots({ resolution, step, category }, signal),
    risk: ({ resolution, period, category }) =>
      api.fetchRiskTerrain({ resolution, period, category }, signal),
    forecast: ({ resolution, period, category }) =>
      api.fetchForecastChecks({ resolution, period, category }, signal),
  };
  return fetchers[kind](request);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Starts following the store; returns a function that stops following and cancels open requests. */
export function followAnalyses(store: AppStore): () => void {
  // A failed load fails the first request, which reports it; this only keeps it from counting as unhandled.
  analyticsModule().catch(() => undefined);
  const aborts = new Map<AnalysisKind, AbortController>();

  const load = <K extends AnalysisKind>(kind: K, request: AnalysisRequests[K]) => {
    aborts.get(kind)?.abort();
    const abort = new AbortController();
    aborts.set(kind, abort);
    store.getState().analysisRequested(kind, request);
    fetchAnalysis(kind, request, abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) store.getState().analysisLoaded(kind, request, data);
      },
      (error: unknown) => {
        if (!abort.signal.aborted && !isAbort(error)) store.getState().analysisFailed(kind, request, error);
      },
    );
  };

  /** Loads an analysis the state needs unless the store already holds or awaits that very answer. */
  const follow = <K extends AnalysisKind>(kind: K) => {
    const state = store.getState();
    const request = neededAnalyses(state)[kind] as AnalysisRequests[K] | null;
    if (request && !holdsRequest(state.analyses[kind], kind, request)) load(kind, request);
  };

  const stops = ANALYSIS_KINDS.map((kind) =>
    store.subscribe(
      (state) => {
        const request = neededAnalyses(state)[kind];
        return request ? analysisRequestKey(kind, request) : null;
      },
      () => follow(kind),
      { fireImmediately: true },
    ),
  );
  const stopRetries = store.subscribe(
    (state) => state.analysisRetries,
    () => {
      const state = store.getState();
      const needed = neededAnalyses(state);
      for (const kind of ANALYSIS_KINDS) {
        const request = needed[kind];
        if (request && state.analyses[kind].status === 'failed') load(kind, request);
      }
    },
  );

  return () => {
    for (const stop of stops) stop();
    stopRetries();
    for (const abort of aborts.values()) abort.abort();
  };
}
