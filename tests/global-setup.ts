import { createFreshDatabase } from "./database";

/** One fresh, migrated database for the whole unit/integration run. */
export default async function setup(): Promise<void> {
  process.env.DATABASE_URL = await createFreshDatabase("catwalk_test");
}
