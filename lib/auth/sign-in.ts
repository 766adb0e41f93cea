import { and, count, eq, sql } from "drizzle-orm";
import { accounts, sessions, users } from "@/db/schema";
import { getDb } from "@/lib/db";

export const LOCAL_PROVIDER = "local";

/** Who signed in, as the provider describes them. */
export type SignInIdentity = {
  provider: string;
  providerAccountId: string;
  name: string;
  email: string | null;
  /** True only when the provider vouches that the e-mail is the person's (OIDC `email_verified`, GitHub `verified`). */
  emailVerified?: boolean;
  image: string | null;
};

export type SignInRules = { adminEmails: ReadonlySet<string>; sessionSeconds: number };

/**
 * The e-mail that may link accounts and grant admin: a verified one from a real provider.
 * A typed local e-mail is never verified, so it can never reach another person's account.
 */
function verifiedEmail(identity: SignInIdentity): string | null {
  if (identity.provider === LOCAL_PROVIDER || identity.emailVerified !== true) return null;
  return identity.email?.trim().toLowerCase() || null;
}

/**
 * Upserts the user and the identity, applies the admin rules and opens a session row.
 * An identity links to an existing user only through a verified e-mail; an unverified e-mail is
 * not stored (users.email is unique and links later sign-ins), so it gets an account of its own.
 * Admin rules: a verified e-mail listed in ADMIN_EMAILS is made admin at every sign-in (never demoted
 * here; roles are managed on /admin), and the first user ever to use the local sign-in becomes admin.
 */
export async function recordSignIn(identity: SignInIdentity, rules: SignInRules): Promise<{ userId: string; sessionId: string }> {
  const email = verifiedEmail(identity);
  const listedAdmin = email !== null && rules.adminEmails.has(email);
  return getDb().transaction(async (tx) => {
    // Serialises sign-ins so "the first local user" and the email links cannot race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('catwalk:sign-in'))`);

    const [linked] = await tx
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(and(eq(accounts.provider, identity.provider), eq(accounts.providerAccountId, identity.providerAccountId)));
    let userId = linked?.userId;

    if (!userId) {
      const [sameEmail] = email ? await tx.select({ id: users.id }).from(users).where(eq(users.email, email)) : [];
      userId = sameEmail?.id;
      if (!userId) {
        const firstLocal =
          identity.provider === LOCAL_PROVIDER &&
          (await tx.select({ n: count() }).from(accounts).where(eq(accounts.provider, LOCAL_PROVIDER)))[0]?.n === 0;
        const [created] = await tx
          .insert(users)
          .values({ name: identity.name, email, image: identity.image, role: listedAdmin || firstLocal ? "admin" : "participant" })
          .returning({ id: users.id });
        userId = created!.id;
      }
      await tx.insert(accounts).values({ userId, provider: identity.provider, providerAccountId: identity.providerAccountId });
    }

    if (listedAdmin) await tx.update(users).set({ role: "admin" }).where(eq(users.id, userId));

    const [session] = await tx
      .insert(sessions)
      .values({ userId, provider: identity.provider, expiresAt: new Date(Date.now() + rules.sessionSeconds * 1000) })
      .returning({ id: sessions.id });
    return { userId, sessionId: session!.id };
  });
}
