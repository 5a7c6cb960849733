// Times the demo generator and loader against a scratch database that holds the schema and no data:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch pnpm --filter @titik-rawan/server exec \
//     tsx src/demo/load-demo-bench.ts [incidentCount] [venueCount]
import { createDemoGenerator } from '@titik-rawan/db/seed/demo.ts';
import postgres from 'postgres';
import { loadGeography } from '../geography/load-geography';
import { loadDemoData } from './load-demo';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a scratch database with the schema applied');
const incidentCount = Number(process.argv[2] ?? 2400);
const venueCount = process.argv[3] ? Number(process.argv[3]) : undefined;

let started = performance.now();
const generator = createDemoGenerator({ incidentCount, venueCount });
let generated = 0;
for (const chunk of generator.incidentChunks()) generated += chunk.length;
console.log(
  `generate: ${generated} incidents, ${generator.venues.length} venues in ${Math.round(performance.now() - started)} ms`,
);

const sql = postgres(url, { max: 2, onnotice: () => {} });
try {
  started = performance.now();
  const areas = await loadGeography(sql);
  console.log(`geography: ${areas} areas in ${Math.round(performance.now() - started)} ms`);
  const summary = await loadDemoData(sql, { incidentCount, venueCount });
  console.log('load:', summary, `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
} finally {
  await sql.end({ timeout: 5 });
}
