// Risk Terrain Modeling (Caplan & Kennedy 2011, Risk Terrain Modeling Manual; Caplan, Kennedy & Piza 2013,
// RTMDx Utility User Manual): which kinds of venue make a cell riskier, by how much, and the resulting risk
// surface over every cell, incidents or not.
//
// Variables. For each venue kind and spatial-influence distance d (default 250, 500 and 1000 m), measured
// from the cell's centre (h3-js `cellToLatLng`) to each venue, inclusive:
//   proximity  1 if a venue of the kind is within d;
//   density    1 if the number of venues of the kind within d is above mean + 2·SD over the cells (population
//              SD), RTMDx's operationalisation of "a concentration of venues"; kept as the smallest whole
//              count above that bound (`minVenues`), so a density variable whose bound is one venue would
//              be the proximity variable again and is not considered twice.
// Columns that are the same for every cell carry no information and are skipped. Distances use a local
// equirectangular projection centred on the cells, scaled by the WGS84 radii of curvature at their mean
// latitude: within 0.03 % of the ellipsoidal (Vincenty) distance across East Jakarta and 0.06 % within 30 km
// of the centre, i.e. well under 1 m at 1 km. Venues are bucketed in a grid of squares as wide as the
// largest distance, so each cell looks only at its own and the eight surrounding squares.
//
// Selection, RTMDx-style and deliberately simple:
//   1. for each kind, fit a univariate Poisson model (log link, intercept) per operationalisation and keep
//      the one with the lowest AIC, only if its coefficient is positive and its Wald p < 0.05;
//   2. fit the kept variables jointly (a variable that duplicates earlier ones, taken in order of univariate
//      AIC, is dropped), then backward elimination by BIC: drop the variable whose removal lowers BIC most,
//      and repeat while some removal lowers it;
//   3. drop every factor whose joint coefficient is not positive and refit, until none is left.
// Each surviving factor's relative risk value is RRV = exp(β); a cell's risk score is the product of the
// RRVs of the factors present in it (1 when none is), RTM's composite risk value.
//
// Fallback: with fewer than 30 incidents, fewer than 10 cells with incidents, a model that cannot be fitted
// or no surviving factor, the model is `expert-weights` (see EXPERT_RELATIVE_RISK) with the reason said.
import { VENUE_KINDS, type H3Index, type VenueKind } from '@titik-rawan/shared';
import { cellToLatLng, getResolution, isValidCell } from 'h3-js';
import { localPlane, PointGrid } from '../geography/point-grid';
import { fitPoisson, PoissonFitError, type PoissonFit } from './poisson';

/** A venue as risk terrain needs it: its kind and WGS84 position in degrees. */
export interface RiskVenue {
  readonly kind: VenueKind;
  readonly lon: number;
  readonly lat: number;
}

/** How a venue kind's influence reaches a cell: any venue within the distance, or a concentration of them. */
export type RiskMeasure = 'proximity' | 'density';

/** A risk factor's definition: present in a cell with at least `minVenues` venues of `kind` within `distanceM`. */
export interface RiskFactorDefinition {
  readonly kind: VenueKind;
  readonly measure: RiskMeasure;
  /** Spatial-influence distance from the cell's centre, metres. */
  readonly distanceM: number;
  /** Venues of the kind within the distance that make the factor present: 1 for proximity. */
  readonly minVenues: number;
}

/** A risk factor of the model with its weight: coefficient β on the log scale and RRV = exp(β). */
export interface RiskFactor extends RiskFactorDefinition {
  readonly coefficient: number;
  /** Relative risk value exp(β): how many times the expected incidents where the factor is present. */
  readonly rrv: number;
  /** Standard error of β; null for expert weights. */
  readonly standardError: number | null;
  /** Two-sided Wald p-value of β; null for expert weights. */
  readonly pValue: number | null;
}

/** Goodness of fit of the final Poisson model. */
export interface RiskTerrainFit {
  readonly cells: number;
  readonly cellsWithIncidents: number;
  readonly incidents: number;
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  readonly bic: number;
  /** Pearson dispersion; well above 1 means overdispersion, so the p-values are optimistic. */
  readonly dispersion: number;
}

/** A fitted risk terrain model, or the expert-weights fallback with the reason it was needed. */
export interface RiskTerrainModel {
  readonly method: 'poisson' | 'expert-weights';
  /** Why the expert weights were used; null for a Poisson model. */
  readonly reason: string | null;
  /** The factors, highest relative risk first. */
  readonly factors: RiskFactor[];
  /** Intercept of the Poisson model (log expected incidents in a cell with no factor); null for expert weights. */
  readonly intercept: number | null;
  readonly fit: RiskTerrainFit | null;
}

/** The model and each cell's composite relative risk, in the order the cells were given. */
export interface RiskTerrain {
  readonly model: RiskTerrainModel;
  readonly scores: Float64Array;
}

/** Input of {@link riskTerrain}. */
export interface RiskTerrainInput {
  /** H3 cells of one resolution, 7 or 8, none listed twice. */
  readonly cells: readonly H3Index[];
  /** Incidents per cell, in the order of `cells`, zeros included. */
  readonly counts: ArrayLike<number>;
  readonly venues: readonly RiskVenue[];
  /** Spatial-influence distances to test, metres; default {@link DEFAULT_INFLUENCE_DISTANCES_M}. */
  readonly distancesM?: readonly number[];
}

/** Spatial-influence distances tested by default, metres. */
export const DEFAULT_INFLUENCE_DISTANCES_M: readonly number[] = [250, 500, 1000];
/** Fewest incidents in total for a Poisson model. */
export const MIN_INCIDENTS = 30;
/** Fewest cells with at least one incident for a Poisson model. */
export const MIN_CELLS_WITH_INCIDENTS = 10;
/** Significance level of the univariate screen. */
export const SCREEN_ALPHA = 0.05;
/** Spatial-influence distance of the expert weights (proximity), metres. */
export const EXPERT_DISTANCE_M = 500;

/**
 * Relative risk values used when no model can be fitted: priors read from the field report behind BRIEF.md,
 * not estimates. Budget lodging (hotels, guest houses, kost) and karaoke, nightlife and massage venues are
 * where "Open BO" and venue exploitation were reported (2); transport hubs, as around Kampung Melayu's
 * terminal where the reported hotels are (1.5); schools (peer recruitment), internet cafés (online
 * solicitation) and apartments are weaker links (1.2).
 */
export const EXPERT_RELATIVE_RISK: Readonly<Record<VenueKind, number>> = {
  hotel: 2,
  guest_house: 2,
  kost: 2,
  apartment: 1.2,
  school: 1.2,
  transport_hub: 1.5,
  internet_cafe: 1.2,
  karaoke_nightlife: 2,
  massage_parlour: 2,
};

/**
 * Risk terrain of `cells` from incident `counts` per cell and `venues`: the selected factors with their
 * relative risks, or expert weights when the data cannot support a model, and each cell's composite risk
 * (product of the RRVs of its factors, 1 when none is present).
 */
export function riskTerrain({ cells, counts, venues, distancesM }: RiskTerrainInput): RiskTerrain {
  const distances = validatedDistances(distancesM ?? DEFAULT_INFLUENCE_DISTANCES_M);
  const y = validatedCounts(counts, cells.length);
  const near = countVenuesNearCells(cells, venues, [...distances, EXPERT_DISTANCE_M]);
  const model = riskTerrainModel(y, near, distances);
  return { model, scores: compositeRisk(factorsByCell(near, model.factors)) };
}

/**
 * The factors of `model` present in each of `cells` (in the model's order, strongest first), so a map can
 * say why a cell scores high: the product of their RRVs is the cell's score.
 */
export function presentFactors<F extends RiskFactorDefinition>(
  model: { readonly factors: readonly F[] },
  cells: readonly H3Index[],
  venues: readonly RiskVenue[],
): F[][] {
  const { factors } = model;
  if (factors.length === 0) return validatedCells(cells).map(() => []);
  const distancesM = factors.map((f) => f.distanceM);
  return factorsByCell(countVenuesNearCells(cells, venues, distancesM), factors);
}

// ---------------------------------------------------------------------------------------------------------
// Venues near cells

/** Venues of each kind within each distance of each cell: counts[kind][distance][cell]. */
interface VenuesNearCells {
  /** Distances in metres, ascending and distinct. */
  readonly distancesM: readonly number[];
  readonly counts: readonly (readonly Int32Array[])[];
  readonly cellCount: number;
}

function countVenuesNearCells(
  cells: readonly H3Index[],
  venues: readonly RiskVenue[],
  distancesM: readonly number[],
): VenuesNearCells {
  const distances = validatedDistances(distancesM);
  const squared = distances.map((d) => d * d);
  const reach = distances[distances.length - 1] ?? 0;
  const centres = validatedCells(cells).map((cell) => cellToLatLng(cell));
  const originLat = centres.reduce((s, [lat]) => s + lat, 0) / Math.max(1, centres.length);
  const originLon = centres.reduce((s, [, lon]) => s + lon, 0) / Math.max(1, centres.length);
  const project = localPlane(originLat, originLon);

  const grid = new PointGrid(reach);
  venues.forEach((venue, i) => {
    const kind = venueKindIndex(venue, i);
    const [x, y] = project(venue.lat, venue.lon);
    grid.add(x, y, kind);
  });

  const counts = VENUE_KINDS.map(() => distances.map(() => new Int32Array(cells.length)));
  centres.forEach(([lat, lon], cell) => {
    const [x, y] = project(lat, lon);
    grid.forEachNear(x, y, (kind, d2) => {
      const perDistance = counts[kind] ?? [];
      for (let t = squared.length - 1; t >= 0 && d2 <= (squared[t] ?? 0); t--) {
        const column = perDistance[t];
        if (column) column[cell] = (column[cell] ?? 0) + 1;
      }
    });
  });
  return { distancesM: distances, counts, cellCount: cells.length };
}

/** Venues of `kind` within `distanceM` of every cell. */
function venueCounts(near: VenuesNearCells, kind: VenueKind, distanceM: number): Int32Array {
  const column = near.counts[VENUE_KINDS.indexOf(kind)]?.[near.distancesM.indexOf(distanceM)];
  if (!column) throw new RangeError(`risk terrain: no venue counts for ${kind} at ${distanceM} m`);
  return column;
}

function factorsByCell<F extends RiskFactorDefinition>(near: VenuesNearCells, factors: readonly F[]): F[][] {
  const present = Array.from({ length: near.cellCount }, (): F[] => []);
  for (const factor of factors) {
    venueCounts(near, factor.kind, factor.distanceM).forEach((count, cell) => {
      if (count >= factor.minVenues) present[cell]?.push(factor);
    });
  }
  return present;
}

function compositeRisk(present: readonly (readonly RiskFactor[])[]): Float64Array {
  return Float64Array.from(present, (factors) => factors.reduce((risk, f) => risk * f.rrv, 1));
}

// ---------------------------------------------------------------------------------------------------------
// Variables and selection

/** A candidate variable: its definition and 0/1 value per cell. */
interface Candidate extends RiskFactorDefinition {
  readonly column: Float64Array;
}

/** A candidate kept by the univariate screen, with its univariate AIC. */
interface ScreenedCandidate extends Candidate {
  readonly aic: number;
}

/** A joint model: its variables (covariates in this order) and fit. */
interface JointModel {
  readonly variables: readonly Candidate[];
  readonly fit: PoissonFit;
}

function riskTerrainModel(
  y: Float64Array,
  near: VenuesNearCells,
  distancesM: readonly number[],
): RiskTerrainModel {
  const shortage = dataShortage(y);
  if (shortage !== null) return expertWeightsModel(shortage);
  try {
    const selected = selectFactors(y, candidateVariables(near, distancesM));
    return typeof selected === 'string' ? expertWeightsModel(selected) : poissonModel(y, selected);
  } catch (error) {
    if (!(error instanceof PoissonFitError)) throw error;
    return expertWeightsModel(`the Poisson model could not be fitted (${error.message})`);
  }
}

/** Why the counts are too few for a model, or null when they suffice. */
function dataShortage(y: Float64Array): string | null {
  const incidents = y.reduce((s, v) => s + v, 0);
  const cellsWithIncidents = y.filter((v) => v > 0).length;
  if (incidents < MIN_INCIDENTS) {
    return `only ${incidents} incidents; a Poisson model needs at least ${MIN_INCIDENTS}`;
  }
  if (cellsWithIncidents < MIN_CELLS_WITH_INCIDENTS) {
    return `incidents in only ${cellsWithIncidents} cells; a Poisson model needs at least ${MIN_CELLS_WITH_INCIDENTS}`;
  }
  return null;
}

/** The non-constant proximity and density variables of each kind, shortest distance first. */
function candidateVariables(near: VenuesNearCells, distancesM: readonly number[]): Candidate[][] {
  return VENUE_KINDS.map((kind) =>
    distancesM.flatMap((distanceM) => {
      const counts = venueCounts(near, kind, distanceM);
      const densityMin = densityThreshold(counts);
      const variables: Candidate[] = [
        { kind, measure: 'proximity', distanceM, minVenues: 1, column: indicator(counts, 1) },
      ];
      if (densityMin > 1) {
        variables.push({
          kind,
          measure: 'density',
          distanceM,
          minVenues: densityMin,
          column: indicator(counts, densityMin),
        });
      }
      return variables.filter((v) => !isConstant(v.column));
    }),
  );
}

/** Smallest whole venue count above mean + 2·SD (population SD) of the counts over cells. */
function densityThreshold(counts: Int32Array): number {
  const n = counts.length;
  const mean = counts.reduce((s, c) => s + c, 0) / n;
  const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / n;
  return Math.floor(mean + 2 * Math.sqrt(variance)) + 1;
}

function indicator(counts: Int32Array, minVenues: number): Float64Array {
  return Float64Array.from(counts, (c) => (c >= minVenues ? 1 : 0));
}

function isConstant(column: Float64Array): boolean {
  return column.every((v) => v === column[0]);
}

/** The selected joint model, or why none is left. */
function selectFactors(y: Float64Array, candidatesByKind: readonly Candidate[][]): JointModel | string {
  if (candidatesByKind.every((c) => c.length === 0)) {
    return 'no venue variable varies across the cells (no venue of any kind near some cells but not others)';
  }
  const screened = candidatesByKind
    .map((candidates) => bestOperationalisation(y, candidates))
    .filter((c): c is ScreenedCandidate => c !== null)
    .sort((a, b) => a.aic - b.aic);
  if (screened.length === 0) {
    return `no venue kind is positively and significantly (p < ${SCREEN_ALPHA}) associated with incidents on its own`;
  }
  const eliminated = backwardEliminationByBic(y, jointFit(y, screened));
  if (eliminated.variables.length === 0) return 'no venue factor is left after backward elimination by BIC';
  const model = positiveFactorsOnly(y, eliminated);
  if (model.variables.length === 0) return 'no venue factor keeps a positive coefficient in the joint model';
  return model;
}

/**
 * The kind's operationalisation with the lowest univariate AIC, if its coefficient is positive and
 * significant; a variable that cannot be fitted alone (separation) is not a candidate.
 */
function bestOperationalisation(y: Float64Array, candidates: readonly Candidate[]): ScreenedCandidate | null {
  let best: { candidate: Candidate; fit: PoissonFit } | null = null;
  for (const candidate of candidates) {
    const fit = fitOrNull(y, [candidate]);
    if (fit && (best === null || fit.aic < best.fit.aic)) best = { candidate, fit };
  }
  if (best === null) return null;
  const coefficient = best.fit.coefficients[1] ?? 0;
  const pValue = best.fit.pValues[1] ?? 1;
  return coefficient > 0 && pValue < SCREEN_ALPHA ? { ...best.candidate, aic: best.fit.aic } : null;
}

/** The joint fit of `variables`, dropping any that is a linear combination of those before it. */
function jointFit(y: Float64Array, variables: readonly Candidate[]): JointModel {
  let kept = [...variables];
  for (;;) {
    try {
      return { variables: kept, fit: fitVariables(y, kept) };
    } catch (error) {
      if (!(error instanceof PoissonFitError && error.failure === 'collinear' && error.covariate !== null)) {
        throw error;
      }
      const redundant = error.covariate;
      kept = kept.filter((_, j) => j !== redundant);
    }
  }
}

/** Drops the variable whose removal lowers BIC most, while some removal lowers it. */
function backwardEliminationByBic(y: Float64Array, start: JointModel): JointModel {
  let model = start;
  for (;;) {
    let best: JointModel | null = null;
    for (const dropped of model.variables) {
      const variables = model.variables.filter((v) => v !== dropped);
      const fit = fitOrNull(y, variables);
      if (fit && fit.bic < (best ?? model).fit.bic) best = { variables, fit };
    }
    if (best === null) return model;
    model = best;
  }
}

/** Drops the factors with a non-positive coefficient and refits, until every coefficient is positive. */
function positiveFactorsOnly(y: Float64Array, start: JointModel): JointModel {
  let model = start;
  for (;;) {
    const variables = model.variables.filter((_, j) => (model.fit.coefficients[j + 1] ?? 0) > 0);
    if (variables.length === model.variables.length) return model;
    model = { variables, fit: fitVariables(y, variables) };
  }
}

function fitVariables(y: Float64Array, variables: readonly Candidate[]): PoissonFit {
  const columns = variables.map((v) => v.column);
  return fitPoisson(y, columns);
}

/** The fit, or null when the model has no estimate (separation, collinearity, no convergence). */
function fitOrNull(y: Float64Array, variables: readonly Candidate[]): PoissonFit | null {
  try {
    return fitVariables(y, variables);
  } catch (error) {
    if (error instanceof PoissonFitError) return null;
    throw error;
  }
}

function poissonModel(y: Float64Array, { variables, fit }: JointModel): RiskTerrainModel {
  const factors = variables.map((v, j): RiskFactor => {
    const coefficient = fit.coefficients[j + 1] ?? NaN;
    return {
      kind: v.kind,
      measure: v.measure,
      distanceM: v.distanceM,
      minVenues: v.minVenues,
      coefficient,
      rrv: Math.exp(coefficient),
      standardError: fit.standardErrors[j + 1] ?? null,
      pValue: fit.pValues[j + 1] ?? null,
    };
  });
  return {
    method: 'poisson',
    reason: null,
    factors: strongestFirst(factors),
    intercept: fit.coefficients[0] ?? null,
    fit: {
      cells: y.length,
      cellsWithIncidents: y.filter((v) => v > 0).length,
      incidents: y.reduce((s, v) => s + v, 0),
      deviance: fit.deviance,
      nullDeviance: fit.nullDeviance,
      aic: fit.aic,
      bic: fit.bic,
      dispersion: fit.dispersion,
    },
  };
}

function expertWeightsModel(reason: string): RiskTerrainModel {
  const factors = VENUE_KINDS.map((kind): RiskFactor => ({
    kind,
    measure: 'proximity',
    distanceM: EXPERT_DISTANCE_M,
    minVenues: 1,
    coefficient: Math.log(EXPERT_RELATIVE_RISK[kind]),
    rrv: EXPERT_RELATIVE_RISK[kind],
    standardError: null,
    pValue: null,
  }));
  return { method: 'expert-weights', reason, factors: strongestFirst(factors), intercept: null, fit: null };
}

/** Highest RRV first; ties keep their order (kinds in VENUE_KINDS order). */
function strongestFirst(factors: readonly RiskFactor[]): RiskFactor[] {
  return [...factors].sort((a, b) => b.rrv - a.rrv);
}

// ---------------------------------------------------------------------------------------------------------
// Input checks

function validatedDistances(distancesM: readonly number[]): number[] {
  if (distancesM.length === 0) throw new RangeError('risk terrain: no spatial-influence distance given');
  for (const d of distancesM) {
    if (!(Number.isFinite(d) && d > 0)) throw new RangeError(`risk terrain: distance ${d} m is not positive`);
  }
  return [...new Set(distancesM)].sort((a, b) => a - b);
}

function validatedCounts(counts: ArrayLike<number>, cellCount: number): Float64Array {
  if (counts.length !== cellCount) {
    throw new RangeError(`risk terrain: ${counts.length} counts for ${cellCount} cells`);
  }
  const y = Float64Array.from(counts);
  y.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new RangeError(`risk terrain: count ${i} is ${v}, not a whole number ≥ 0`);
    }
  });
  return y;
}

/** The cells, checked: valid H3 indexes of one resolution, 7 or 8, none listed twice. */
function validatedCells(cells: readonly H3Index[]): readonly H3Index[] {
  const seen = new Set<string>();
  let firstResolution: number | null = null;
  for (const cell of cells) {
    if (!isValidCell(cell)) throw new RangeError(`risk terrain: ${cell} is not an H3 cell`);
    const resolution = getResolution(cell);
    if (resolution !== 7 && resolution !== 8) {
      throw new RangeError(`risk terrain: ${cell} has resolution ${resolution}; expected 7 or 8`);
    }
    firstResolution ??= resolution;
    if (resolution !== firstResolution) {
      throw new RangeError(`risk terrain: mixed resolutions ${firstResolution} and ${resolution} (${cell})`);
    }
    if (seen.has(cell)) throw new RangeError(`risk terrain: ${cell} is listed twice`);
    seen.add(cell);
  }
  return cells;
}

function venueKindIndex(venue: RiskVenue, i: number): number {
  const kind = VENUE_KINDS.indexOf(venue.kind);
  if (kind < 0) throw new RangeError(`risk terrain: venue ${i} has unknown kind ${String(venue.kind)}`);
  if (!(Math.abs(venue.lat) <= 90 && Math.abs(venue.lon) <= 180)) {
    throw new RangeError(`risk terrain: venue ${i} is at lon ${venue.lon}, lat ${venue.lat}`);
  }
  return kind;
}
