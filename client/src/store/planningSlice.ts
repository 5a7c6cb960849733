/**
 * Planning slice: the latest request of each plan (banner and CCTV placement, the patrol plan, the intervention
 * coverage check) and its answer, drawn on the map.
 */
import type { CoverageQuery, PatrolQuery, PlacementQuery } from '../api/client.ts';
import type { Coverage, PatrolPlan, Placements } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** Each plan's request and answer. */
export interface Plans {
  placement: { query: PlacementQuery; plan: Placements };
  patrol: { query: PatrolQuery; plan: PatrolPlan };
  /** The intervention coverage check (its uncovered cells are outlined on the map). */
  coverage: { query: CoverageQuery; plan: Coverage };
}

/** A kind of plan. */
export type PlanTool = keyof Plans;

/** The latest request of a plan: none, loading, answered, or failed. */
export type PlanState<T extends PlanTool> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly query: Plans[T]['query'] }
  | { readonly status: 'ready'; readonly query: Plans[T]['query']; readonly plan: Plans[T]['plan'] }
  | { readonly status: 'failed'; readonly query: Plans[T]['query']; readonly error: unknown };

/** The placement's state. */
export type PlacementState = PlanState<'placement'>;

/** The patrol plan's state. */
export type PatrolState = PlanState<'patrol'>;

/** The coverage check's state. */
export type CoverageState = PlanState<'coverage'>;

/** State and events of planning. */
export interface PlanningSlice {
  placement: PlacementState;
  patrol: PatrolState;
  coverage: CoverageState;
  /** The person asked for a plan. */
  planRequested: <T extends PlanTool>(tool: T, query: Plans[T]['query']) => void;
  /** A plan arrived (ignored unless it answers the latest request). */
  planLoaded: <T extends PlanTool>(tool: T, query: Plans[T]['query'], plan: Plans[T]['plan']) => void;
  /** A plan could not be made (ignored unless it answers the latest request). */
  planFailed: <T extends PlanTool>(tool: T, query: Plans[T]['query'], error: unknown) => void;
  /** The person cleared a plan (or signed out). */
  planCleared: (tool: PlanTool) => void;
}

/** Creates the planning slice with no plans. */
export function createPlanningSlice(): SliceCreator<PlanningSlice> {
  return (set) => {
    const answer = <T extends PlanTool>(tool: T, query: Plans[T]['query'], next: PlanState<T>) =>
      set((state) => {
        const current = state[tool] as PlanState<T>;
        return current.status === 'loading' && current.query === query ? { [tool]: next } : {};
      });
    return {
      placement: { status: 'idle' },
      patrol: { status: 'idle' },
      coverage: { status: 'idle' },
      planRequested: (tool, query) => set({ [tool]: { status: 'loading', query } }),
      planLoaded: (tool, query, plan) => answer(tool, query, { status: 'ready', query, plan }),
      planFailed: (tool, query, error) => answer(tool, query, { status: 'failed', query, error }),
      planCleared: (tool) => set({ [tool]: { status: 'idle' } }),
    };
  };
}
