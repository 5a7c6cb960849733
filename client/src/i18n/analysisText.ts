/**
 * Plain words for what the analytics endpoints say in codes or English sentences: guard-rail warnings, why a
 * result is withheld, why the risk model fell back to expert weights, risk factor ids, and how far a forecast
 * check says the map can be trusted. Unknown codes and sentences fall back to a generic message that quotes
 * the server.
 */
import type { AnalysisWarning, ForecastFigure, VenueKind, WithheldCode } from '../api/types.ts';
import { HOTSPOT_CLASSES } from '../map/layers/hotspots.ts';
import type { MessageKey, MessageParams } from './index.ts';
import { VENUE_KINDS } from '@titik-rawan/shared/codes';

/** A message to show: its key and the values of its placeholders. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Warning codes of the analytics endpoints that have their own message. */
const WARNING_MESSAGE: Readonly<Record<string, MessageKey>> = {
  few_cells_with_data: 'analysis.warning.fewCellsWithData',
  few_incidents: 'analysis.warning.fewIncidents',
  no_variation: 'analysis.warning.noVariation',
  cells_without_neighbours: 'analysis.warning.cellsWithoutNeighbours',
  edge_cells: 'analysis.warning.edgeCells',
  sparse_steps: 'analysis.warning.sparseSteps',
};

/**
 * The message of a guard-rail warning: `expert_weights` (the risk terrain fell back to expert weights) says why,
 * an unknown code quotes the server's own message.
 */
export function warningMessage(warning: AnalysisWarning): Message {
  if (warning.code === 'expert_weights') return fallbackMessage(warning.message);
  const key = WARNING_MESSAGE[warning.code];
  return key ? { key } : { key: 'analysis.warning.other', params: { message: warning.message } };
}

/** The message of each reason code the server gives for withholding a result. */
const WITHHELD_MESSAGE: Readonly<Record<WithheldCode, MessageKey>> = {
  disclosure: 'analysis.withheld.audit',
  threshold: 'analysis.withheld.rule',
  source: 'analysis.withheld.source',
  too_few_cells: 'analysis.withheld.fewCells',
  too_few_steps: 'analysis.withheld.sparseSteps',
};

/** Why a result is withheld, from the server's reason code; without one, the general explanation. */
export function withheldMessage(withheld: { withheldCode: WithheldCode | null }): Message {
  return {
    key: withheld.withheldCode ? WITHHELD_MESSAGE[withheld.withheldCode] : 'analysis.withheld.general',
  };
}

/** Reasons the server gives for falling back to expert weights, by a pattern of their wording. */
const FALLBACK_MESSAGE: ReadonlyArray<[pattern: RegExp, key: MessageKey]> = [
  [/^only \d+ incidents/, 'model.fallback.fewIncidents'],
  [/^incidents in only \d+ cells/, 'model.fallback.fewCells'],
  [/^no venue variable varies/, 'model.fallback.noVariation'],
  [/^no venue kind is positively/, 'model.fallback.noAssociation'],
  [/^no venue factor is left/, 'model.fallback.noneLeft'],
  [/^no venue factor keeps a positive/, 'model.fallback.noPositive'],
  [/^the Poisson model could not be fitted/, 'model.fallback.notFitted'],
];

/** Why the risk model uses expert weights; an unknown reason quotes the server. */
export function fallbackMessage(reason: string | null): Message {
  const known = reason ? FALLBACK_MESSAGE.find(([pattern]) => pattern.test(reason)) : undefined;
  if (known) return { key: known[1] };
  return reason ? { key: 'model.fallback.other', params: { reason } } : { key: 'model.fallback.general' };
}

/** Whether a value is a venue kind code. */
export function isVenueKind(value: unknown): value is VenueKind {
  return typeof value === 'string' && (VENUE_KINDS as readonly string[]).includes(value);
}

/** A risk factor present in a cell, as the risk terrain names it: `kind:measure:distanceM`. */
export interface FactorId {
  kind: VenueKind;
  measure: 'proximity' | 'density';
  /** Distance within which the venues count, in metres. */
  distanceM: number;
}

/** Parses a factor id such as `hotel:proximity:400`; `null` for anything else. */
export function parseFactorId(text: string): FactorId | null {
  const [kind, measure, distance, ...rest] = text.split(':');
  const distanceM = Number(distance);
  if (rest.length > 0 || !isVenueKind(kind) || !Number.isFinite(distanceM) || distanceM <= 0) return null;
  if (measure !== 'proximity' && measure !== 'density') return null;
  return { kind, measure, distanceM };
}

/** How far a forecast check says a map can be trusted. */
export type ForecastTrust = 'unknown' | 'chance' | 'some' | 'good';

/** PAI from which a map counts as better than chance, and as much better (crime-mapping practice reads ≈ 1 as chance). */
export const PAI_BOUNDS = { some: 1.5, good: 3 } as const;

/** How far to trust a map by its forecast check: unknown when withheld or undefined, else by its PAI. */
export function forecastTrust(figure: ForecastFigure): ForecastTrust {
  if (figure.withheld || figure.pai === null) return 'unknown';
  if (figure.pai >= PAI_BOUNDS.good) return 'good';
  if (figure.pai >= PAI_BOUNDS.some) return 'some';
  return 'chance';
}

/** The words for a cell's Gi* bin: hot or cold spot with its confidence, not significant, or withheld (`null`). */
export function hotspotBinMessage(bin: number | null): Message {
  const item = HOTSPOT_CLASSES.find((candidate) => candidate.bin === bin);
  if (!item) return { key: 'analysis.withheldCells' };
  if (item.confidence === null) return { key: 'hotspots.notSignificant' };
  return { key: item.bin > 0 ? 'hotspots.hot' : 'hotspots.cold', params: { confidence: item.confidence } };
}
