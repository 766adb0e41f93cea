import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { databaseUrl } from "../tests/database";
import { ADMIN_EMAIL, signIn } from "./helpers";
import { PAGES, ROLES, ROUTES, type MatrixRole, type MatrixRow } from "./permission-matrix";

/**
 * Walks every page and route handler of e2e/permission-matrix.ts over real HTTP, as each kind of
 * viewer with a real sign-in, against a hidden entry and a development run that "owner" submitted
 * through the API. Server actions are checked against the policy in lib/auth/policy.test.ts.
 * Then the leaks of findings 6, 9 and 10, over HTTP too.
 */
const BASE_URL = `http://127.0.0.1:${process.env.CATWALK_E2E_PORT ?? 3100}`;
const STAMP = Date.now();
const TINY_SPEC = { version: 1, budgets: [5], model: { layers: [{ type: "flatten" }, { type: "dense", units: 10 }] } };
const NAMES: Record<Exclude<MatrixRole, "signed_out">, string> = { admin: ADMIN_EMAIL, owner: `Matrix Owner ${STAMP}`, participant: `Matrix Stranger ${STAMP}` };
const HIDDEN_NAME = `matrix hidden ${STAMP}`;
const WORKER = "secret-build-host:4242:zz99";
const STDERR = `Traceback: RuntimeError at /srv/secret-path/${STAMP}`;
const LOG_TAIL = `engine: reading /srv/secret-logs/${STAMP}`;

const viewers = {} as Record<MatrixRole, Page>;
const ids = { hiddenEntry: "", ownerId: "", developmentEntry: "", developmentRun: "", failedRun: "" };

const submit = (page: Page, body: Record<string, unknown>) => page.request.post("/api/entries", { data: body, headers: { origin: BASE_URL } });

async function submitted(page: Page, body: Record<string, unknown>): Promise<{ entryId: string; runId: string }> {
  const response = await submit(page, body);
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

/** A failed full-data run on the development entry, as a worker records one (host:pid and the engine's stderr). */
async function insertFailedRun(entryId: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e") });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `insert into runs (entry_id, budgets, state, finished_at, worker_id, error_kind, error, log_tail, reason)
       values ($1, '{5}', 'failed', now(), $2, 'out_of_memory', $3, $4, 'submission') returning id`,
      [entryId, WORKER, STDERR, LOG_TAIL],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

test.describe("permissions over real HTTP", () => {
  test.beforeAll(async ({ browser }) => {
    // The admin signs in first: in local mode the first user ever is an admin.
    for (const role of ["admin", "owner", "participant", "signed_out"] as const) {
      const page = await (await browser.newContext({ baseURL: BASE_URL })).newPage();
      if (role === "signed_out") await page.goto("/");
      else await signIn(page, NAMES[role]);
      viewers[role] = page;
    }
    const hidden = await submitted(viewers.owner, { name: HIDDEN_NAME, spec: { ...TINY_SPEC, seed: STAMP % 100_000 }, trainLimit: 64 });
    const development = await submitted(viewers.owner, { name: `matrix development ${STAMP}`, spec: { ...TINY_SPEC, seed: (STAMP % 100_000) + 1 }, trainLimit: 64 });
    Object.assign(ids, { hiddenEntry: hidden.entryId, developmentEntry: development.entryId, developmentRun: development.runId });
    ids.ownerId = (await (await viewers.owner.request.get(`/api/entries/${hidden.entryId}`)).json()).owner.id;
    ids.failedRun = await insertFailedRun(development.entryId);

    // The admin hides the entry through the real page and action.
    await viewers.admin.goto(`/entries/${hidden.entryId}`);
    await viewers.admin.getByLabel("Reason (optional").fill(`e2e: hidden for the matrix ${STAMP}`);
    await viewers.admin.getByRole("button", { name: "Hide entry" }).click();
    await expect(viewers.admin.getByRole("status")).toHaveText("Hidden from the boards.");
    // …and the audit log on /admin says who hid it and why.
    await viewers.admin.goto("/admin");
    const logged = viewers.admin.getByRole("region", { name: "Audit log" }).getByRole("row").filter({ hasText: `e2e: hidden for the matrix ${STAMP}` });
    await expect(logged).toContainText("hide entry");
  });

  test.afterAll(async () => {
    for (const page of Object.values(viewers)) await page.context().close();
  });

  function concreteUrl(key: string, row: MatrixRow): { method: string; url: string } {
    const [method, pattern] = key.includes(" ") ? (key.split(" ") as [string, string]) : ["GET", key];
    const id = pattern.startsWith("/participants/") ? ids.ownerId : row.fixture === "development_run" ? ids.developmentRun : ids.hiddenEntry;
    const url = pattern
      .replace("[id]", id)
      .replace("[budget]", "5")
      .replace("[...nextauth]", method === "GET" ? "session" : "signout");
    return { method, url };
  }

  async function probe(page: Page, method: string, url: string): Promise<{ status: number; location: string | null }> {
    // An event stream stays open while its run is active: read the status line, then hang up.
    if (url.endsWith("/events")) {
      return page.evaluate(async (target) => {
        const controller = new AbortController();
        const response = await fetch(target, { signal: controller.signal });
        controller.abort();
        return { status: response.status, location: null };
      }, url);
    }
    const response =
      method === "GET"
        ? await page.request.get(url, { maxRedirects: 0 })
        : url.startsWith("/api/auth/")
          ? await page.request.post(url, { form: { callbackUrl: "/" }, headers: { origin: BASE_URL }, maxRedirects: 0 })
          : await page.request.post(url, { data: {}, headers: { origin: BASE_URL }, maxRedirects: 0 });
    return { status: response.status(), location: response.headers()["location"] ?? null };
  }

  function outcome({ status, location }: { status: number; location: string | null }): string {
    if (status >= 500) return `server error ${status}`;
    if (status === 401) return "sign_in";
    if (status === 403) return "forbidden";
    if (status === 404) return "not_found";
    if (status >= 300 && status < 400 && location && new URL(location, BASE_URL).pathname === "/signin") return "sign_in";
    return "allowed";
  }

  test("every page and route handler answers each viewer as the matrix says, never with a 500", async () => {
    for (const [key, row] of Object.entries({ ...PAGES, ...ROUTES })) {
      const { method, url } = concreteUrl(key, row);
      for (const role of ROLES) {
        const answer = await probe(viewers[role], method, url);
        expect.soft(outcome(answer), `${method} ${url} (${key}) as ${role}: ${answer.status}`).toBe(row.expect[role]);
      }
    }
  });

  test("a hidden entry shows nowhere to others: boards, queue, participant page, fork source, a fork's parent link", async () => {
    const fork = await submitted(viewers.owner, { name: `matrix fork ${STAMP}`, spec: { ...TINY_SPEC, seed: (STAMP % 100_000) + 2 }, parentId: ids.hiddenEntry, trainLimit: 64 });
    for (const role of ["signed_out", "participant"] as const) {
      const { request } = viewers[role];
      for (const url of ["/", "/queue", "/api/boards/5", `/participants/${ids.ownerId}`, `/submit?from=${ids.hiddenEntry}`, `/entries/${fork.entryId}`]) {
        const body = await (await request.get(url)).text();
        expect.soft(body, `${url} as ${role}`).not.toContain(HIDDEN_NAME);
        if (!url.includes(ids.hiddenEntry)) expect.soft(body, `${url} as ${role}`).not.toContain(ids.hiddenEntry);
      }
      expect((await (await request.get(`/api/entries/${fork.entryId}`)).json()).parent).toBeNull();
    }
    expect((await (await viewers.owner.request.get(`/api/entries/${fork.entryId}`)).json()).parent).toEqual({ id: ids.hiddenEntry, name: HIDDEN_NAME });

    const stolen = await submit(viewers.participant, { name: `stolen fork ${STAMP}`, spec: { ...TINY_SPEC, seed: 7 }, parentId: ids.hiddenEntry });
    expect(stolen.status()).toBe(422);
    expect((await stolen.json()).issues).toEqual([expect.objectContaining({ path: "parentId" })]);
    const unknown = await submit(viewers.participant, { name: `orphan ${STAMP}`, spec: { ...TINY_SPEC, seed: 8 }, parentId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).issues).toEqual([expect.objectContaining({ path: "parentId" })]);
  });

  test("the public sees a failed run's outcome, the owner its reason and worker; a development run is the owner's alone", async () => {
    for (const role of ["signed_out", "participant", "admin"] as const) {
      const entry = await (await viewers[role].request.get(`/api/entries/${ids.developmentEntry}`)).json();
      expect(entry.runs.map((run: { id: string }) => run.id), role).not.toContain(ids.developmentRun);
    }
    for (const role of ["signed_out", "participant"] as const) {
      const { request } = viewers[role];
      const entry = await (await request.get(`/api/entries/${ids.developmentEntry}`)).json();
      expect(entry.runs.find((run: { id: string }) => run.id === ids.failedRun)).toMatchObject({ state: "failed", errorKind: "out_of_memory", error: null, workerId: null });
      for (const url of [`/api/entries/${ids.developmentEntry}`, `/entries/${ids.developmentEntry}`]) {
        const body = await (await request.get(url)).text();
        expect.soft(body, `${url} as ${role}`).not.toContain("secret-build-host");
        expect.soft(body, `${url} as ${role}`).not.toContain("secret-path");
        expect.soft(body, `${url} as ${role}`).not.toContain("secret-logs");
      }
    }
    const mine = await (await viewers.owner.request.get(`/api/entries/${ids.developmentEntry}`)).json();
    expect(mine.runs.map((run: { id: string }) => run.id)).toContain(ids.developmentRun);
    expect(mine.runs.find((run: { id: string }) => run.id === ids.failedRun)).toMatchObject({ error: STDERR, workerId: WORKER, logTail: LOG_TAIL });
    const asAdmin = await (await viewers.admin.request.get(`/api/entries/${ids.developmentEntry}`)).json();
    expect(asAdmin.runs.find((run: { id: string }) => run.id === ids.failedRun)).toMatchObject({ error: STDERR, workerId: WORKER, logTail: LOG_TAIL });
  });

  test("names with a NUL, only zero-width characters or a bidi override are 422 at name, not 500", async () => {
    for (const name of ["nul\u0000name", "\u200B\u200D\uFEFF", "evil\u202Egnp.exe", "isolate\u2067x\u2069"]) {
      const response = await submit(viewers.participant, { name, spec: { ...TINY_SPEC, seed: 9 } });
      expect(response.status(), JSON.stringify(name)).toBe(422);
      expect((await response.json()).issues).toEqual([expect.objectContaining({ path: "name" })]);
    }
  });
});
