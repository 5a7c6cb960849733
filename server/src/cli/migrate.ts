// `pnpm db:migrate`: applies pending migrations and loads the real geography into an empty database.
import { prepareDatabase } from '../db/bootstrap';
import { runWithDatabase } from './run-with-database';

await runWithDatabase(async (db, config) => {
  const result = await prepareDatabase(db, config, { seedDemoData: false });
  return `Migrations applied: ${result.migrationsApplied.join(', ') || 'none'}; areas loaded: ${result.areasLoaded}.`;
});
