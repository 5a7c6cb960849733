/**
 * The only place the dashboard talks to the server: the typed `hc<AppType>` client, functions per
 * endpoint, and URL builders for resources MapLibre fetches itself.
 */
import type { AppType } from '@titik-rawan/server';
import type { TimeBand } from '@titik-rawan/shared/codes';
import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import type {
  Account,
  AreaCollection,
  AreaLevel,
  ApiErrorBody,
  AuditFilter,
  AuditPage,
  CategoryFilter,
  CellResolution,
  ClientConfig,
  Coverage,
  Health,
  ImportBatch,
  ImportCheck,
  ImportJob,
  Intervention,
  InterventionCollection,
  Outreach,
  Organisations,
  PatrolPlan,
  PlaceSummary,
  Placements,
  ReleasedAreaCollection,
  ReleasedCellCollection,
  ReleaseMetadata,
  ReleaseSeries,
  SessionUser,
  VenueCollection,
  VenueKind,
} from './types.ts';

/** Why a call to the API failed: an HTTP status with the server's error code, or no answer at all. */
export class ApiError extends Error {
  /** HTTP status of the answer; `0` when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code from the `{"error":{"code"}}` body, `network` or `bad_response`. */
  readonly code: string;

  /** Builds an error from a status, a code and the server's (developer-facing) message. */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** The typed API client: paths, parameters and response types come from the server's `AppType`. */
export const api = hc<AppType>('/api', { init: { credentials: 'same-origin' } });

/** Awaits an API call and returns its JSON body unchecked, turning every failure into an {@link ApiError}. */
async function readBody(send: () => Promise<Response>): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await send();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
  }
  if (response.status === 204) return { status: 204, body: undefined };
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message);
    throw new ApiError(response.status, 'http_error', response.statusText);
  }
  if (body === undefined) throw new ApiError(response.status, 'bad_response', 'response is not JSON');
  return { status: response.status, body };
}

/** Awaits an API call and returns its JSON body as the route's declared type. */
async function call<T>(send: () => Promise<ClientResponse<T>>): Promise<T> {
  const { body } = await readBody(send);
  return body as T;
}

/**
 * Awaits a call of a route that answers 304 when the browser holds its answer: the route's type includes the
 * bodiless 304, which fetch turns back into the cached 200 body.
 */
async function callConditional<T>(send: () => Promise<ClientResponse<T>>): Promise<NonNullable<T>> {
  return (await call(send)) as NonNullable<T>;
}

/** What checks a response body against a schema: a zod schema's `safeParse` fits. */
export interface ResponseParser<T> {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** Awaits an API call and checks its JSON body against `schema`; a body that does not fit is `bad_response`. */
export async function callParsed<T>(send: () => Promise<Response>, schema: ResponseParser<T>): Promise<T> {
  const { status, body } = await readBody(send);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(status, 'bad_response', parsed.error.message);
  return parsed.data;
}

/** `GET /api/health`: whether the server runs, on which database, and whether data is synthetic. */
export function fetchHealth(): Promise<Health> {
  return call(() => api.health.$get());
}

/** `GET /api/config`: runtime settings such as an external basemap style URL. */
export function fetchClientConfig(): Promise<ClientConfig> {
  return call(() => api.config.$get());
}

/** `GET /api/auth/me`: the signed-in account, or `null` for the public tier (401). */
export async function fetchCurrentUser(): Promise<SessionUser | null> {
  try {
    return await call(() => api.auth.me.$get());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** `POST /api/auth/login`: starts a session (HttpOnly cookie) and returns the account; 401 on bad credentials. */
export function signIn(username: string, password: string): Promise<SessionUser> {
  return call(() => api.auth.login.$post({ json: { username, password } }));
}

/** `POST /api/auth/logout`: ends the current session (204); a session the server no longer knows (401) counts as ended. */
export async function signOut(): Promise<void> {
  try {
    await call(() => api.auth.logout.$post());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

/** `GET /api/geography/areas?level=…`: boundaries of the city, its kecamatan or its kelurahan. */
export async function fetchAreas(level: AreaLevel, signal?: AbortSignal): Promise<AreaCollection> {
  const areas = await call(() => api.geography.areas.$get({ query: { level } }, { init: { signal } }));
  // The server builds the geometry with PostGIS (always Polygon or MultiPolygon); refine the loose schema type.
  return areas as unknown as AreaCollection;
}

/** The boundaries the map draws: the city, its kecamatan and its kelurahan. */
export type Boundaries = Readonly<Record<AreaLevel, AreaCollection>>;

/** Every level of {@link fetchAreas} at once. */
export async function fetchBoundaries(signal?: AbortSignal): Promise<Boundaries> {
  const [kota, kecamatan, kelurahan] = await Promise.all([
    fetchAreas('kota', signal),
    fetchAreas('kecamatan', signal),
    fetchAreas('kelurahan', signal),
  ]);
  return { kota, kecamatan, kelurahan };
}

/** `GET /api/releases/metadata`: the release policy, the data span and what the caller's tier may ask for. */
export function fetchReleaseMetadata(signal?: AbortSignal): Promise<ReleaseMetadata> {
  return call(() => api.releases.metadata.$get({}, { init: { signal } }));
}

/** Parameters of `GET /api/releases/cells`: H3 resolution, period (`YYYY`, `YYYY-Qn`, `YYYY-MM`) and category. */
export interface ReleasedCellsQuery {
  resolution: CellResolution;
  period: string;
  category: CategoryFilter;
}

/** Parameters of `GET /api/releases/areas`: area level, period (`YYYY`, `YYYY-Qn`, `YYYY-MM`) and category. */
export interface ReleasedAreasQuery {
  level: AreaLevel;
  period: string;
  category: CategoryFilter;
}

/** `GET /api/releases/cells`: released counts per H3 cell; 403 `not_for_this_tier` beyond the tier's resolution or period. */
export async function fetchReleasedCells(
  query: ReleasedCellsQuery,
  signal?: AbortSignal,
): Promise<ReleasedCellCollection> {
  const cells = await call(() =>
    api.releases.cells.$get(
      {
        query: {
          resolution: String(query.resolution) as '7' | '8',
          period: query.period,
          category: query.category,
        },
      },
      { init: { signal } },
    ),
  );
  // The server builds every cell outline as a GeoJSON Polygon; refine the loose schema type.
  return cells as unknown as ReleasedCellCollection;
}

/** `GET /api/releases/areas`: released counts per kota, kecamatan or kelurahan, outlined by the release geography. */
export async function fetchReleasedAreas(
  query: ReleasedAreasQuery,
  signal?: AbortSignal,
): Promise<ReleasedAreaCollection> {
  const areas = await call(() => api.releases.areas.$get({ query }, { init: { signal } }));
  // The server builds every area outline as a GeoJSON Polygon or MultiPolygon; refine the loose schema type.
  return areas as unknown as ReleasedAreaCollection;
}

/** `GET /api/releases/series`: one cell's or area's released counts for every year, quarter or month. */
export async function fetchReleaseSeries(
  query: { place: string; step: 'year' | 'quarter' | 'month'; category: CategoryFilter },
  signal?: AbortSignal,
): Promise<ReleaseSeries> {
  return callConditional(() => api.releases.series.$get({ query }, { init: { signal } }));
}

/** `GET /api/venues`: every venue as a point (signed-in accounts only; 401 `sign_in_required` otherwise). */
export async function fetchVenues(signal?: AbortSignal): Promise<VenueCollection> {
  const venues = await call(() => api.venues.$get({ query: {} }, { init: { signal } }));
  // The server sends every venue as a GeoJSON Point; refine the schema type to GeoJSON's.
  return venues as unknown as VenueCollection;
}

/** `GET /api/interventions`: located interventions the tier may see (signed-in accounts only). */
export async function fetchInterventions(signal?: AbortSignal): Promise<InterventionCollection> {
  const interventions = await call(() => api.interventions.$get({}, { init: { signal } }));
  // The server sends every intervention as a GeoJSON Point; refine the schema type to GeoJSON's.
  return interventions as unknown as InterventionCollection;
}

/** `GET /api/places/summary`: venues and interventions inside one cell or area, counted by kind. */
export function fetchPlaceSummary(place: string, signal?: AbortSignal): Promise<PlaceSummary> {
  return call(() => api.places.summary.$get({ query: { place } }, { init: { signal } }));
}

/** `GET /api/organisations`: the organisations an intervention may name, and the account's own (signed in only). */
export function fetchOrganisations(signal?: AbortSignal): Promise<Organisations> {
  return call(() => api.organisations.$get({}, { init: { signal } }));
}

/** What an upload to the import endpoints is: kind, format, source organisation (optional) and file name. */
export interface ImportQuery {
  kind: ImportBatch['kind'];
  format: ImportCheck['format'];
  organisation: string | null;
  fileName: string;
}

/** The media type an import file is sent as, by format. */
const IMPORT_MEDIA_TYPES: Readonly<Record<ImportQuery['format'], string>> = {
  csv: 'text/csv',
  geojson: 'application/geo+json',
  osm: 'application/json',
};

/**
 * Sends a file as the raw body of `POST /api/imports/check` or `POST /api/imports` with XMLHttpRequest, so that
 * `onUpload` hears how much of it has gone (fetch cannot tell); resolves to the JSON answer.
 */
function uploadImport<T>(
  path: '/api/imports/check' | '/api/imports',
  file: File,
  query: ImportQuery,
  onUpload: (fraction: number) => void,
): Promise<T> {
  const search = new URLSearchParams({ kind: query.kind, format: query.format, fileName: query.fileName });
  if (query.organisation) search.set('organisation', query.organisation);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${path}?${search.toString()}`);
    request.setRequestHeader('Content-Type', IMPORT_MEDIA_TYPES[query.format]);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onUpload(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the server'));
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300 && body !== undefined) resolve(body as T);
      else if (isErrorBody(body)) reject(new ApiError(request.status, body.error.code, body.error.message));
      else reject(new ApiError(request.status, 'http_error', request.statusText));
    };
    request.send(file);
  });
}

/** `POST /api/imports/check`: what the file holds and what is wrong with it (admins); nothing is stored. */
export function checkImportFile(
  file: File,
  query: ImportQuery,
  onUpload: (fraction: number) => void,
): Promise<ImportCheck> {
  return uploadImport('/api/imports/check', file, query, onUpload);
}

/** `POST /api/imports`: starts importing the file (admins); follow the job with {@link fetchImportJob}. */
export function startImport(
  file: File,
  query: ImportQuery,
  onUpload: (fraction: number) => void,
): Promise<{ jobId: string }> {
  return uploadImport('/api/imports', file, query, onUpload);
}

/** `GET /api/imports/jobs/{id}`: the stage and rows of an import job, and its result once finished. */
export function fetchImportJob(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return call(() => api.imports.jobs[':id'].$get({ param: { id } }, { init: { signal } }));
}

/** `GET /api/imports`: every import, newest first (admins). */
export async function fetchImports(signal?: AbortSignal): Promise<ImportBatch[]> {
  const { imports } = await call(() => api.imports.$get({}, { init: { signal } }));
  return imports;
}

/** `POST /api/imports/{id}/rollback`: deletes the rows of a committed import (admins). */
export function rollBackImport(id: string): Promise<ImportBatch> {
  return call(() => api.imports[':id'].rollback.$post({ param: { id } }));
}

/** Where the CSV template of an import kind downloads from. */
export function importTemplateUrl(kind: ImportQuery['kind']): string {
  return `/api/imports/templates/${kind}`;
}

/** The audit filters as query parameters: empty ones left out, the rest trimmed. */
function auditFilterQuery(filter: AuditFilter): AuditFilter {
  const query: AuditFilter = {};
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = filter[key]?.trim();
    if (value) query[key] = value;
  }
  return query;
}

/** `GET /api/audit`: one page of the audit log, newest first, from after the entry `before` (admins). */
export function fetchAuditPage(
  filter: AuditFilter,
  before: number | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const query = { ...auditFilterQuery(filter), ...(before === null ? {} : { before: String(before) }) };
  return call(() => api.audit.$get({ query }, { init: { signal } }));
}

/** Where the CSV of every audit entry matching the filters downloads from (`GET /api/audit/export.csv`). */
export function auditExportUrl(filter: AuditFilter): string {
  return `/api${api.audit['export.csv'].$path({ query: auditFilterQuery(filter) })}`;
}

/** Body of `POST /api/interventions`: kind, start date, organisation code, and a venue id or a point. */
export type InterventionBody = InferRequestType<typeof api.interventions.$post>['json'];

/** Body of `PATCH /api/interventions/{id}`: only the fields to change. */
export type InterventionPatch = InferRequestType<(typeof api.interventions)[':id']['$patch']>['json'];

/** `POST /api/interventions`: records an intervention; a wrong field is a 400 whose message names it. */
export function recordIntervention(body: InterventionBody): Promise<Intervention> {
  return call(() => api.interventions.$post({ json: body }));
}

/** `PATCH /api/interventions/{id}`: changes some fields of an intervention (its recorder or an admin may). */
export function changeIntervention(id: string, patch: InterventionPatch): Promise<Intervention> {
  return call(() => api.interventions[':id'].$patch({ param: { id }, json: patch }));
}

/** Body of `POST /api/accounts`: username, role, initial password (12–200 characters), organisation code or none. */
export type NewAccount = InferRequestType<typeof api.accounts.$post>['json'];

/** Body of `PATCH /api/accounts/{id}`: only the fields to change (role, disabled, password, organisation code). */
export type AccountPatch = InferRequestType<(typeof api.accounts)[':id']['$patch']>['json'];

/** `GET /api/accounts`: every account by username, with its last sign-in and active sessions (admins). */
export async function listAccounts(signal?: AbortSignal): Promise<Account[]> {
  const { accounts } = await call(() => api.accounts.$get({}, { init: { signal } }));
  return accounts;
}

/** `POST /api/accounts`: creates an account (admins); 409 `account_exists` when the username is taken. */
export function createAccount(body: NewAccount): Promise<Account> {
  return call(() => api.accounts.$post({ json: body }));
}

/**
 * `PATCH /api/accounts/{id}`: changes an account's role, status, password or organisation (admins); a role, status
 * or password change ends its sessions; 409 `last_admin` when no enabled admin would be left.
 */
export function updateAccount(id: number, patch: AccountPatch): Promise<Account> {
  return call(() => api.accounts[':id'].$patch({ param: { id: String(id) }, json: patch }));
}

/** `POST /api/auth/logout-everywhere`: ends every session of the signed-in account, this one included (204). */
export async function logoutEverywhere(): Promise<void> {
  try {
    await call(() => api.auth['logout-everywhere'].$post());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

/**
 * `POST /api/auth/password`: changes the signed-in account's password (204); 400 `wrong_password` when the current
 * one is wrong. Every other session of the account ends; this one continues with a new cookie.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call(() => api.auth.password.$post({ json: { currentPassword, newPassword } }));
}

/** Parameters of `GET /api/planning/placements`. */
export interface PlacementQuery {
  resolution: CellResolution;
  /** A year or a quarter. */
  period: string;
  category: CategoryFilter;
  sites: number;
  coverageM: number;
  kinds: readonly VenueKind[];
  intervention: 'banner' | 'cctv';
}

/** `GET /api/planning/placements`: the venues where p banners or cameras cover the most risk (task force). */
export function fetchPlacements(query: PlacementQuery, signal?: AbortSignal): Promise<Placements> {
  return callConditional(() =>
    api.planning.placements.$get(
      {
        query: {
          resolution: String(query.resolution) as '7' | '8',
          period: query.period,
          category: query.category,
          sites: String(query.sites),
          coverage: String(query.coverageM),
          kinds: query.kinds.join(','),
          intervention: query.intervention,
        },
      },
      { init: { signal } },
    ),
  );
}

/** Parameters of `GET /api/planning/patrol`. */
export interface PatrolQuery {
  resolution: CellResolution;
  /** A year or a quarter: the hot spots the stops are drawn from. */
  period: string;
  category: CategoryFilter;
  /** The shift's date, YYYY-MM-DD, and its time band: together they seed the plan. */
  date: string;
  shift: TimeBand;
  stops: number;
}

/** `GET /api/planning/patrol`: a shift's stops in a short route with unpredictable stops (task force). */
export function fetchPatrol(query: PatrolQuery, signal?: AbortSignal): Promise<PatrolPlan> {
  return callConditional(() =>
    api.planning.patrol.$get(
      {
        query: {
          resolution: String(query.resolution) as '7' | '8',
          period: query.period,
          category: query.category,
          date: query.date,
          shift: query.shift,
          stops: String(query.stops),
        },
      },
      { init: { signal } },
    ),
  );
}

/** Parameters of `GET /api/planning/coverage`. */
export interface CoverageQuery {
  resolution: CellResolution;
  /** A year or a quarter. */
  period: string;
  category: CategoryFilter;
  /** Reach S in metres (50–2000). */
  coverageM: number;
}

/** `GET /api/planning/coverage`: hot or high-risk cells with their intervention coverage, and before/after counts. */
export function fetchCoverage(query: CoverageQuery, signal?: AbortSignal): Promise<Coverage> {
  return callConditional(() =>
    api.planning.coverage.$get(
      {
        query: {
          resolution: String(query.resolution) as '7' | '8',
          period: query.period,
          category: query.category,
          coverage: String(query.coverageM),
        },
      },
      { init: { signal } },
    ),
  );
}

/** `GET /api/planning/outreach`: every kelurahan with the figures of its outreach priority (signed-in accounts). */
export function fetchOutreach(
  query: { period: string; category: CategoryFilter },
  signal?: AbortSignal,
): Promise<Outreach> {
  return callConditional(() => api.planning.outreach.$get({ query }, { init: { signal } }));
}

/** Static basemap files MapLibre loads itself from the server's `/basemap/` folder. */
export type BasemapFile = 'roads.geojson' | 'transit-routes.geojson' | 'transit-stops.geojson';

/** Absolute URL of a basemap file; MapLibre needs absolute URLs, so `origin` is usually `location.origin`. */
export function basemapFileUrl(origin: string, file: BasemapFile): string {
  return `${origin}/basemap/${file}`;
}

/** Absolute glyph URL template (`{fontstack}`, `{range}` left for MapLibre) served from `/basemap/glyphs/`. */
export function glyphsUrlTemplate(origin: string): string {
  return `${origin}/basemap/glyphs/{fontstack}/{range}.pbf`;
}
