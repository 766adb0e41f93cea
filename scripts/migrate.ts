/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL. */
import { migrateDatabase } from "@/lib/db/migrate";
import { envOrExit } from "@/lib/env";

const url = envOrExit().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
await migrateDatabase(url);
console.log("migrations applied");
