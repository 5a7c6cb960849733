// The documented column set of each import kind: the fields, which are required, the header names accepted for
// each (English and Indonesian, any case or spacing), how a file's header maps onto them, and the template.
import type { ImportFormat, ImportKind } from './rows';

/** A field an import row can fill: its canonical column name, the names accepted for it, and whether required. */
export interface ColumnSpec {
  /** Canonical name, used in templates and error messages. */
  name: string;
  /** Header names accepted for the field, canonical name included; matched after `normaliseColumnName`. */
  aliases: readonly string[];
  required: boolean;
  /** One sentence for the documentation and the template's help. */
  description: string;
}

const LATITUDE: ColumnSpec = {
  name: 'latitude',
  aliases: ['latitude', 'lat', 'lintang', 'y'],
  required: false,
  description:
    'Latitude in decimal degrees (WGS84), e.g. -6.2253 or -6,2253; about -6.37 to -6.15 in East Jakarta.',
};
const LONGITUDE: ColumnSpec = {
  name: 'longitude',
  aliases: ['longitude', 'lng', 'lon', 'long', 'bujur', 'x'],
  required: false,
  description: 'Longitude in decimal degrees (WGS84), e.g. 106.8701; about 106.84 to 106.98 in East Jakarta.',
};
const KELURAHAN: ColumnSpec = {
  name: 'kelurahan',
  aliases: ['kelurahan', 'kode_kelurahan', 'kelurahan_code', 'nama_kelurahan', 'kel', 'desa', 'village'],
  required: false,
  description:
    'Kelurahan by Kemendagri code (31.75.06.1001) or by name in official or common spelling (Pal Meriam, Palmeriam).',
};
const KECAMATAN: ColumnSpec = {
  name: 'kecamatan',
  aliases: ['kecamatan', 'kode_kecamatan', 'kecamatan_code', 'nama_kecamatan', 'kec', 'district'],
  required: false,
  description:
    'Kecamatan by code (31.75.06) or name; needed when a kelurahan name is ambiguous, such as Jatinegara.',
};
const ORGANISATION: ColumnSpec = {
  name: 'organisation',
  aliases: ['organisation', 'organization', 'organisasi', 'organisation_code', 'org', 'lembaga', 'instansi'],
  required: false,
  description: "Code of the reporting organisation (e.g. upt-pppa); when absent, the batch's organisation.",
};

/** The column set of each import kind, in template order. */
export const COLUMN_SETS: Readonly<Record<ImportKind, readonly ColumnSpec[]>> = {
  incidents: [
    {
      name: 'occurred_on',
      aliases: ['occurred_on', 'date', 'tanggal', 'tanggal_kejadian', 'tgl', 'tgl_kejadian', 'incident_date'],
      required: true,
      description: 'Date of the incident (kept as a date only, never a time of day).',
    },
    {
      name: 'time_band',
      aliases: [
        'time_band',
        'time',
        'time_of_day',
        'waktu',
        'waktu_kejadian',
        'jam',
        'jam_kejadian',
        'pukul',
      ],
      required: false,
      description:
        'Optional time of day, kept only as a band: night, morning, afternoon or evening (Jakarta time).',
    },
    {
      name: 'category',
      aliases: ['category', 'kategori', 'incident_category', 'jenis_kasus', 'kategori_kasus'],
      required: true,
      description: 'One of online_solicitation, peer_recruitment, csam, venue_exploitation, other.',
    },
    LATITUDE,
    LONGITUDE,
    KELURAHAN,
    KECAMATAN,
    ORGANISATION,
  ],
  venues: [
    {
      name: 'kind',
      aliases: ['kind', 'venue_kind', 'jenis', 'jenis_tempat', 'type', 'tipe', 'kategori', 'category'],
      required: true,
      description:
        'One of hotel, guest_house, kost, apartment, school, transport_hub, internet_cafe, karaoke_nightlife, ' +
        'massage_parlour.',
    },
    {
      name: 'name',
      aliases: ['name', 'nama', 'nama_tempat', 'venue_name', 'nama_usaha'],
      required: false,
      description: "The venue's business name as on its sign (never a person's name).",
    },
    LATITUDE,
    LONGITUDE,
    KELURAHAN,
    KECAMATAN,
    {
      name: 'source',
      aliases: ['source', 'sumber'],
      required: false,
      description: 'partner (default) or osm.',
    },
    {
      name: 'source_id',
      aliases: ['source_id', 'id', 'osm_id', '@id', 'id_sumber', 'kode_tempat'],
      required: false,
      description:
        "The venue's id in its source (node/123 for OpenStreetMap), so a re-import updates it; when absent, " +
        'an id is made from the kind and the point.',
    },
  ],
  interventions: [
    {
      name: 'kind',
      aliases: ['kind', 'intervention_kind', 'jenis', 'jenis_kegiatan', 'kegiatan', 'type', 'tipe'],
      required: true,
      description: 'One of banner, cctv, socialisation, kk_check, code_of_conduct, outreach_visit.',
    },
    {
      name: 'started_on',
      aliases: ['started_on', 'date', 'tanggal', 'tanggal_mulai', 'tgl', 'tgl_mulai', 'start_date', 'mulai'],
      required: true,
      description: 'Date the intervention started.',
    },
    ORGANISATION,
    {
      name: 'venue',
      aliases: ['venue', 'venue_id', 'venue_source_id', 'tempat', 'id_tempat'],
      required: false,
      description:
        "The venue's source id (node/123, or the partner's id) when the intervention is at a venue.",
    },
    LATITUDE,
    LONGITUDE,
    KELURAHAN,
    KECAMATAN,
  ],
};

/** A column name compared loosely: lower case, accents and punctuation folded, words joined by `_`. */
export function normaliseColumnName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return folded === '@id' ? folded : folded.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Stable codes of header problems, each refusing the file until the header is fixed. */
export type HeaderProblemCode =
  'missing_column' | 'same_meaning' | 'no_location_column' | 'incomplete_point_columns';

/** A header problem: its code, the column concerned (canonical name or as written), and what to do. */
export interface HeaderProblem {
  code: HeaderProblemCode;
  column: string;
  message: string;
}

/** How a file's header maps onto a kind's fields. */
export interface ColumnPlan {
  kind: ImportKind;
  /** For each field found, the column name as written in the file. */
  fields: Readonly<Partial<Record<string, string>>>;
  /** Columns of the file that belong to no field, as written: ignored, and shown to the user. */
  unknown: string[];
  /** What stops the file from being imported at all; empty when the header is usable. */
  problems: HeaderProblem[];
}

function accepted(spec: ColumnSpec): string {
  return spec.aliases.map((alias) => `"${alias}"`).join(', ');
}

/**
 * Maps a header onto a kind's fields by the accepted names. Problems: a required column missing, two
 * columns meaning the same field, latitude without longitude (or the reverse), no way to locate a row
 * (incidents and interventions: a point, a kelurahan or a venue; venues: a point). GeoJSON and OSM rows
 * carry their point in the geometry, so there the point columns are not needed.
 */
export function planColumns(kind: ImportKind, columns: readonly string[], format: ImportFormat): ColumnPlan {
  const specs = COLUMN_SETS[kind];
  const fields: Record<string, string> = {};
  const unknown: string[] = [];
  const problems: HeaderProblem[] = [];
  for (const column of columns) {
    const key = normaliseColumnName(column);
    const spec = specs.find((candidate) =>
      candidate.aliases.some((alias) => normaliseColumnName(alias) === key),
    );
    if (!spec) {
      unknown.push(column);
      continue;
    }
    const earlier = fields[spec.name];
    if (earlier !== undefined) {
      problems.push({
        code: 'same_meaning',
        column,
        message: `Columns "${earlier}" and "${column}" both mean ${spec.name}; keep only one of them.`,
      });
      continue;
    }
    fields[spec.name] = column;
  }
  for (const spec of specs) {
    if (spec.required && fields[spec.name] === undefined) {
      problems.push({
        code: 'missing_column',
        column: spec.name,
        message: `The file has no ${spec.name} column, which ${kind} need. Accepted names: ${accepted(spec)}.`,
      });
    }
  }
  const hasLat = fields.latitude !== undefined;
  const hasLng = fields.longitude !== undefined;
  if (hasLat !== hasLng) {
    const [present, absent] = hasLat ? ['latitude', LONGITUDE] : ['longitude', LATITUDE];
    problems.push({
      code: 'incomplete_point_columns',
      column: absent.name,
      message: `The file has a ${present} column but no ${absent.name} column. Accepted names: ${accepted(absent)}.`,
    });
  }
  const pointInGeometry = format !== 'csv';
  const canPoint = pointInGeometry || (hasLat && hasLng);
  const canLocate =
    kind === 'venues' ? canPoint : canPoint || fields.kelurahan !== undefined || fields.venue !== undefined;
  if (!canLocate && hasLat === hasLng) {
    const ways =
      kind === 'venues' ? 'latitude and longitude columns' : 'latitude and longitude, or kelurahan';
    problems.push({
      code: 'no_location_column',
      column: 'latitude',
      message: `The file has no column that locates a row: ${kind} need ${ways}${kind === 'interventions' ? ', or venue' : ''}.`,
    });
  }
  return { kind, fields, unknown, problems };
}

/** Example rows of each kind's template, one per way of giving the location, by canonical column name. */
const TEMPLATE_ROWS: Readonly<Record<ImportKind, readonly Record<string, string>[]>> = {
  incidents: [
    {
      occurred_on: '2025-03-14',
      time_band: 'evening',
      category: 'online_solicitation',
      latitude: '-6.2253',
      longitude: '106.8701',
      organisation: 'upt-pppa',
    },
    {
      occurred_on: '2025-03-15',
      category: 'peer_recruitment',
      kelurahan: '31.75.01.1004',
      organisation: 'upt-pppa',
    },
    {
      occurred_on: '2025-03-16',
      time_band: 'night',
      category: 'other',
      kelurahan: 'Jatinegara',
      kecamatan: 'Cakung',
      organisation: 'upt-pppa',
    },
  ],
  venues: [
    {
      kind: 'hotel',
      name: 'Hotel Contoh',
      latitude: '-6.2253',
      longitude: '106.8701',
      source_id: 'mitra-001',
    },
    {
      kind: 'kost',
      name: 'Kost Contoh',
      latitude: '-6.2101',
      longitude: '106.8952',
      kelurahan: 'Cipinang',
      source_id: 'mitra-002',
    },
  ],
  interventions: [
    {
      kind: 'banner',
      started_on: '2025-04-01',
      organisation: 'bandungwangi',
      latitude: '-6.2253',
      longitude: '106.8701',
    },
    { kind: 'kk_check', started_on: '2025-04-02', organisation: 'bandungwangi', venue: 'mitra-002' },
    {
      kind: 'socialisation',
      started_on: '2025-04-03',
      organisation: 'bandungwangi',
      kelurahan: '31.75.03.1001',
    },
    {
      kind: 'outreach_visit',
      started_on: '2025-04-04',
      organisation: 'bandungwangi',
      kelurahan: 'Pal Meriam',
      kecamatan: 'Matraman',
    },
  ],
};

function csvCell(value: string, delimiter: ',' | ';'): string {
  return value.includes(delimiter) || value.includes('"') ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A downloadable CSV template for a kind: the header of its column set (canonical names) and one example row
 * per way of giving the location. With `;` (for Excel in Indonesian settings) decimals use a comma. CRLF
 * line ends, as Excel writes them.
 */
export function templateCsv(kind: ImportKind, delimiter: ',' | ';' = ','): string {
  const names = COLUMN_SETS[kind].map((spec) => spec.name);
  const decimal = (name: string, value: string): string =>
    delimiter === ';' && (name === 'latitude' || name === 'longitude') ? value.replace('.', ',') : value;
  const lines = [
    names.join(delimiter),
    ...TEMPLATE_ROWS[kind].map((row) =>
      names.map((name) => csvCell(decimal(name, row[name] ?? ''), delimiter)).join(delimiter),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
