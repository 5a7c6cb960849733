// The one zod every schema module imports: configured without JIT, because compiling object parsers with
// `new Function` needs 'unsafe-eval', which the dashboard's Content-Security-Policy refuses. Importing zod through
// this module makes the setting hold before any schema is built, whichever module loads first.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
