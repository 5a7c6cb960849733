/**
 * Filters slice: which released counts and analyses the map shows (period, incident category, geography, and the
 * time step of emerging hot spots); the URL mirrors it.
 */
import type {
  AreaLevel,
  CategoryFilter,
  CellResolution,
  EmergingStep,
  ReleaseMetadata,
} from '../api/types.ts';
import { allowedPeriod, isPeriod } from './periods.ts';
import type { SliceCreator } from './types.ts';

/** Geographies the released counts can be shown on, coarsest first. */
export const GEOGRAPHIES = ['kecamatan', 'kelurahan', 'h3-7', 'h3-8'] as const;

/** A geography of released counts: an area level, or H3 cells of resolution 7 (~5 km²) or 8 (~0.7 km²). */
export type Geography = (typeof GEOGRAPHIES)[number];

/**
 * Category choices in display order: every category together, then each code of the shared
 * `INCIDENT_CATEGORIES` (repeated here so the first paint does not load zod; the unit test compares them).
 */
export const CATEGORY_FILTERS: readonly CategoryFilter[] = [
  'all',
  'online_solicitation',
  'peer_recruitment',
  'csam',
  'venue_exploitation',
  'other',
];

/** Geography shown when nothing else is chosen; every tier may see it. */
export const DEFAULT_GEOGRAPHY: Geography = 'kelurahan';

/** Category shown when nothing else is chosen. */
export const DEFAULT_CATEGORY: CategoryFilter = 'all';

/** Whether a value is one of the geographies. */
export function isGeography(value: unknown): value is Geography {
  return typeof value === 'string' && (GEOGRAPHIES as readonly string[]).includes(value);
}

/** Whether a value is `all` or a category code. */
export function isCategoryFilter(value: unknown): value is CategoryFilter {
  return typeof value === 'string' && (CATEGORY_FILTERS as readonly string[]).includes(value);
}

/** The H3 resolution of a cell geography, or `null` for an area level. */
export function geographyResolution(geography: Geography): CellResolution | null {
  if (geography === 'h3-7') return 7;
  if (geography === 'h3-8') return 8;
  return null;
}

/** The area level of an area geography, or `null` for H3 cells. */
export function geographyLevel(geography: Geography): AreaLevel | null {
  return geography === 'kecamatan' || geography === 'kelurahan' ? geography : null;
}

/** The filter choices themselves; `period` is `null` until the release metadata names the latest full year. */
export interface FilterChoice {
  period: string | null;
  category: CategoryFilter;
  geography: Geography;
}

/** State and events of the filters. */
export interface FiltersSlice {
  /** The current choice; replaced as a whole on each change, so subscribers can compare by reference. */
  filters: FilterChoice;
  /** Time step of the emerging hot spot analysis; default quarters. */
  emergingStep: EmergingStep;
  /** The person chose a period (`YYYY`, `YYYY-Qn` or `YYYY-MM`). */
  periodChosen: (period: string) => void;
  /** The person chose an incident category, or `all`. */
  categoryChosen: (category: CategoryFilter) => void;
  /** The person chose the geography the counts are shown on. */
  geographyChosen: (geography: Geography) => void;
  /** The person chose the time step of emerging hot spots. */
  emergingStepChosen: (step: EmergingStep) => void;
}

/** Whether the tier described by `metadata` may see a geography. */
export function isGeographyAllowed(geography: Geography, metadata: ReleaseMetadata): boolean {
  const resolution = geographyResolution(geography);
  if (resolution !== null) return metadata.resolutions.includes(resolution);
  const level = geographyLevel(geography);
  return level !== null && metadata.levels.includes(level);
}

/**
 * The filters the tier described by `metadata` may see: each choice kept when allowed, else the nearest
 * allowed one (a month falls back to its quarter, then its year; H3 resolution 8 to 7; a missing period
 * to the latest full year; an unknown category to `all`).
 */
export function fitFiltersToMetadata(filters: FilterChoice, metadata: ReleaseMetadata): FilterChoice {
  const period = allowedPeriod(filters.period, metadata.periods, metadata.span);
  const category = metadata.categories.includes(filters.category) ? filters.category : DEFAULT_CATEGORY;
  let geography = filters.geography;
  if (!isGeographyAllowed(geography, metadata)) {
    geography = geography === 'h3-8' && isGeographyAllowed('h3-7', metadata) ? 'h3-7' : DEFAULT_GEOGRAPHY;
  }
  const fitted = { period, category, geography };
  return fitted.period === filters.period &&
    fitted.category === filters.category &&
    fitted.geography === filters.geography
    ? filters
    : fitted;
}

/** Time steps of emerging hot spots, coarsest first. */
export const EMERGING_STEPS: readonly EmergingStep[] = ['quarter', 'month'];

/** Step used when nothing else is chosen; every tier may ask for it. */
export const DEFAULT_EMERGING_STEP: EmergingStep = 'quarter';

/** Whether a value is a time step of emerging hot spots. */
export function isEmergingStep(value: unknown): value is EmergingStep {
  return value === 'month' || value === 'quarter';
}

/** Steps the tier described by `metadata` may ask for: months only when its finest period is a month. */
export function allowedEmergingSteps(metadata: ReleaseMetadata): EmergingStep[] {
  const finest = metadata.policy[metadata.tier]?.finestPeriod;
  return finest === 'month' ? ['quarter', 'month'] : ['quarter'];
}

/** The step to use for the tier: `step` when allowed, else the default (quarters). */
export function fitEmergingStep(step: EmergingStep, metadata: ReleaseMetadata): EmergingStep {
  return allowedEmergingSteps(metadata).includes(step) ? step : DEFAULT_EMERGING_STEP;
}

/** Filters to start from, usually read from the URL; malformed values are dropped. */
export type InitialFilters = Partial<FilterChoice> & { emergingStep?: EmergingStep };

/** Creates the filters slice from initial values (defaults: period decided later, `all`, kelurahan, quarters). */
export function createFiltersSlice(initial: InitialFilters = {}): SliceCreator<FiltersSlice> {
  return (set) => ({
    filters: {
      period: isPeriod(initial.period) ? initial.period : null,
      category: isCategoryFilter(initial.category) ? initial.category : DEFAULT_CATEGORY,
      geography: isGeography(initial.geography) ? initial.geography : DEFAULT_GEOGRAPHY,
    },
    emergingStep: isEmergingStep(initial.emergingStep) ? initial.emergingStep : DEFAULT_EMERGING_STEP,
    periodChosen: (period) => set((state) => ({ filters: { ...state.filters, period } })),
    categoryChosen: (category) => set((state) => ({ filters: { ...state.filters, category } })),
    geographyChosen: (geography) => set((state) => ({ filters: { ...state.filters, geography } })),
    emergingStepChosen: (emergingStep) => set({ emergingStep }),
  });
}
