// Server-only: reads the sign-in cookie and the database.
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "./options";
import { findSessionUser, type CurrentUser } from "./sessions";

export type { CurrentUser } from "./sessions";

/** The signed-in user, read fresh from the database (a deleted session row means signed out). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(getAuthOptions())) as { sid?: string } | null;
  return findSessionUser(session?.sid);
});

export async function requireUser(returnTo = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Admin-only pages and actions: signed-out users are sent to sign in, everyone else sees "not found". */
export async function requireAdmin(returnTo = "/admin"): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (user.role !== "admin") notFound();
  return user;
}
