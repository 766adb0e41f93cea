// Server-only: reads the sign-in cookie and the database.
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "./options";
import { decide, type Rule } from "./policy";
import { findSessionUser, type CurrentUser } from "./sessions";

export type { CurrentUser } from "./sessions";

/** The signed-in user, read fresh from the database (a deleted session row means signed out). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(getAuthOptions())) as { sid?: string } | null;
  return findSessionUser(session?.sid);
});

/**
 * For pages and server actions: the signed-in user when the policy's `rule` lets them in (for
 * `resource`, where the rule is about one); otherwise signed-out viewers are sent to sign in and
 * everyone else sees "not found".
 */
export async function requireAllowed(rule: Rule, returnTo: string, resource?: { ownerId: string; hidden?: boolean }): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const decision = decide(rule, user, resource);
  if (!user || (!decision.allowed && decision.refusal === "sign_in")) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!decision.allowed) notFound();
  return user;
}
