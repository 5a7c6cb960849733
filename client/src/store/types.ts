/** The shape of the dashboard's one store, assembled from typed slices. */
import type { StateCreator } from 'zustand/vanilla';
import type { AnalysesSlice } from './analysesSlice.ts';
import type { FiltersSlice } from './filtersSlice.ts';
import type { PlanningSlice } from './planningSlice.ts';
import type { PointPickSlice } from './pointPickSlice.ts';
import type { PointsSlice } from './pointsSlice.ts';
import type { ReleasesSlice } from './releasesSlice.ts';
import type { SelectionSlice } from './selectionSlice.ts';
import type { SessionSlice } from './sessionSlice.ts';
import type { SystemSlice } from './systemSlice.ts';
import type { ViewSlice } from './viewSlice.ts';

/** Everything the dashboard keeps in its store: the union of every slice. */
export type AppState = ViewSlice &
  SessionSlice &
  SystemSlice &
  FiltersSlice &
  ReleasesSlice &
  SelectionSlice &
  AnalysesSlice &
  PointsSlice &
  PlanningSlice &
  PointPickSlice;

/** Middleware applied once on the combined store (and so visible to every slice's `set`/`get`). */
export type AppMiddleware = [['zustand/subscribeWithSelector', never]];

/** A function creating one slice of the combined store. */
export type SliceCreator<Slice> = StateCreator<AppState, AppMiddleware, [], Slice>;
