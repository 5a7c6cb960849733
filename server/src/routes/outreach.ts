// Outreach priorities for NGOs and the task force: every kelurahan with the figures its priority is scored from —
// the released count of the caller's tier (suppressed stays null), incidents per 10,000 residents, the strongest
// published hot spot and the most pressing published trend of its cells, its kost, lodging and schools, and the
// interventions made there so far. The score itself is computed from these by `@titik-rawan/shared/outreach`,
// in the dashboard, so that a person can move the weights and see the ranking change.
import {
  apiErrorSchema,
  OUTREACH_NOTICE,
  outreachQuerySchema,
  outreachSchema,
  type Outreach,
} from '@titik-rawan/shared';
import {
  DEFAULT_OUTREACH_WEIGHTS,
  OUTREACH_COMPONENT_DESCRIPTIONS,
  OUTREACH_COMPONENTS,
  ratePer10k,
} from '@titik-rawan/shared/outreach';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { emergingKey, hotspotKey } from '../analytics/analytics-set';
import type { Sql } from '../db/database';
import type { AppEnv } from '../http/env';
import { validate } from '../http/validate';
import { withheldInterventionKinds } from '../places/places';
import {
  CELLS_OF_KELURAHAN,
  cellsOfKelurahan,
  kelurahanPlaces,
  lastDayOf,
  pressingTrendOf,
  strongestHotspot,
} from '../planning/outreach';
import { resolutionsOf } from '../releases/policy';
import { releaseAreas, releaseMetadata } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';
import { analysedOf, notComputed, withheldFor } from './analytics';
import { conditional, ERRORS, json, releaseAccess, withPlacesVersion } from './release-access';

/** `GET /api/planning/outreach`. */
export function outreachRoutes(sql: Sql, store: ReleaseStore) {
  const { openRelease, answer } = releaseAccess(store);
  const kecamatanNames = new Map(store.geography.kecamatan.map((area) => [area.code, area.name]));
  return new Hono<AppEnv>().get(
    '/planning/outreach',
    describeRoute({
      tags: ['planning'],
      summary:
        'Every kelurahan with the figures of its outreach priority, for NGOs, the task force and admins',
      description: `Released counts are those of the caller’s tier (a suppressed count stays null). Hot spot and trend classes come from the tier’s published H3 cells of its finest resolution: ${CELLS_OF_KELURAHAN} Trends are the emerging hot spot classes over quarterly steps. Interventions count when started by the period’s last day; kinds the tier may not see (CCTV for NGOs) are not counted. Each component’s default weight and its normalisation come with the answer. ${OUTREACH_NOTICE}`,
      responses: {
        200: { description: 'Every kelurahan in code order', content: json(outreachSchema) },
        ...ERRORS,
        401: { description: 'Not signed in', content: json(apiErrorSchema) },
        503: { description: 'The figures or analyses are not ready yet', content: json(apiErrorSchema) },
      },
    }),
    validate('query', outreachQuerySchema),
    async (c) => {
      const query = c.req.valid('query');
      const tier = c.get('tier');
      const { current, release, period } = await openRelease(c, query.period);
      const version = await withPlacesVersion(sql, current.version);
      if (conditional(c, version)) return c.body(null, 304);
      return answer(c, version, async () => {
        const areas = releaseAreas(release, store.geography, 'kelurahan', period.key, query.category);
        if (!areas) throw notComputed(`kelurahan counts for ${period.key}`);
        const { analytics, publication } = analysedOf(current);
        const resolution = resolutionsOf(release.policy).at(-1) ?? 7;
        const hot = analytics.hotspots.get(hotspotKey(resolution, period.key, query.category));
        if (!hot) throw notComputed(`hot spots for ${period.key}`);
        const hotHeld = withheldFor(publication, tier, hot.key);
        const emerging = analytics.emerging.get(emergingKey(resolution, 'quarter', query.category));
        const trendHeld = emerging
          ? withheldFor(publication, tier, emerging.key)
          : {
              withheld: true,
              withheldCode: 'too_few_steps' as const,
              withheldReason: 'The data span fewer than four complete quarters: there is no trend to show.',
            };
        const withheldKinds = withheldInterventionKinds(tier);
        const until = lastDayOf(period);
        const places = new Map(
          (await kelurahanPlaces(sql, until, withheldKinds)).map((place) => [place.code, place]),
        );
        const cellsOf = cellsOfKelurahan(store.geography, resolution);
        const parentOf = new Map(store.geography.kelurahan.map((area) => [area.code, area.parentCode]));

        const body: Outreach = {
          release: releaseMetadata(release, period.key, query.category, current.synthetic),
          notice: OUTREACH_NOTICE,
          hotspots: { resolution, period: period.key, ...hotHeld },
          trend: { resolution, step: 'quarter', steps: emerging?.steps ?? [], ...trendHeld },
          cells: CELLS_OF_KELURAHAN,
          interventionsUntil: until,
          withheldKinds,
          components: OUTREACH_COMPONENTS.map((id) => ({
            id,
            defaultWeight: DEFAULT_OUTREACH_WEIGHTS[id],
            description: OUTREACH_COMPONENT_DESCRIPTIONS[id],
          })),
          kelurahan: areas.map(({ code, name, count, suppressed }) => {
            const place = places.get(code);
            if (!place) throw new Error(`kelurahan ${code} of the release geography is not in admin_areas`);
            const cells = cellsOf.get(code) ?? [];
            return {
              code,
              name,
              kecamatan: kecamatanNames.get(parentOf.get(code) ?? '') ?? '',
              population: place.population,
              count,
              suppressed,
              ratePer10k: count === null ? null : ratePer10k(count, place.population),
              hotspotConfidence: hotHeld.withheld ? null : strongestHotspot(hot.bins, cells),
              trend: emerging && !trendHeld.withheld ? pressingTrendOf(emerging.classes, cells) : null,
              venues: place.venues,
              interventions: place.interventions,
            };
          }),
        };
        return c.json(body, 200);
      });
    },
  );
}
