// When prevention work began in each kelurahan: the date of its first intervention, for before/after figures.
import type { InterventionKind } from '@titik-rawan/shared';
import type { Sql } from '../db/database';

/** A kelurahan's first intervention date (YYYY-MM-DD) and how many interventions it has. */
export interface InterventionStart {
  kelurahan: string;
  firstOn: string;
  interventions: number;
}

/**
 * Every kelurahan with at least one intervention of a kind not withheld, located or known only by kelurahan, with
 * its first intervention's date, in kelurahan code order.
 */
export async function interventionStarts(
  sql: Sql,
  withheld: readonly InterventionKind[],
): Promise<InterventionStart[]> {
  return sql<InterventionStart[]>`
    select kelurahan_code as kelurahan, to_char(min(started_on), 'YYYY-MM-DD') as "firstOn",
      count(*)::int as interventions
    from interventions
    where kind <> all(${sql.array(withheld as string[])}::text[])
    group by kelurahan_code
    order by kelurahan_code`;
}
