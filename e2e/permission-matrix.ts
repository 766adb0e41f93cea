/**
 * The permission matrix: every page, route handler (per method) and server action, and what each
 * kind of viewer gets. lib/auth/policy.test.ts checks that it covers every file on disk and agrees
 * with lib/auth/policy.ts; e2e/permission-matrix.e2e.ts walks the pages and routes over real HTTP.
 *
 * allowed: served (2xx/3xx, or a 4xx about the input, never 401/403/404/5xx). sign_in: 401 from a
 * route, a redirect to /signin from a page or action. not_found: 404, so that nobody learns what
 * exists. `fixture` is the resource the row is asked about: a hidden entry, or a development run of
 * a visible entry, both owned by "owner".
 */
export const ROLES = ["signed_out", "participant", "owner", "admin"] as const;
export type MatrixRole = (typeof ROLES)[number];
export type Outcome = "allowed" | "sign_in" | "not_found";
export type Fixture = "none" | "hidden_entry" | "development_run";
export type MatrixRow = { fixture: Fixture; expect: Record<MatrixRole, Outcome> };

const everyone: MatrixRow = { fixture: "none", expect: { signed_out: "allowed", participant: "allowed", owner: "allowed", admin: "allowed" } };
const signedIn: MatrixRow = { fixture: "none", expect: { signed_out: "sign_in", participant: "allowed", owner: "allowed", admin: "allowed" } };
const adminsOnly: MatrixRow = { fixture: "none", expect: { signed_out: "sign_in", participant: "not_found", owner: "not_found", admin: "allowed" } };
/** The owner's own entry (hidden here, so that nobody else even learns it exists): admins act through their own controls. */
const ownerOnly: MatrixRow = { fixture: "hidden_entry", expect: { signed_out: "sign_in", participant: "not_found", owner: "allowed", admin: "not_found" } };
const hiddenEntry: MatrixRow = { fixture: "hidden_entry", expect: { signed_out: "not_found", participant: "not_found", owner: "allowed", admin: "allowed" } };

export const PAGES: Record<string, MatrixRow> = {
  "/": everyone,
  "/admin": adminsOnly,
  "/boards/[budget]": everyone,
  // Each side is checked with getEntry: a hidden entry is named only to its owner and admins.
  "/compare": everyone,
  "/entries/[id]": hiddenEntry,
  // The hidden entry's owner's page: public, listing the hidden entry only for them and admins.
  "/participants/[id]": { ...everyone, fixture: "hidden_entry" },
  "/queue": everyone,
  "/settings/tokens": signedIn,
  "/signin": everyone,
  "/spec": everyone,
  "/submit": everyone,
};

export const ROUTES: Record<string, MatrixRow> = {
  "GET /api/auth/[...nextauth]": everyone,
  "POST /api/auth/[...nextauth]": everyone,
  "GET /api/boards/[budget]": everyone,
  "POST /api/entries": signedIn,
  "GET /api/entries/[id]": hiddenEntry,
  // A development run is its owner's alone, admins included.
  "GET /api/runs/[id]/events": { fixture: "development_run", expect: { signed_out: "not_found", participant: "not_found", owner: "allowed", admin: "not_found" } },
  "GET /entries/[id]/spec.json": hiddenEntry,
  "GET /spec/schema.json": everyone,
};

/** Keyed by file under app/ and export name; checked against the policy directly (see the spec). */
export const ACTIONS: Record<string, MatrixRow> = {
  "admin/actions.ts#setRoleAction": adminsOnly,
  "entries/[id]/actions.ts#cancelRunAction": { fixture: "hidden_entry", expect: { signed_out: "sign_in", participant: "not_found", owner: "allowed", admin: "allowed" } },
  "entries/[id]/actions.ts#editEntryAction": ownerOnly,
  "entries/[id]/actions.ts#requeueRunAction": ownerOnly,
  "entries/[id]/actions.ts#reverifyAction": adminsOnly,
  "entries/[id]/actions.ts#setHiddenAction": adminsOnly,
  "entries/[id]/actions.ts#withdrawEntryAction": ownerOnly,
  "entries/[id]/seed-actions.ts#verifyExtraSeedsAction": adminsOnly,
  "settings/tokens/actions.ts#createTokenAction": signedIn,
  "settings/tokens/actions.ts#revokeTokenAction": signedIn,
  "submit/actions.ts#submitEntryAction": signedIn,
};
