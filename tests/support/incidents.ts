import type { Sql } from '@titik-rawan/server/db/database';

/** Adds one incident (category `other`, in kelurahan 31.75.03.1003) on a day `YYYY-MM-DD` to the batch. */
export type AddIncident = (occurredOn: string) => Promise<void>;

/**
 * Runs `task` with an import batch of its own (named `sourceName`): a way to add incidents to it, and its id. The batch
 * and its incidents are removed afterwards, whatever happened.
 */
export async function withIncidentBatch(
  sql: Sql,
  sourceName: string,
  task: (addIncident: AddIncident, batchId: string) => Promise<void>,
): Promise<void> {
  const [batch] = await sql<{ id: string }[]>`
    insert into import_batches (kind, source_name, row_count, synthetic)
    values ('incidents', ${sourceName}, 1, false) returning id`;
  if (!batch) throw new Error('no import batch was created');
  try {
    await task(async (occurredOn) => {
      await sql`
        insert into incidents (occurred_on, category, kelurahan_code, organisation_code, batch_id)
        select ${occurredOn}::date, 'other', '31.75.03.1003', code, ${batch.id}
        from organisations order by code limit 1`;
    }, batch.id);
  } finally {
    await sql`delete from import_batches where id = ${batch.id}`;
  }
}
