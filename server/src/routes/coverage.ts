// Intervention coverage for the task force, admins and NGOs: which hot or high-risk cells have no intervention
// within the reach S, and per kelurahan the published counts of the four quarters before and after its first
// intervention. Built only from figures the tier already sees (its hot spot bins, the risk terrain, its released
// kelurahan counts) and the interventions it may see: NGOs' answers neither count nor show CCTV.
import {
  apiErrorSchema,
  COVERAGE_CAVEAT,
  coverageQuerySchema,
  coverageSchema,
  type Coverage,
  type H3Index,
} from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { Sql } from '../db/database';
import type { AppEnv } from '../http/env';
import { validate } from '../http/validate';
import { interventionStarts } from '../places/intervention-starts';
import { interventionFeatures, withheldInterventionKinds } from '../places/places';
import {
  coverCells,
  highRiskFrom,
  isHighRisk,
  quartersAround,
  totalIfPublished,
  type QuarterPlace,
} from '../planning/coverage';
import { hotConfidence, publishedCellFigures, requireYearOrQuarter } from '../planning/planning-access';
import { GeographyOutlines } from '../releases/features';
import { releaseMetadata, releaseSeries, type TierRelease } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';
import { analysedOf } from './analytics';
import { conditional, ERRORS, json, releaseAccess, withPlacesVersion } from './release-access';

/** Quarters on each side of the first intervention's quarter. */
const QUARTERS = 4;

/**
 * Which cells are listed and when one is covered, in words. High risk is the risk terrain's top `riskShare` of cells
 * (the share the forecast checks flag): its relative risks are products of several factors' exp(β) and run into the
 * hundreds, so a fixed value such as 2 would list most of the city.
 */
function rule(reachM: number, hotSpotsShown: boolean, riskFrom: number, riskShare: number): string {
  const hot = hotSpotsShown
    ? 'a published hot spot (Gi*, 90, 95 or 99 % confidence) or '
    : '(the hot spot map of the period is withheld for your access tier) ';
  return `Listed: every cell of the chosen resolution that is ${hot}among the highest-risk ${riskShare * 100} % of cells in the risk terrain of the period: a published relative risk of ${riskFrom.toPrecision(4)} or more (a cell without any risk factor, relative risk 1, never counts). Covered: at least one recorded intervention (of any kind you may see, whenever it began) lies inside the cell's hexagon or within ${reachM} m of its centre. Interventions known only by kelurahan have no position and cover no cell.`;
}

const METHOD = `For each kelurahan with at least one intervention: the date of its first, and your tier's published incident counts of the kelurahan in the ${QUARTERS} quarters before and the ${QUARTERS} after that quarter (the quarter itself left out), whatever period is chosen. A suppressed count stays suppressed, and a side's total is given only when all its quarters are published. Quarters not wholly inside the data are "not yet" (after) or "before the data".`;

/** The published counts of a kelurahan's quarters, or the reason there is none. */
function quarterFigures(
  release: TierRelease,
  code: string,
  quarters: readonly { quarter: string; place: QuarterPlace }[],
  category: string,
) {
  const inData = quarters.filter((q) => q.place === 'in_data').map((q) => q.quarter);
  const series = releaseSeries(release, { kind: 'area', level: 'kelurahan', code }, inData, category);
  if (!series) throw new Error(`the release lacks quarters ${inData.join(', ')} of kelurahan ${code}`);
  const published = new Map(series.map((s) => [s.period, s.count]));
  return quarters.map(({ quarter, place }) => {
    if (place !== 'in_data') return { quarter, status: place, count: null };
    const count = published.get(quarter) ?? null;
    return { quarter, status: count === null ? ('suppressed' as const) : ('published' as const), count };
  });
}

/** `GET /api/planning/coverage`. */
export function coverageRoutes(sql: Sql, store: ReleaseStore) {
  const { openCells, answer } = releaseAccess(store);
  const outlines = new GeographyOutlines(store.geography);
  const kelurahanNames = new Map(store.geography.kelurahan.map((area) => [area.code, area.name]));
  return new Hono<AppEnv>().get(
    '/coverage',
    describeRoute({
      tags: ['planning'],
      summary:
        'Which hot or high-risk cells have an intervention within the reach S, and before/after counts per kelurahan',
      description: `Cells: published hot spots (bin > 0) and the cells of highest published relative risk (the risk terrain's top 10 %, as the forecast checks flag, ties included); covered when an intervention lies inside the cell or within the reach (coverage, metres) of its centre. ${METHOD} ${COVERAGE_CAVEAT} NGO accounts: CCTV neither counts nor shows.`,
      responses: {
        200: {
          description: 'Listed cells with their coverage, and before/after figures',
          content: json(coverageSchema),
        },
        ...ERRORS,
        401: { description: 'Not signed in', content: json(apiErrorSchema) },
      },
    }),
    validate('query', coverageQuerySchema),
    async (c) => {
      const query = c.req.valid('query');
      const tier = c.get('tier');
      const opened = await openCells(c, query);
      const { current, release, period, resolution } = opened;
      requireYearOrQuarter(period, 'coverage');
      const version = await withPlacesVersion(sql, current.version);
      if (conditional(c, version)) return c.body(null, 304);
      return answer(c, version, async () => {
        const figures = publishedCellFigures({
          ...opened,
          tier,
          geography: store.geography,
          category: query.category,
        });
        const hotSpotsWithheld = figures.hotSpotsWithheld;
        const riskShare = analysedOf(current).analytics.options.riskForecastShare;
        const riskFrom = highRiskFrom(
          figures.cells.map((cell) => cell.risk),
          riskShare,
        );

        const listed = figures.cells.flatMap(({ cell, lon, lat, bin, risk: relativeRisk }) => {
          if (bin <= 0 && !isHighRisk(relativeRisk, riskFrom)) return [];
          return [{ cell, resolution, lon, lat, hotConfidence: hotConfidence(bin), relativeRisk }];
        });
        listed.sort(
          (a, b) => (b.hotConfidence ?? 0) - (a.hotConfidence ?? 0) || b.relativeRisk - a.relativeRisk,
        );

        const withheldKinds = withheldInterventionKinds(tier);
        const [interventions, starts] = await Promise.all([
          interventionFeatures(sql, withheldKinds),
          interventionStarts(sql, withheldKinds),
        ]);
        const sites = interventions.map((site) => ({
          kind: site.properties.kind,
          lon: site.geometry.coordinates[0],
          lat: site.geometry.coordinates[1],
        }));
        const coverage = coverCells(listed, sites, query.coverage);
        const cells: Coverage['cells'] = listed.map((cell, i) => {
          const { covered, nearestM, kinds } = coverage[i] ?? { covered: false, nearestM: null, kinds: [] };
          return {
            type: 'Feature',
            id: cell.cell,
            geometry: outlines.cell(resolution, cell.cell as H3Index),
            properties: {
              cell: cell.cell,
              resolution,
              hotConfidence: cell.hotConfidence,
              relativeRisk: cell.relativeRisk,
              covered,
              nearestM: nearestM === null ? null : Math.round(nearestM / 10) * 10,
              coveringKinds: [...kinds],
            },
          };
        });
        const coveredCells = cells.filter((cell) => cell.properties.covered).length;

        const kelurahan = starts.map((start) => {
          const around = quartersAround(start.firstOn, current.set.span, QUARTERS);
          const before = quarterFigures(release, start.kelurahan, around.before, query.category);
          const after = quarterFigures(release, start.kelurahan, around.after, query.category);
          return {
            code: start.kelurahan,
            name: kelurahanNames.get(start.kelurahan) ?? start.kelurahan,
            firstIntervention: start.firstOn,
            quarter: around.quarter,
            interventions: start.interventions,
            before,
            after,
            beforeTotal: totalIfPublished(before.map((q) => q.count)),
            afterTotal: totalIfPublished(after.map((q) => q.count)),
          };
        });

        const body: Coverage = {
          release: releaseMetadata(release, period.key, query.category, current.synthetic),
          resolution,
          coverageM: query.coverage,
          rule: rule(query.coverage, !hotSpotsWithheld, riskFrom, riskShare),
          highRiskFrom: riskFrom,
          hotSpotsWithheld,
          withheldKinds,
          interventions: sites.length,
          totals: {
            cells: cells.length,
            covered: coveredCells,
            share: cells.length > 0 ? coveredCells / cells.length : null,
          },
          cells,
          beforeAfter: { caveat: COVERAGE_CAVEAT, method: METHOD, category: query.category, kelurahan },
        };
        return c.json(body, 200);
      });
    },
  );
}
