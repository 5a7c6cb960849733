// A shift's patrol after the hot-spot policing evidence the field trusts: a handful of micro-places (published
// cells) drawn from the highest-weighted hot and emerging hot spots, visited in a short route with 10–15 minute
// stops (the "Koper curve"). Which places, where the route starts and how long each stop lasts are drawn at
// random from a seed made of the date and the shift, so a plan is the same whenever it is asked for again but
// differs from shift to shift and cannot be predicted from the last one.
import { createHash } from 'node:crypto';
import { createRandom, type Random } from '@titik-rawan/db/seed/random.ts';
import { localPlane } from '../geography/point-grid';
import { planRoute, routeLength } from './patrol-route';

/** A micro-place that may be patrolled: a position in degrees and its weight (> 0). */
export interface PatrolCandidate {
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/** What a plan is made for. */
export interface PatrolRequest {
  /** The shift's date, YYYY-MM-DD, and its name: together they seed the plan. */
  readonly date: string;
  readonly shift: string;
  /** How many stops. */
  readonly stops: number;
  readonly candidates: readonly PatrolCandidate[];
}

/** One stop of a plan, in visiting order. */
export interface PatrolStop {
  /** Index into the request's candidates. */
  readonly candidate: number;
  /** Straight-line metres from the previous stop (0 for the first). */
  readonly legMetres: number;
  /** Minutes of driving from the previous stop (0 for the first). */
  readonly travelMinutes: number;
  /** Minutes after the shift's start when the stop begins. */
  readonly arriveAfterMinutes: number;
  readonly stopMinutes: number;
}

/** A patrol plan. */
export interface PatrolPlan {
  readonly stops: readonly PatrolStop[];
  /** Candidates the stops were drawn from (the highest-weighted, twice as many as stops where there are). */
  readonly pool: number;
  readonly routeMetres: number;
  readonly totalMinutes: number;
}

/** Shortest and longest stop, in minutes. */
export const STOP_MINUTES = { min: 10, max: 15 } as const;

/** Road distance over straight-line distance assumed for travel times in the city. */
export const DETOUR_FACTOR = 1.4;

/** Assumed average patrol-car speed through East Jakarta traffic, km/h. */
export const PATROL_SPEED_KMH = 20;

/** The generator of one date and shift: the first 32 bits of SHA-256 of "date|shift". */
export function patrolRandom(date: string, shift: string): Random {
  const digest = createHash('sha256').update(`${date}|${shift}`).digest();
  return createRandom(digest.readUInt32BE(0), 0);
}

/**
 * Draws `count` of the candidates without replacement, each with probability proportional to its weight
 * (Efraimidis–Spirakis: the largest keys log(u) / w).
 */
function drawWeighted(weights: readonly number[], count: number, random: Random): number[] {
  return weights
    .map((weight, index) => ({ index, key: Math.log(1 - random.next()) / weight }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map(({ index }) => index);
}

/** Makes the plan of one shift. */
export function planPatrol(request: PatrolRequest): PatrolPlan {
  if (!Number.isInteger(request.stops) || request.stops < 1) {
    throw new RangeError(`the number of stops must be a whole number ≥ 1, not ${request.stops}`);
  }
  const random = patrolRandom(request.date, request.shift);
  const pool = request.candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => candidate.weight > 0)
    .sort((a, b) => b.candidate.weight - a.candidate.weight || a.index - b.index)
    .slice(0, 2 * request.stops);
  const drawn = drawWeighted(
    pool.map(({ candidate }) => candidate.weight),
    request.stops,
    random,
  ).flatMap((i) => pool[i] ?? []);
  const first = drawn[0];
  if (!first) return { stops: [], pool: 0, routeMetres: 0, totalMinutes: 0 };

  const project = localPlane(first.candidate.lat, first.candidate.lon);
  const points = drawn.map(({ candidate }) => {
    const [x, y] = project(candidate.lat, candidate.lon);
    return { x, y };
  });
  const order = planRoute(points, random.int(drawn.length));
  const metresPerMinute = (PATROL_SPEED_KMH * 1000) / 60;
  let clock = 0;
  let previous: number | null = null;
  const stops: PatrolStop[] = [];
  for (const index of order) {
    const legMetres = previous === null ? 0 : routeLength(points, [previous, index]);
    const travelMinutes = Math.round((legMetres * DETOUR_FACTOR) / metresPerMinute);
    const stopMinutes = STOP_MINUTES.min + random.int(STOP_MINUTES.max - STOP_MINUTES.min + 1);
    const arriveAfterMinutes = clock + travelMinutes;
    clock = arriveAfterMinutes + stopMinutes;
    previous = index;
    stops.push({
      candidate: drawn[index]?.index ?? -1,
      legMetres,
      travelMinutes,
      arriveAfterMinutes,
      stopMinutes,
    });
  }
  return { stops, pool: pool.length, routeMetres: routeLength(points, order), totalMinutes: clock };
}
