// Planning tools on the published analyses. Placement: given p sites, the venue kinds they may go on, a coverage
// distance and the existing banners or cameras, the venues that cover the most risk (maximal covering, greedy).
// Demand is each cell's published relative risk (risk terrain), doubled to quadrupled in published hot spots of
// 90/95/99 %: only figures the tier already sees, so the ranking gives nothing more away.
import {
  apiErrorSchema,
  PLACEMENT_NOTICE,
  placementQuerySchema,
  placementsSchema,
} from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { Sql } from '../db/database';
import type { AppEnv } from '../http/env';
import { validate } from '../http/validate';
import { interventionFeatures, venueFeatures } from '../places/places';
import { coverGreedily } from '../planning/covering';
import { publishedCellFigures, requireYearOrQuarter } from '../planning/planning-access';
import { releaseMetadata } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';
import { conditional, ERRORS, json, releaseAccess, withPlacesVersion } from './release-access';

const DEMAND =
  'Each cell of the chosen resolution weighs its relative risk from the risk terrain of the period, times 2, 3 or 4 when it is a published hot spot at 90, 95 or 99 % confidence; demand sits at the cell’s centre.';

/** The planning endpoints. */
export function planningRoutes(sql: Sql, store: ReleaseStore) {
  const { openCells, answer } = releaseAccess(store);
  return new Hono<AppEnv>().get(
    '/planning/placements',
    describeRoute({
      tags: ['planning'],
      summary:
        'Where p banners or cameras cover the most risk (maximal covering, greedy), for the task force',
      description: `${DEMAND} Existing banners or cameras (interventions) count as placed; chosen venues are ranked by the demand each adds within the coverage distance. ${PLACEMENT_NOTICE}`,
      responses: {
        200: { description: 'The suggested sites in the order chosen', content: json(placementsSchema) },
        ...ERRORS,
        401: { description: 'Not signed in', content: json(apiErrorSchema) },
      },
    }),
    validate('query', placementQuerySchema),
    async (c) => {
      const query = c.req.valid('query');
      const tier = c.get('tier');
      const opened = await openCells(c, query);
      const { current, release, period, resolution } = opened;
      requireYearOrQuarter(period, 'placement');
      const version = await withPlacesVersion(sql, current.version);
      if (conditional(c, version)) return c.body(null, 304);
      return answer(c, version, async () => {
        const demand = publishedCellFigures({
          ...opened,
          tier,
          geography: store.geography,
          category: query.category,
        }).cells.map((cell) => ({
          lon: cell.lon,
          lat: cell.lat,
          weight: cell.risk * (1 + Math.max(cell.bin, 0)),
        }));

        const kinds = new Set(query.kinds);
        const [candidates, interventions] = await Promise.all([
          venueFeatures(sql, [...kinds]),
          interventionFeatures(sql, []),
        ]);
        const existing = interventions.filter((site) => site.properties.kind === query.intervention);
        const toSite = (coordinates: [number, number]) => ({ lon: coordinates[0], lat: coordinates[1] });
        const plan = coverGreedily({
          demand,
          candidates: candidates.map((venue) => toSite(venue.geometry.coordinates)),
          existing: existing.map((site) => toSite(site.geometry.coordinates)),
          coverageM: query.coverage,
          sites: query.sites,
        });
        const share = (weight: number) => (plan.totalWeight > 0 ? weight / plan.totalWeight : 0);
        return c.json(
          {
            release: releaseMetadata(release, period.key, query.category, current.synthetic),
            notice: PLACEMENT_NOTICE,
            resolution,
            coverageM: query.coverage,
            intervention: query.intervention,
            kinds: [...kinds],
            demand: DEMAND,
            existingSites: existing.length,
            candidates: candidates.length,
            existingShare: share(plan.existingWeight),
            coveredShare: share(plan.coveredWeight),
            sites: plan.chosen.flatMap(({ candidate, addedWeight }, index) => {
              const venue = candidates[candidate];
              if (!venue) return [];
              const { kind, name } = venue.properties;
              return [
                {
                  rank: index + 1,
                  venue: { id: venue.id, kind, name, coordinates: venue.geometry.coordinates },
                  addedShare: share(addedWeight),
                },
              ];
            }),
          },
          200,
        );
      });
    },
  );
}
