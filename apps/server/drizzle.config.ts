import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // every `*.tables.ts` of the platform and the modules: drizzle-kit collects the tables a file exports, so it cannot
  // take the object src/schema.ts builds from the module list; test/schema.test.ts checks both hold the same tables
  schema: ['./src/platform/**/*.tables.ts', './src/modules/**/*.tables.ts'],
  out: './drizzle',
});
