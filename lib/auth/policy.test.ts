import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ACTIONS, PAGES, ROLES, ROUTES, type Fixture, type MatrixRole, type MatrixRow } from "@/e2e/permission-matrix";
import { ACTION_RULES, decide, PAGE_RULES, ROUTE_RULES, type Resource, type Rule, type Viewer } from "./policy";

const APP = path.resolve(import.meta.dirname, "../../app");

function filesNamed(dir: string, name: string | RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return filesNamed(full, name);
    return (typeof name === "string" ? item.name === name : name.test(item.name)) ? [full] : [];
  });
}

/** app/entries/[id]/page.tsx → /entries/[id]; route groups such as (site) are not in the URL. */
function urlPath(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

const METHODS = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS";

/** The HTTP methods a route.ts exports: functions, constants, or `export { handler as GET }`. */
function exportedMethods(source: string): string[] {
  const direct = [...source.matchAll(new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let)\\s+(${METHODS})\\b`, "g"))].map((match) => match[1]!);
  const renamed = [...source.matchAll(new RegExp(`\\bas\\s+(${METHODS})\\b`, "g"))].map((match) => match[1]!);
  return [...new Set([...direct, ...renamed])];
}

/** A "use server" file's exports are all actions. */
function exportedFunctions(source: string): string[] {
  return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((match) => match[1]!);
}

const discovered = {
  pages: filesNamed(APP, "page.tsx").map(urlPath),
  routes: filesNamed(APP, "route.ts").flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${urlPath(file)}`)),
  // actions.ts, or a page's second action file named for its job (seed-actions.ts).
  actions: filesNamed(APP, /^(?:[\w-]+-)?actions\.ts$/).flatMap((file) =>
    exportedFunctions(readFileSync(file, "utf8")).map((name) => `${path.relative(APP, file).split(path.sep).join("/")}#${name}`),
  ),
};

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe("the permission matrix covers everything on disk", () => {
  test("discovery finds the pages, routes and actions it should (a sanity check on the walk itself)", () => {
    expect(discovered.pages).toContain("/entries/[id]");
    expect(discovered.routes).toContain("POST /api/auth/[...nextauth]");
    expect(discovered.actions).toContain("submit/actions.ts#submitEntryAction");
  });

  test.each([
    ["page", discovered.pages, PAGES, PAGE_RULES],
    ["route handler", discovered.routes, ROUTES, ROUTE_RULES],
    ["server action", discovered.actions, ACTIONS, ACTION_RULES],
  ] as const)("every %s has a row in the matrix and a rule in the policy, and no row is stale", (_kind, found, matrix, rules) => {
    const missingRows = found.filter((key) => !(key in matrix));
    expect(missingRows, "add these to e2e/permission-matrix.ts").toEqual([]);
    const missingRules = found.filter((key) => !(key in rules));
    expect(missingRules, "add these to lib/auth/policy.ts").toEqual([]);
    expect(sorted(Object.keys(matrix))).toEqual(sorted(found));
    expect(sorted(Object.keys(rules))).toEqual(sorted(found));
  });
});

const OWNER = "00000000-0000-4000-8000-00000000000a";
const VIEWERS: Record<MatrixRole, Viewer> = {
  signed_out: null,
  participant: { id: "00000000-0000-4000-8000-00000000000b", role: "participant" },
  owner: { id: OWNER, role: "participant" },
  admin: { id: "00000000-0000-4000-8000-00000000000c", role: "admin" },
};
const RESOURCES: Record<Fixture, Resource | undefined> = {
  none: undefined,
  hidden_entry: { ownerId: OWNER, hidden: true },
  development_run: { ownerId: OWNER, hidden: false, run: { trainLimit: 256 } },
};

function outcome(rule: Rule, role: MatrixRole, fixture: Fixture): string {
  const decision = decide(rule, VIEWERS[role], RESOURCES[fixture]);
  return decision.allowed ? "allowed" : decision.refusal;
}

function rows(matrix: Record<string, MatrixRow>, rules: Record<string, Rule>) {
  return Object.entries(matrix).flatMap(([key, row]) => ROLES.map((role) => [key, role, row, rules[key]!] as const));
}

describe("the policy decides as the matrix says", () => {
  test.each([...rows(PAGES, PAGE_RULES), ...rows(ROUTES, ROUTE_RULES), ...rows(ACTIONS, ACTION_RULES)])("%s as %s", (_key, role, row, rule) => {
    expect(outcome(rule, role, row.fixture)).toBe(row.expect[role]);
  });

  test("every server action asks the policy for its own row (actions are not walked over HTTP)", () => {
    for (const key of Object.keys(ACTIONS)) {
      const source = readFileSync(path.join(APP, key.slice(0, key.indexOf("#"))), "utf8");
      expect(source, key).toContain(`ACTION_RULES["${key}"]`);
    }
  });
});
