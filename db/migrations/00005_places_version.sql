-- A version of everything the planning answers read besides the released figures (venues, interventions, the
-- organisations that run them, the areas and their populations), so that kept planning answers know when to be
-- built again: it changes with every write to those tables (on any server instance sharing the database).
-- One trigger function now serves both versions: it bumps the app_meta counter named by the trigger's argument.

INSERT INTO app_meta (key, value) VALUES ('places_version', '0'::jsonb) ON CONFLICT (key) DO NOTHING;

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE app_meta SET value = to_jsonb(value::text::bigint + 1) WHERE key = TG_ARGV[0];
  RETURN NULL;
END;
$$;

-- The incidents version, bumped by writes to incidents and to venues (the risk terrain reads them; migration 00003).
DROP TRIGGER incidents_version ON incidents;
CREATE TRIGGER incidents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('incidents_version');
DROP TRIGGER venues_version ON venues;
CREATE TRIGGER venues_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON venues
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('incidents_version');
DROP FUNCTION bump_incidents_version();

CREATE TRIGGER venues_places_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON venues
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('places_version');
CREATE TRIGGER interventions_places_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON interventions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('places_version');
CREATE TRIGGER organisations_places_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('places_version');
CREATE TRIGGER admin_areas_places_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_version('places_version');
