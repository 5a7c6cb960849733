// The task force's patrol plan for one shift: a few micro-places from the published hot and emerging hot spots,
// in a short route with unpredictable 10–15 minute stops, and the coarse time-of-week profile of the year.
import {
  apiErrorSchema,
  type H3Index,
  PATROL_NOTICE,
  patrolPlanSchema,
  patrolQuerySchema,
} from '@titik-rawan/shared';
import { TIME_BAND_START_HOUR } from '@titik-rawan/shared/codes';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../http/env';
import { validate } from '../http/validate';
import { jakartaToday } from '@titik-rawan/shared/codes';
import { DETOUR_FACTOR, PATROL_SPEED_KMH, planPatrol, STOP_MINUTES } from '../planning/patrol';
import { hotConfidence, publishedCellFigures, requireYearOrQuarter } from '../planning/planning-access';
import {
  busiestTimes,
  emptyProfile,
  PROFILE_BANDS,
  protectProfile,
  WEEKDAYS,
} from '../planning/time-profile';
import type { ReleaseGeography } from '../releases/geography';
import { releaseMetadata } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';
import { conditional, ERRORS, json, releaseAccess } from './release-access';

const METHOD = `Candidates are the published hot spots (90/95/99 %) and the cells whose emerging class by quarter is a new, consecutive, intensifying or persistent hot spot, weighted by relative risk × (1 + hot spot bin) × 1.5 when emerging. The stops are drawn by weight from the twice-as-many highest-weighted candidates, the route starts at a drawn stop and is ordered by nearest neighbour then 2-opt on straight-line distance; travel time assumes ${DETOUR_FACTOR}× the straight line at ${PATROL_SPEED_KMH} km/h; each stop lasts ${STOP_MINUTES.min}–${STOP_MINUTES.max} minutes. Every draw is seeded by the date and shift: the same plan on asking again, a different one next shift.`;

const PROFILE_NOTE =
  'All of East Jakarta, every category, one calendar year, by day of the week and time band; counts from 1 to k − 1 and enough others to protect them are withheld (shown empty).';

/** Weight of an emerging hot spot against a cell that is only hot. */
const EMERGING_WEIGHT = 1.5;

/** "HH:MM" of minutes after midnight (wrapping past 24:00). */
function clockTime(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The kelurahan holding most of a published cell's base cells. */
function kelurahanOfCell(geography: ReleaseGeography, cell: H3Index): { code: string; name: string } | null {
  const votes = new Map<string, number>();
  for (const base of geography.baseCellsOfCell.get(cell) ?? []) {
    const code = geography.kelurahanOfBaseCell.get(base);
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  const [code] = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  const area = geography.kelurahan.find((candidate) => candidate.code === code);
  return area ? { code: area.code, name: area.name } : null;
}

/** The patrol endpoint. */
export function patrolRoutes(store: ReleaseStore) {
  const { openCells, answer } = releaseAccess(store);
  return new Hono<AppEnv>().get(
    '/planning/patrol',
    describeRoute({
      tags: ['planning'],
      summary:
        'A shift’s patrol: a few hot-spot cells in a short route with unpredictable stops, for the task force',
      description: `${METHOD} ${PATROL_NOTICE} The time-of-week profile: ${PROFILE_NOTE}`,
      responses: {
        200: {
          description: 'The stops in visiting order and the time profile',
          content: json(patrolPlanSchema),
        },
        ...ERRORS,
        401: { description: 'Not signed in', content: json(apiErrorSchema) },
      },
    }),
    validate('query', patrolQuerySchema),
    async (c) => {
      const query = c.req.valid('query');
      const tier = c.get('tier');
      const date = query.date ?? jakartaToday();
      const opened = await openCells(c, query);
      const { current, release, period, resolution } = opened;
      requireYearOrQuarter(period, 'a patrol plan');
      // A plan without a date is for today: the date is part of what the answer is kept under.
      const version = `${current.version}.${date}`;
      if (conditional(c, version)) return c.body(null, 304);
      return answer(c, version, () => {
        const figures = publishedCellFigures({
          ...opened,
          tier,
          geography: store.geography,
          category: query.category,
        });
        const candidates = figures.cells.filter((cell) => cell.bin > 0 || cell.pressing);
        const plan = planPatrol({
          date,
          shift: query.shift,
          stops: query.stops,
          candidates: candidates.map((cell) => ({
            lon: cell.lon,
            lat: cell.lat,
            weight: cell.risk * (1 + Math.max(cell.bin, 0)) * (cell.pressing ? EMERGING_WEIGHT : 1),
          })),
        });

        const year = Number(period.key.slice(0, 4));
        const threshold = release.policy.threshold;
        const profile = protectProfile(current.timeProfiles.get(year) ?? emptyProfile(), threshold);
        const startMinutes = TIME_BAND_START_HOUR[query.shift] * 60;
        return c.json(
          {
            release: releaseMetadata(release, period.key, query.category, current.synthetic),
            notice: PATROL_NOTICE,
            method: METHOD,
            date,
            shift: query.shift,
            startsAt: clockTime(startMinutes),
            resolution,
            pool: plan.pool,
            routeKm: Math.round(plan.routeMetres / 100) / 10,
            totalMinutes: plan.totalMinutes,
            stops: plan.stops.flatMap((stop, index) => {
              const cell = candidates[stop.candidate];
              if (!cell) return [];
              return [
                {
                  order: index + 1,
                  cell: cell.cell,
                  kelurahan: kelurahanOfCell(store.geography, cell.cell),
                  hotConfidence: hotConfidence(cell.bin),
                  emerging: cell.emerging,
                  coordinates: [cell.lon, cell.lat] as [number, number],
                  travelMinutes: stop.travelMinutes,
                  arriveAt: clockTime(startMinutes + stop.arriveAfterMinutes),
                  stopMinutes: stop.stopMinutes,
                },
              ];
            }),
            timeProfile: {
              year,
              threshold,
              days: [...WEEKDAYS],
              bands: [...PROFILE_BANDS],
              values: profile.values,
              suppressed: profile.suppressed,
              withheld: profile.withheld,
              busiest: busiestTimes(profile),
              note: PROFILE_NOTE,
            },
          },
          200,
        );
      });
    },
  );
}
