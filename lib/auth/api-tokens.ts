// Personal API tokens, so that scripts can call the API as their owner.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/runs/run-options";
import { checkUserText } from "@/lib/text/user-text";
import type { CurrentUser } from "./sessions";

/** `cwk_` and 32 random bytes in base64url: 47 characters, 256 bits a guess must hit. */
const TOKEN_PREFIX = "cwk_";
const TOKEN_PATTERN = /^cwk_[A-Za-z0-9_-]{43}$/;
/** What the settings page shows of a token, enough for its owner to tell their tokens apart. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
export const TOKEN_NAME_MAX_LENGTH = 100;
/** Tokens one account may hold unrevoked at once: enough for any set of scripts, not a table anyone can fill. */
export const MAX_ACTIVE_TOKENS = 20;

export type ApiTokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export class ApiTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiTokenError";
  }
}

/** Only the hash is stored: a leaked database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Creates a token for `userId`; the returned `token` is the only time it exists in clear. */
export async function createApiToken(userId: string, rawName: unknown): Promise<{ token: string; view: ApiTokenView }> {
  const name = checkUserText("name", rawName, { max: TOKEN_NAME_MAX_LENGTH });
  const db = getDb();
  const active = await db.$count(apiTokens, and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  if (active >= MAX_ACTIVE_TOKENS) throw new ApiTokenError(`name: you already have ${active} active tokens, the most allowed; revoke one first`);
  const token = newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH) })
    .returning();
  if (!row) throw new Error("inserting the token returned no row");
  return { token, view: toView(row) };
}

export async function listApiTokens(userId: string): Promise<ApiTokenView[]> {
  const rows = await getDb().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(toView);
}

/** Revokes one of `userId`'s own tokens; false when they have no such token (someone else's is as unknown as a missing one). */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  if (!isUuid(tokenId)) return false;
  const [row] = await getDb()
    .update(apiTokens)
    // Revoking twice keeps the first time.
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return row !== undefined;
}

/**
 * The user a bearer token acts for, noting when it was last used; null for a malformed, unknown or
 * revoked token. The lookup is by hash, so the comparison never touches the token itself.
 */
export async function findTokenUser(token: string): Promise<CurrentUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = getDb();
  const [row] = await db
    .select({ tokenId: apiTokens.id, id: users.id, name: users.name, email: users.email, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/**
 * The token in an `Authorization: Bearer …` header: undefined without one (another scheme, such as
 * a reverse proxy's Basic, is not Catwalk's to read), "" when the Bearer value is malformed.
 */
export function bearerToken(headers: Headers): string | undefined {
  const header = headers.get("authorization")?.trim();
  if (!header || !/^Bearer(?:\s|$)/i.test(header)) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : "";
}

function toView(row: typeof apiTokens.$inferSelect): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
