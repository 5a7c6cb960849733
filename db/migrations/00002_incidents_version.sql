-- A data version that changes with every write to incidents, so cached releases and analytics know
-- when to rebuild (on any server instance sharing the database).

INSERT INTO app_meta (key, value) VALUES ('incidents_version', '0'::jsonb) ON CONFLICT (key) DO NOTHING;

CREATE FUNCTION bump_incidents_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE app_meta SET value = to_jsonb(value::text::bigint + 1) WHERE key = 'incidents_version';
  RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_incidents_version();
