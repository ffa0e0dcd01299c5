import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema (`npm run db:generate`), reviewed, and applied forward only.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/platform/db/schema/index.ts",
  out: "./src/server/platform/db/migrations",
});
