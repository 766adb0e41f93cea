import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sessions } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { usePrivateDatabase } from "@/tests/fixtures";
import { localIdentity } from "./local-identity";
import { deleteSession, findSessionUser } from "./sessions";
import { recordSignIn, type SignInIdentity } from "./sign-in";

const rules = { adminEmails: new Set(["boss@example.org"]), sessionSeconds: 3600 };
const identity =
  (provider: string) =>
  (id: string, email: string | null, emailVerified = true): SignInIdentity => ({
    provider,
    providerAccountId: id,
    name: `${provider}-${id}`,
    email,
    emailVerified,
    image: null,
  });
const github = identity("github");
const oidc = identity("oidc");

beforeAll(() => usePrivateDatabase("catwalk_test_auth"));
afterAll(() => closeDb());

test("the first local user becomes admin and later local users do not", async () => {
  const first = await recordSignIn(localIdentity("Ada"), rules);
  const second = await recordSignIn(localIdentity("Grace"), rules);
  expect((await findSessionUser(first.sessionId))?.role).toBe("admin");
  expect((await findSessionUser(second.sessionId))?.role).toBe("participant");
});

test("signing in again with the same identity reuses the user and opens a new session", async () => {
  const again = await recordSignIn(localIdentity("ada"), rules);
  const first = await recordSignIn(localIdentity("Ada"), rules);
  expect(again.userId).toBe(first.userId);
  expect(again.sessionId).not.toBe(first.sessionId);
});

test("an email listed in ADMIN_EMAILS is made admin, at sign-up and at a later sign-in", async () => {
  const boss = await recordSignIn(github("1", "Boss@Example.org"), rules);
  expect(await findSessionUser(boss.sessionId)).toMatchObject({ role: "admin", email: "boss@example.org" });

  const plain = await recordSignIn(github("2", "later@example.org"), rules);
  expect((await findSessionUser(plain.sessionId))?.role).toBe("participant");
  const promoted = await recordSignIn(github("2", "later@example.org"), { ...rules, adminEmails: new Set(["later@example.org"]) });
  expect((await findSessionUser(promoted.sessionId))?.role).toBe("admin");
});

test("a second provider with the same verified email signs in to the same user", async () => {
  const viaGithub = await recordSignIn(github("3", "same@example.org"), rules);
  const viaOidc = await recordSignIn(oidc("sub-3", "Same@Example.org"), rules);
  expect(viaOidc.userId).toBe(viaGithub.userId);
});

test("an email typed in the local sign-in never reaches the account that has it, nor its admin role", async () => {
  await recordSignIn(localIdentity("Somebody Earlier"), rules); // so the typed one is not the first local user
  const boss = await recordSignIn(github("4", "boss@example.org"), rules);
  const typed = await recordSignIn(localIdentity("Boss@Example.org"), rules);
  expect(typed.userId).not.toBe(boss.userId);
  expect(await findSessionUser(typed.sessionId)).toMatchObject({ role: "participant", email: null });
  expect(await findSessionUser(boss.sessionId)).toMatchObject({ role: "admin", email: "boss@example.org" });

  const again = await recordSignIn(localIdentity("boss@example.org"), rules);
  expect(again.userId).toBe(typed.userId);
});

test("an unverified email listed in ADMIN_EMAILS makes a separate participant without an email", async () => {
  const first = await recordSignIn(oidc("sub-unverified-1", "boss@example.org", false), rules);
  expect(await findSessionUser(first.sessionId)).toMatchObject({ role: "participant", email: null, name: "oidc-sub-unverified-1" });
  const boss = await recordSignIn(github("4", "boss@example.org"), rules);
  expect(first.userId).not.toBe(boss.userId);
  const unverifiedGithub = await recordSignIn(github("5", "boss@example.org", false), rules);
  expect(unverifiedGithub.userId).not.toBe(boss.userId);
  expect((await findSessionUser(unverifiedGithub.sessionId))?.role).toBe("participant");
});

test("an OIDC email links to the user with that email and grants admin only once it is verified", async () => {
  const carol = await recordSignIn(github("6", "carol@example.org"), rules);
  const withCarol = { ...rules, adminEmails: new Set(["carol@example.org"]) };

  const unverified = await recordSignIn(oidc("sub-carol", "carol@example.org", false), withCarol);
  expect(unverified.userId).not.toBe(carol.userId);
  expect((await findSessionUser(unverified.sessionId))?.role).toBe("participant");

  const verified = await recordSignIn(oidc("sub-carol-verified", "carol@example.org"), withCarol);
  expect(verified.userId).toBe(carol.userId);
  expect(await findSessionUser(verified.sessionId)).toMatchObject({ role: "admin", email: "carol@example.org" });
});

test("a deleted or expired session row means signed out", async () => {
  const { sessionId } = await recordSignIn(localIdentity("Linus"), rules);
  expect(await findSessionUser(sessionId)).toMatchObject({ name: "Linus" });
  await deleteSession(sessionId);
  expect(await findSessionUser(sessionId)).toBeNull();

  const expiring = await recordSignIn(localIdentity("Linus"), rules);
  await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, expiring.sessionId));
  expect(await findSessionUser(expiring.sessionId)).toBeNull();
  expect(await findSessionUser("not-a-uuid")).toBeNull();
  expect(await findSessionUser(undefined)).toBeNull();
});

test("the local sign-in takes a name or an email and rejects an empty one, naming the field", () => {
  expect(localIdentity("  Ada Lovelace ")).toMatchObject({ name: "Ada Lovelace", email: null, providerAccountId: "ada lovelace" });
  expect(localIdentity("Ada@Example.org")).toMatchObject({ name: "ada", email: "ada@example.org" });
  expect(() => localIdentity("   ")).toThrow(/^name must not be empty/);
  expect(() => localIdentity("x".repeat(81))).toThrow(/name must be at most 80 characters/);
});
