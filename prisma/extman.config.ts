import { defineConfig } from 'prisma/config';

// extman's tables (prisma/extman.prisma, in DATABASE_URL): generate only.
// Mailwarden never migrates them; there is deliberately no migrations path.
export default defineConfig({
  schema: 'extman.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'mysql://mailwarden@127.0.0.1:3306/extmail' },
});
