/** Reads one analysis from the store: its status and error, and the answer the dashboard may show now. */
import { useAppState } from '../app/StoreContext.ts';
import { currentAnalysis, type AnalysisData, type AnalysisKind } from '../store/analyses.ts';
import type { AnalysisState } from '../store/analysesSlice.ts';

/** What a component needs to show an analysis. */
export interface AnalysisView<K extends AnalysisKind> {
  status: AnalysisState<K>['status'];
  error: unknown;
  /** The answer for the current tier and resolution (possibly of the previous period while a new one loads). */
  data: AnalysisData[K] | null;
}

/** One analysis as the components show it, re-rendering only when it changes. */
export function useAnalysis<K extends AnalysisKind>(kind: K): AnalysisView<K> {
  const status = useAppState((state) => state.analyses[kind].status);
  const error = useAppState((state) => state.analyses[kind].error);
  const shown = useAppState((state) => currentAnalysis(state, kind));
  return { status, error, data: shown?.data ?? null };
}
