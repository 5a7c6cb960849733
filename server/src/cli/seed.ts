// `pnpm db:seed [--incidents N] [--venues N]`: migrates, then loads the synthetic demo data set into a
// database without incidents. The sizes scale the set for benchmarks (up to 1,000,000 incidents).
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../db/bootstrap';
import { runWithDatabase } from './run-with-database';

const { values } = parseArgs({ options: { incidents: { type: 'string' }, venues: { type: 'string' } } });

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
    throw new Error(`--${name} must be a whole number from 1 to 10,000,000, got "${text}"`);
  }
  return value;
}

await runWithDatabase(async (db, config) => {
  const demoSize = {
    incidentCount: count('incidents', values.incidents),
    venueCount: count('venues', values.venues),
  };
  if (config.production) throw new Error('Refusing to load synthetic demo data with NODE_ENV=production.');
  const result = await prepareDatabase(db, config, { seedDemoData: true, demoSize });
  return result.demoDataLoaded
    ? 'Synthetic demo data loaded; demo accounts admin, satgas and ngo created.'
    : 'Nothing loaded: the database already holds incidents or demo data.';
});
