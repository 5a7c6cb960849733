/** Asking the server for a plan and recording the request and its answer (or failure) in the store. */
import type { AppStore } from '../store/index.ts';
import type { Plans, PlanTool } from '../store/planningSlice.ts';

/** Records the request, fetches the plan and records what came back (the store ignores superseded answers). */
export function requestPlan<T extends PlanTool>(
  store: AppStore,
  tool: T,
  query: Plans[T]['query'],
  fetchPlan: (query: Plans[T]['query']) => Promise<Plans[T]['plan']>,
): void {
  store.getState().planRequested(tool, query);
  fetchPlan(query).then(
    (plan) => store.getState().planLoaded(tool, query, plan),
    (error: unknown) => store.getState().planFailed(tool, query, error),
  );
}
