/** Releases slice: what the caller's tier may ask for (release metadata) and the released counts the map shows. */
import type { CategoryFilter, ReleasedCollection, ReleaseMetadata, Tier } from '../api/types.ts';
import { countClasses, type CountClasses } from '../map/layers/releases.ts';
import { fitEmergingStep, fitFiltersToMetadata, type Geography } from './filtersSlice.ts';
import type { SliceCreator } from './types.ts';

/** The release metadata of the current tier: being asked for, known, or failed to arrive. */
export type MetadataState =
  | { readonly status: 'loading'; readonly tier: Tier }
  | { readonly status: 'ready'; readonly metadata: ReleaseMetadata }
  | { readonly status: 'failed'; readonly tier: Tier; readonly error: unknown };

/** One request for released counts: whose tier, which period, category and geography. */
export interface ReleaseRequest {
  readonly tier: Tier;
  readonly period: string;
  readonly category: CategoryFilter;
  readonly geography: Geography;
}

/** Released counts drawn on the map: the request they answer, the collection and its count classes. */
export interface ShownRelease {
  readonly request: ReleaseRequest;
  readonly collection: ReleasedCollection;
  readonly classes: CountClasses;
}

/**
 * The released counts: the latest request and its status, and what the map shows meanwhile (the previous
 * answer stays while a new one loads; nothing after a failure, so no stale counts pass for current ones).
 */
export interface ReleasedCountsState {
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  readonly request: ReleaseRequest | null;
  readonly error: unknown;
  readonly shown: ShownRelease | null;
}

/** State and events of the releases. */
export interface ReleasesSlice {
  /** What the current tier may ask for, per `GET /api/releases/metadata`. */
  releaseMetadata: MetadataState;
  /** The released counts asked for and those on the map. */
  releasedCounts: ReleasedCountsState;
  /** Counts requests to try failed release requests again, so the release loader reacts to each one. */
  releaseRetries: number;
  /** The dashboard started asking for the release metadata of a tier (at start, and after signing in or out). */
  releaseMetadataRequested: (tier: Tier) => void;
  /** The release metadata arrived; filters (and the emerging hot spot step) the tier may not see fall back to allowed ones. */
  releaseMetadataLoaded: (metadata: ReleaseMetadata) => void;
  /** The release metadata could not be loaded. */
  releaseMetadataFailed: (tier: Tier, error: unknown) => void;
  /** The dashboard started fetching released counts for a request. */
  releasedCountsRequested: (request: ReleaseRequest) => void;
  /** Released counts arrived for a request (ignored when a newer request was made since). */
  releasedCountsLoaded: (request: ReleaseRequest, collection: ReleasedCollection) => void;
  /** Released counts could not be loaded for a request (ignored when a newer request was made since). */
  releasedCountsFailed: (request: ReleaseRequest, error: unknown) => void;
  /** The person asked to try a failed release request again. */
  releaseRetryRequested: () => void;
}

/** A stable text key of a release request, for comparing requests and for tests (`tier|period|category|geography`). */
export function releaseRequestKey(request: ReleaseRequest): string {
  return [request.tier, request.period, request.category, request.geography].join('|');
}

/** Creates the releases slice: metadata not yet asked for (public tier assumed), no counts. */
export function createReleasesSlice(): SliceCreator<ReleasesSlice> {
  const isCurrent = (state: ReleasesSlice, request: ReleaseRequest) =>
    state.releasedCounts.request === request;
  return (set) => ({
    releaseMetadata: { status: 'loading', tier: 'public' },
    releasedCounts: { status: 'idle', request: null, error: null, shown: null },
    releaseRetries: 0,
    releaseRetryRequested: () => set((state) => ({ releaseRetries: state.releaseRetries + 1 })),
    releaseMetadataRequested: (tier) => set({ releaseMetadata: { status: 'loading', tier } }),
    releaseMetadataLoaded: (metadata) =>
      set((state) => ({
        releaseMetadata: { status: 'ready', metadata },
        filters: fitFiltersToMetadata(state.filters, metadata),
        emergingStep: fitEmergingStep(state.emergingStep, metadata),
      })),
    releaseMetadataFailed: (tier, error) => set({ releaseMetadata: { status: 'failed', tier, error } }),
    releasedCountsRequested: (request) =>
      set((state) => ({
        releasedCounts: { status: 'loading', request, error: null, shown: state.releasedCounts.shown },
      })),
    releasedCountsLoaded: (request, collection) =>
      set((state) =>
        isCurrent(state, request)
          ? {
              releasedCounts: {
                status: 'ready',
                request,
                error: null,
                shown: { request, collection, classes: countClasses(collection) },
              },
            }
          : {},
      ),
    releasedCountsFailed: (request, error) =>
      set((state) =>
        isCurrent(state, request)
          ? { releasedCounts: { status: 'failed', request, error, shown: null } }
          : {},
      ),
  });
}
