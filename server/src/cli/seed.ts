// `pnpm db:seed`: migrates, then loads the synthetic demo data set into a database without incidents.
import { prepareDatabase } from '../db/bootstrap';
import { runWithDatabase } from './run-with-database';

await runWithDatabase(async (db, config) => {
  if (config.production) throw new Error('Refusing to load synthetic demo data with NODE_ENV=production.');
  const result = await prepareDatabase(db, config, { seedDemoData: true });
  return result.demoDataLoaded
    ? 'Synthetic demo data loaded; demo accounts admin, satgas and ngo created.'
    : 'Nothing loaded: the database already holds incidents or demo data.';
});
