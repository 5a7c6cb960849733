/** Analyses slice: the hot spot, emerging hot spot, risk terrain and forecast answers the dashboard shows. */
import {
  ANALYSIS_KINDS,
  analysisRequestKey,
  type AnalysisData,
  type AnalysisKind,
  type AnalysisRequests,
} from './analyses.ts';
import type { SliceCreator } from './types.ts';

/** An answer and the request it answers. */
export interface ShownAnalysis<K extends AnalysisKind> {
  readonly request: AnalysisRequests[K];
  readonly data: AnalysisData[K];
}

/**
 * One analysis: the latest request and its status, and the answer kept meanwhile (the previous one stays while
 * a newer request of the same tier and resolution loads; nothing after a failure or a change of tier).
 */
export interface AnalysisState<K extends AnalysisKind> {
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  readonly request: AnalysisRequests[K] | null;
  readonly error: unknown;
  readonly shown: ShownAnalysis<K> | null;
}

/** The state of every analysis. */
export type AnalysesState = { readonly [K in AnalysisKind]: AnalysisState<K> };

/** State and events of the analyses. */
export interface AnalysesSlice {
  analyses: AnalysesState;
  /** Counts requests to try failed analyses again, so the analysis loader reacts to each one. */
  analysisRetries: number;
  /** The dashboard started fetching an analysis. */
  analysisRequested: <K extends AnalysisKind>(kind: K, request: AnalysisRequests[K]) => void;
  /** An analysis arrived (ignored when a newer request of that analysis was made since). */
  analysisLoaded: <K extends AnalysisKind>(
    kind: K,
    request: AnalysisRequests[K],
    data: AnalysisData[K],
  ) => void;
  /** An analysis could not be loaded (ignored when a newer request of that analysis was made since). */
  analysisFailed: <K extends AnalysisKind>(kind: K, request: AnalysisRequests[K], error: unknown) => void;
  /** The person asked to try the failed analyses again. */
  analysisRetryRequested: () => void;
}

const IDLE = { status: 'idle', request: null, error: null, shown: null } as const;

/** Every analysis idle, nothing shown. */
export const NO_ANALYSES: AnalysesState = Object.fromEntries(
  ANALYSIS_KINDS.map((kind) => [kind, IDLE]),
) as unknown as AnalysesState;

/** `analyses` with one analysis replaced. */
function replaced<K extends AnalysisKind>(
  analyses: AnalysesState,
  kind: K,
  next: AnalysisState<K>,
): AnalysesState {
  return { ...analyses, [kind]: next };
}

/** Creates the analyses slice: nothing asked for yet. */
export function createAnalysesSlice(): SliceCreator<AnalysesSlice> {
  return (set) => ({
    analyses: NO_ANALYSES,
    analysisRetries: 0,
    analysisRetryRequested: () => set((state) => ({ analysisRetries: state.analysisRetries + 1 })),
    analysisRequested: (kind, request) =>
      set((state) => {
        const { shown } = state.analyses[kind];
        const keep =
          shown && shown.request.tier === request.tier && shown.request.resolution === request.resolution;
        const next = { status: 'loading', request, error: null, shown: keep ? shown : null } as const;
        return { analyses: replaced(state.analyses, kind, next) };
      }),
    analysisLoaded: (kind, request, data) =>
      set((state) => {
        if (state.analyses[kind].request !== request) return {};
        const next = { status: 'ready', request, error: null, shown: { request, data } } as const;
        return { analyses: replaced(state.analyses, kind, next) };
      }),
    analysisFailed: (kind, request, error) =>
      set((state) => {
        if (state.analyses[kind].request !== request) return {};
        const next = { status: 'failed', request, error, shown: null } as const;
        return { analyses: replaced(state.analyses, kind, next) };
      }),
  });
}

/** Whether an analysis already holds, or is loading, the answer to `request`. */
export function holdsRequest<K extends AnalysisKind>(
  analysis: AnalysisState<K>,
  kind: K,
  request: AnalysisRequests[K],
): boolean {
  return (
    analysis.request !== null &&
    (analysis.status === 'ready' || analysis.status === 'loading') &&
    analysisRequestKey(kind, analysis.request) === analysisRequestKey(kind, request)
  );
}
