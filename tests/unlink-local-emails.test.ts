import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { accounts, users } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { insertUser, usePrivateDatabase } from "./fixtures";

const MIGRATION = path.join(import.meta.dirname, "..", "db", "migrations", "0003_unlink_unverified_local_emails.sql");

beforeAll(() => usePrivateDatabase("catwalk_test_unlink"));
afterAll(() => closeDb());

/** Replays the migration on rows written as the old sign-in wrote them (it is idempotent). */
async function applyMigration(): Promise<void> {
  for (const statement of fs.readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint")) {
    await getDb().execute(sql.raw(statement));
  }
}

test("old links made by a typed e-mail are cut, and local-only users keep no e-mail", async () => {
  // A GitHub user whose e-mail someone typed into the local sign-in, which linked the two.
  const victim = await insertUser("victim", { email: "victim@example.org", role: "admin" });
  await getDb().insert(accounts).values([
    { userId: victim, provider: "github", providerAccountId: "42" },
    { userId: victim, provider: "local", providerAccountId: "victim@example.org" },
  ]);
  // Someone known only through the local sign-in, with the e-mail they typed.
  const local = await insertUser("typed", { email: "typed@example.org" });
  await getDb().insert(accounts).values({ userId: local, provider: "local", providerAccountId: "typed@example.org" });

  await applyMigration();

  const links = await getDb().select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, victim));
  expect(links.map((link) => link.provider)).toEqual(["github"]);
  const [victimRow] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, victim));
  expect(victimRow?.email).toBe("victim@example.org");
  const [localRow] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, local));
  expect(localRow?.email).toBeNull();
  const localLinks = await getDb().select().from(accounts).where(eq(accounts.userId, local));
  expect(localLinks).toHaveLength(1);
});
