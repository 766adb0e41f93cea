import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { JEREMY_ENTRY_NAME, REPORTED_RESULTS, SEAN_ENTRY_NAME, seedDatabase } from "@/db/seed";
import { JEREMY_SPEC, SEAN_SPEC, checkSpec } from "@/lib/spec";
import { specHash } from "@/lib/spec/canonical";
import { createFreshDatabase } from "./database";

let pool: pg.Pool;
let db: ReturnType<typeof drizzle<typeof schema>>;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createFreshDatabase("catwalk_test_seed") });
  db = drizzle(pool, { schema });
});
afterAll(() => pool.end());

test("seeding twice leaves one entry each for Sean and Jeremy with their normalised specs, and the four reported results linked to them", async () => {
  await seedDatabase(db);
  await seedDatabase(db);

  const seanEntries = await db.select().from(schema.entries).where(eq(schema.entries.name, SEAN_ENTRY_NAME));
  expect(seanEntries).toHaveLength(1);
  const checked = checkSpec(SEAN_SPEC);
  if (!checked.ok) throw new Error("Sean's spec must be valid");
  expect(seanEntries[0]!.specHash).toBe(specHash(checked.spec));

  const reported = await db.select().from(schema.reportedResults);
  expect(reported.map((r) => [r.participant, r.budget, r.accuracy]).sort()).toEqual(
    REPORTED_RESULTS.map((r) => [r.participant, r.budget, r.accuracy]).sort(),
  );
  expect(reported.filter((r) => r.participant === "Sean Moriarity").every((r) => r.entryId === seanEntries[0]!.id)).toBe(true);

  const jeremyEntries = await db.select().from(schema.entries).where(eq(schema.entries.name, JEREMY_ENTRY_NAME));
  expect(jeremyEntries).toHaveLength(1);
  const jeremy = checkSpec(JEREMY_SPEC);
  if (!jeremy.ok) throw new Error("Jeremy's spec must be valid");
  expect(jeremyEntries[0]!.specHash).toBe(specHash(jeremy.spec));
  expect(reported.find((r) => r.participant === "Jeremy Howard")?.entryId).toBe(jeremyEntries[0]!.id);
  expect(await db.select().from(schema.runs)).toHaveLength(0);
});
