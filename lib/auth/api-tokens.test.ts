/** Personal API tokens against the real database: shown once, stored hashed, scoped to their owner, revocable. */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { apiTokens } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createTestUser } from "@/tests/runs";
import { closeDatabaseClients } from "@/tests/fixtures";
import { bearerToken, createApiToken, findTokenUser, hashToken, listApiTokens, MAX_ACTIVE_TOKENS, revokeApiToken } from "./api-tokens";

afterAll(closeDatabaseClients);

describe("personal API tokens", () => {
  test("a new token is cwk_ and 43 base64url characters; only its SHA-256 and first characters are stored", async () => {
    const userId = await createTestUser();
    const { token, view } = await createApiToken(userId, "  laptop script  ");
    expect(token).toMatch(/^cwk_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: "laptop script", prefix: token.slice(0, 10), lastUsedAt: null, revokedAt: null });
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, view.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
  });

  test("the token finds its owner and notes the use; listing shows it to its owner only", async () => {
    const userId = await createTestUser();
    const other = await createTestUser();
    const { token, view } = await createApiToken(userId, "ci");
    const user = await findTokenUser(token);
    expect(user).toMatchObject({ id: userId, role: "participant" });
    expect(Object.keys(user!).sort()).toEqual(["email", "id", "name", "role"]);
    const [listed] = await listApiTokens(userId);
    expect(listed!.id).toBe(view.id);
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(await listApiTokens(other)).toEqual([]);
  });

  test("a revoked, unknown or malformed token finds nobody", async () => {
    const userId = await createTestUser();
    const { token, view } = await createApiToken(userId, "old");
    expect(await revokeApiToken(userId, view.id)).toBe(true);
    expect(await findTokenUser(token)).toBeNull();
    const [first] = await listApiTokens(userId);
    // Revoking again keeps the first time.
    expect(await revokeApiToken(userId, view.id)).toBe(true);
    expect((await listApiTokens(userId))[0]!.revokedAt).toBe(first!.revokedAt);
    expect(await findTokenUser(`cwk_${"A".repeat(43)}`)).toBeNull();
    expect(await findTokenUser(token.slice(0, -1))).toBeNull();
    expect(await findTokenUser(hashToken(token))).toBeNull();
  });

  test("nobody revokes another account's token, and a made-up id is refused", async () => {
    const owner = await createTestUser();
    const attacker = await createTestUser();
    const { token, view } = await createApiToken(owner, "mine");
    expect(await revokeApiToken(attacker, view.id)).toBe(false);
    expect(await revokeApiToken(attacker, "not-a-uuid")).toBe(false);
    expect(await findTokenUser(token)).toMatchObject({ id: owner });
  });

  test("names are checked as typed text, naming the field; an account holds a bounded number of active tokens", async () => {
    const userId = await createTestUser();
    await expect(createApiToken(userId, "")).rejects.toThrow(/^name must not be empty/);
    await expect(createApiToken(userId, "a\u202Eb")).rejects.toThrow(/^name must not contain bidirectional/);
    await expect(createApiToken(userId, 42)).rejects.toThrow(/^name must be text/);
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i += 1) made.push(await createApiToken(userId, `t${i}`));
    await expect(createApiToken(userId, "one more")).rejects.toThrow(/^name: you already have 20 active tokens/);
    await revokeApiToken(userId, made[0]!.view.id);
    await expect(createApiToken(userId, "one more")).resolves.toMatchObject({ view: { name: "one more" } });
  });

  test("the Authorization header: Bearer and one token; another scheme or no header is no token, so the cookie decides", () => {
    const headers = (value?: string) => new Headers(value === undefined ? {} : { authorization: value });
    expect(bearerToken(headers())).toBeUndefined();
    expect(bearerToken(headers("Basic dXNlcjpwYXNz"))).toBeUndefined();
    expect(bearerToken(headers("Bearerx cwk_abc"))).toBeUndefined();
    expect(bearerToken(headers("Bearer cwk_abc"))).toBe("cwk_abc");
    expect(bearerToken(headers("bearer   cwk_abc "))).toBe("cwk_abc");
    expect(bearerToken(headers("Bearer a b"))).toBe("");
    expect(bearerToken(headers("Bearer"))).toBe("");
  });
});
