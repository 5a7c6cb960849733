import { z } from './zod';
import { AREA_LEVELS, INCIDENT_CATEGORIES, ROLES } from './codes';

export {
  INCIDENT_CATEGORIES,
  type IncidentCategory,
  VENUE_KINDS,
  type VenueKind,
  INTERVENTION_KINDS,
  type InterventionKind,
  ROLES,
  type Role,
  TIERS,
  type Tier,
  AREA_LEVELS,
  type AreaLevel,
} from './codes';

/** Zod schema of an incident category code. */
export const incidentCategorySchema = z.enum(INCIDENT_CATEGORIES);
/** Zod schema of a role. */
export const roleSchema = z.enum(ROLES);
/** Zod schema of an administrative level. */
export const areaLevelSchema = z.enum(AREA_LEVELS);
