import { defineConfig } from 'prisma/config';

// The CLI is used for `prisma generate` only: the schema engine cannot be
// downloaded on our machines (see README), so migrations are applied by
// scripts/migrate.ts from prisma/migrations/<n>_<name>/migration.sql.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'mysql://mailwarden@127.0.0.1:3306/extmail' },
});
