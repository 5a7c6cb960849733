-- Core schema: geography, organisations, import batches, incidents, venues, interventions,
-- accounts, sessions and the append-only audit log. No column holds personal data.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Administrative areas of Kota Administrasi Jakarta Timur, keyed by Kemendagri code
-- (kota 31.75, kecamatan 31.75.01, kelurahan 31.75.01.1001).
CREATE TABLE admin_areas (
  code text PRIMARY KEY CHECK (code ~ '^31\.75(\.\d{2}(\.\d{4})?)?$'),
  level text NOT NULL CHECK (level IN ('kota', 'kecamatan', 'kelurahan')),
  name text NOT NULL,
  common_name text NOT NULL,
  parent_code text REFERENCES admin_areas (code),
  dukcapil_code text,
  area_km2 double precision NOT NULL CHECK (area_km2 > 0),
  population integer CHECK (population >= 0),
  geom geometry(MultiPolygon, 4326) NOT NULL,
  CHECK ((level = 'kota') = (parent_code IS NULL))
);
CREATE INDEX admin_areas_geom_idx ON admin_areas USING gist (geom);
CREATE INDEX admin_areas_level_idx ON admin_areas (level);

-- Organisations that report incidents or carry out interventions.
CREATE TABLE organisations (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_-]{2,40}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('police', 'government', 'ngo', 'other'))
);

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  role text NOT NULL CHECK (role IN ('admin', 'satgas', 'ngo')),
  organisation_code text REFERENCES organisations (code),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

-- Server-side sessions; only a SHA-256 of the session token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- One row per import (or per demo-data load): everything written by an import references it.
CREATE TABLE import_batches (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('incidents', 'venues', 'interventions')),
  organisation_code text REFERENCES organisations (code),
  source_name text NOT NULL,
  file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer NOT NULL CHECK (row_count >= 0),
  synthetic boolean NOT NULL DEFAULT false,
  imported_by bigint REFERENCES accounts (id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  rolled_back_at timestamptz
);
CREATE UNIQUE INDEX import_batches_file_idx ON import_batches (kind, file_sha256)
  WHERE rolled_back_at IS NULL;

-- Incidents: a date, a category, a location (point, or only the kelurahan) and who reported it.
-- base_cell is the H3 resolution-9 cell of the point (never published); null when unlocated.
CREATE TABLE incidents (
  id bigserial PRIMARY KEY,
  occurred_on date NOT NULL CHECK (occurred_on >= DATE '2000-01-01'),
  time_band text CHECK (time_band IN ('night', 'morning', 'afternoon', 'evening')),
  category text NOT NULL CHECK (category IN
    ('online_solicitation', 'peer_recruitment', 'csam', 'venue_exploitation', 'other')),
  geom geometry(Point, 4326),
  base_cell text CHECK (base_cell ~ '^89[0-9a-f]{13}$'),
  kelurahan_code text NOT NULL REFERENCES admin_areas (code),
  organisation_code text NOT NULL REFERENCES organisations (code),
  batch_id bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  CHECK ((geom IS NULL) = (base_cell IS NULL))
);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);
CREATE INDEX incidents_period_idx ON incidents (occurred_on, category);
CREATE INDEX incidents_batch_idx ON incidents (batch_id);

-- Venues that matter for planning (never labelled as places where incidents happened).
CREATE TABLE venues (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('hotel', 'guest_house', 'kost', 'apartment', 'school',
    'transport_hub', 'internet_cafe', 'karaoke_nightlife', 'massage_parlour')),
  name text NOT NULL,
  geom geometry(Point, 4326) NOT NULL,
  kelurahan_code text NOT NULL REFERENCES admin_areas (code),
  source text NOT NULL CHECK (source IN ('synthetic', 'osm', 'partner')),
  source_id text NOT NULL,
  batch_id bigint REFERENCES import_batches (id) ON DELETE CASCADE,
  UNIQUE (source, source_id)
);
CREATE INDEX venues_geom_idx ON venues USING gist (geom);
CREATE INDEX venues_kind_idx ON venues (kind);

-- Prevention work: banners, CCTV, socialisation, KK checks, code-of-conduct signatures, outreach.
CREATE TABLE interventions (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('banner', 'cctv', 'socialisation', 'kk_check',
    'code_of_conduct', 'outreach_visit')),
  started_on date NOT NULL,
  venue_id bigint REFERENCES venues (id) ON DELETE SET NULL,
  geom geometry(Point, 4326),
  kelurahan_code text NOT NULL REFERENCES admin_areas (code),
  organisation_code text NOT NULL REFERENCES organisations (code),
  batch_id bigint REFERENCES import_batches (id) ON DELETE CASCADE,
  created_by bigint REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interventions_geom_idx ON interventions USING gist (geom);

-- Append-only audit log: who did what, when, from where; never the data itself.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  address text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Facts about this database as a whole, such as whether it holds synthetic demo data.
CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
