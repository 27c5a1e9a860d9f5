import { defineConfig } from 'prisma/config';

// The console's own tables (prisma/mailwarden.prisma, in MW_DATABASE_URL).
// The CLI is used for `prisma generate` only: the schema engine cannot be
// downloaded on our machines (see README), so migrations are applied by
// scripts/migrate.ts from prisma/migrations/<n>_<name>/migration.sql.
// extman's tables have their own schema and config: prisma/extman.config.ts.
export default defineConfig({
  schema: 'prisma/mailwarden.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.MW_DATABASE_URL ?? 'mysql://mailwarden@127.0.0.1:3306/mailwarden' },
});
