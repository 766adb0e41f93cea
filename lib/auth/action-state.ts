// How a server action answers, so that a refusal shows next to its form instead of an error page.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { RunRequestError } from "@/lib/runs/errors";
import { UserTextError } from "@/lib/text/user-text";
import { getCurrentUser, type CurrentUser } from "./index";
import { decide, type Resource, type Rule } from "./policy";

/** What a form's action answered: an error or a confirmation, and where to look next. */
export type ActionState = { error?: string; done?: string; link?: { href: string; label: string } };

/**
 * The signed-in user when the policy's rule lets them in, else the error to show in place: a
 * signed-out visitor is offered the sign-in page (coming back to `returnTo`), anyone else is told
 * nothing beyond "not found", like the pages.
 */
export async function actionUser(rule: Rule, returnTo: string, resource?: Resource): Promise<{ user: CurrentUser } | { refused: ActionState }> {
  const user = await getCurrentUser();
  const decision = decide(rule, user, resource);
  if (user && decision.allowed) return { user };
  if (!user) return { refused: { error: "You are signed out: sign in again, then retry.", link: { href: `/signin?callbackUrl=${encodeURIComponent(returnTo)}`, label: "Sign in" } } };
  return { refused: { error: "There is nothing here that you may change." } };
}

/**
 * Runs an action's work and turns every failure into an answer shown in place: a refusal the user
 * can act on keeps its message (a run it names gets a link); anything else is logged and reported
 * without details. Next's own redirects and not-found signals pass through.
 */
export async function answerInPlace(work: () => Promise<ActionState>, linkToRun?: (runId: string) => ActionState["link"]): Promise<ActionState> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof RunRequestError) return { error: error.message, link: error.runId && linkToRun ? linkToRun(error.runId) : undefined };
    if (error instanceof UserTextError) return { error: error.message };
    console.error("[action] failed:", error);
    return { error: "The server could not do this just now; nothing was changed. Please try again." };
  }
}
