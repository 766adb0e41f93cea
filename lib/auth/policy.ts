/**
 * Who may do what: the one place that decides, for every page, route handler and server action,
 * whether a viewer (signed out, a participant, the owner of the resource, an admin) is let in, and
 * what each may see of entries and runs. Pure: callers load the viewer and the resource and ask.
 */
import { isDevelopmentRun } from "@/lib/runs/development-run";

export type Viewer = { id: string; role: string } | null;

/** The resource a rule is asked about: an entry (its owner, whether hidden), and a run of it. */
export type Resource = { ownerId: string; hidden?: boolean; run?: { trainLimit: number | null } };

/**
 * anyone: public. signed_in: any account. admin: admins only. entry: public unless the entry is
 * hidden (then its owner and admins). run: as entry, and a development run only by its owner.
 * owner_or_admin: the resource's owner or an admin. owner: the resource's owner alone.
 */
export type Rule = "anyone" | "signed_in" | "admin" | "entry" | "run" | "owner_or_admin" | "owner";

/** sign_in: 401 (pages send the viewer to sign in); not_found: 404, so nobody learns what exists. */
export type Refusal = "sign_in" | "not_found";
export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

/** Every page by its path, every route handler by method and path, every server action by file and name. */
export const PAGE_RULES = {
  "/": "anyone",
  "/admin": "admin",
  "/boards/[budget]": "anyone",
  "/compare": "anyone",
  "/entries/[id]": "entry",
  "/participants/[id]": "anyone",
  "/queue": "anyone",
  "/settings/tokens": "signed_in",
  "/signin": "anyone",
  "/spec": "anyone",
  // The form is public; submitting it needs an account (the action's rule).
  "/submit": "anyone",
} as const satisfies Record<string, Rule>;

export const ROUTE_RULES = {
  "GET /api/auth/[...nextauth]": "anyone",
  "POST /api/auth/[...nextauth]": "anyone",
  "GET /api/boards/[budget]": "anyone",
  // Signed in by cookie or by a personal API token (Authorization: Bearer).
  "POST /api/entries": "signed_in",
  "GET /api/entries/[id]": "entry",
  "GET /api/runs/[id]/events": "run",
  "GET /entries/[id]/spec.json": "entry",
  "GET /spec/schema.json": "anyone",
} as const satisfies Record<string, Rule>;

export const ACTION_RULES = {
  "admin/actions.ts#setRoleAction": "admin",
  "entries/[id]/actions.ts#cancelRunAction": "owner_or_admin",
  "entries/[id]/actions.ts#editEntryAction": "owner",
  "entries/[id]/actions.ts#requeueRunAction": "owner",
  "entries/[id]/actions.ts#withdrawEntryAction": "owner",
  "entries/[id]/actions.ts#reverifyAction": "admin",
  "entries/[id]/actions.ts#setHiddenAction": "admin",
  "entries/[id]/seed-actions.ts#verifyExtraSeedsAction": "admin",
  // Each acts on the caller's own tokens only.
  "settings/tokens/actions.ts#createTokenAction": "signed_in",
  "settings/tokens/actions.ts#revokeTokenAction": "signed_in",
  "submit/actions.ts#submitEntryAction": "signed_in",
} as const satisfies Record<string, Rule>;

const ALLOWED: Decision = { allowed: true };
const refuse = (refusal: Refusal): Decision => ({ allowed: false, refusal });

export const isAdmin = (viewer: Viewer): boolean => viewer?.role === "admin";
const isOwner = (viewer: Viewer, resource: Resource | undefined): boolean => !!viewer && !!resource && viewer.id === resource.ownerId;

export function decide(rule: Rule, viewer: Viewer, resource?: Resource): Decision {
  switch (rule) {
    case "anyone":
      return ALLOWED;
    case "signed_in":
      return viewer ? ALLOWED : refuse("sign_in");
    case "admin":
      return !viewer ? refuse("sign_in") : isAdmin(viewer) ? ALLOWED : refuse("not_found");
    case "owner_or_admin":
      return !viewer ? refuse("sign_in") : isAdmin(viewer) || isOwner(viewer, resource) ? ALLOWED : refuse("not_found");
    case "owner":
      return !viewer ? refuse("sign_in") : isOwner(viewer, resource) ? ALLOWED : refuse("not_found");
    case "entry":
      return resource && canSeeEntry(resource, viewer) ? ALLOWED : refuse("not_found");
    case "run":
      return resource?.run && canSeeEntry(resource, viewer) && canSeeRun(resource.run, resource, viewer) ? ALLOWED : refuse("not_found");
  }
}

/** Hidden entries exist only for their owner and admins: boards, API, pages, fork sources, queue, streams. */
export function canSeeEntry(entry: { ownerId: string; hidden?: boolean }, viewer: Viewer): boolean {
  return !entry.hidden || isAdmin(viewer) || isOwner(viewer, entry);
}

/** Development runs are their owner's alone; every other run of a visible entry is public. */
export function canSeeRun(run: { trainLimit: number | null }, entry: { ownerId: string }, viewer: Viewer): boolean {
  return !isDevelopmentRun(run) || isOwner(viewer, entry);
}

/** A failed run's reason, log tail and worker: for the entry's owner and admins; the public sees the outcome. */
export function canSeeRunDetails(entry: { ownerId: string }, viewer: Viewer): boolean {
  return isAdmin(viewer) || isOwner(viewer, entry);
}
