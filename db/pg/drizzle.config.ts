import { defineConfig } from 'drizzle-kit';

// The team edition's PostgreSQL migrations, generated beside the SQLite ones (db/drizzle.config.ts)
// from db/pg/schema.ts; generating needs no server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
});
