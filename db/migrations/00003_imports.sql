-- Imports written in two steps: records are staged in short statements, then one short transaction moves them
-- into the real tables and marks the batch committed. A batch still 'staging' (the importer was killed) is
-- never counted and is deleted at the next server start; a rolled-back batch keeps its history row.

ALTER TABLE import_batches
  ADD COLUMN status text NOT NULL DEFAULT 'committed'
    CHECK (status IN ('staging', 'committed', 'rolled_back')),
  -- Last sign of life of a staging batch (each staged chunk), so a clean-up can spare an import in progress.
  ADD COLUMN touched_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN finished_at timestamptz;

UPDATE import_batches SET status = 'rolled_back' WHERE rolled_back_at IS NOT NULL;
UPDATE import_batches SET finished_at = imported_at WHERE finished_at IS NULL AND status = 'committed';

ALTER TABLE import_batches
  ADD CONSTRAINT import_batches_rolled_back_check CHECK ((status = 'rolled_back') = (rolled_back_at IS NOT NULL));

-- The same file (kind and SHA-256) can be committed once; staging and rolled-back batches do not count.
DROP INDEX import_batches_file_idx;
CREATE UNIQUE INDEX import_batches_file_idx ON import_batches (kind, file_sha256) WHERE status = 'committed';
CREATE INDEX import_batches_status_idx ON import_batches (status) WHERE status = 'staging';

-- Mapped records of a batch being written, one per file row; emptied when the batch commits.
CREATE TABLE import_staging (
  batch_id bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  row_no integer NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (batch_id, row_no)
);

CREATE INDEX interventions_batch_idx ON interventions (batch_id);
CREATE INDEX venues_batch_idx ON venues (batch_id);

-- Releases and analyses also read venues (risk terrain), so a venue import must change the data version too.
CREATE TRIGGER venues_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON venues
  FOR EACH STATEMENT EXECUTE FUNCTION bump_incidents_version();
