import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { databaseUrl } from "../tests/database";
import { signIn } from "./helpers";

/**
 * Personal API tokens over real HTTP: created on /settings/tokens, shown once, used by a script with
 * no cookie, revoked. Then `npm run reproduce` against this site retrains a token-submitted entry.
 */
const STAMP = Date.now();
const TINY_SPEC = { version: 1, budgets: [5], model: { layers: [{ type: "flatten" }, { type: "dense", units: 10 }] } };

/** Test clean-up, not a feature: the extra seeds would hold the site's one worker for minutes, delaying the other specs' runs. */
async function cancelExtraSeeds(entryId: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e") });
  await client.connect();
  try {
    await client.query(`update runs set state = 'cancelled', finished_at = now() where entry_id = $1 and reason = 'extra seed' and state in ('queued', 'running')`, [entryId]);
  } finally {
    await client.end();
  }
}

const submitWith = (request: APIRequestContext, token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request.post("/api/entries", { data: body, headers: { authorization: `Bearer ${token}`, ...headers } });

test.describe("personal API tokens", () => {
  test("created once on the settings page, they submit from a script with no cookie until revoked", async ({ page, playwright, baseURL }) => {
    const name = `Token User ${STAMP}`;
    await signIn(page, name);
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    await page.getByLabel("Token name").fill("e2e script");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("status")).toContainText("shown only this once");
    const token = await page.getByLabel("Your new token").inputValue();
    expect(token).toMatch(/^cwk_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole("row").filter({ hasText: "e2e script" });
    await expect(row).toContainText(`${token.slice(0, 10)}…`);
    await expect(row).toContainText("never");

    // A script: no cookie, no browser headers; a foreign Origin changes nothing for a bearer request (no ambient credential).
    const script = await playwright.request.newContext({ baseURL });
    const created = await submitWith(script, token, { name: `token entry ${STAMP}`, spec: { ...TINY_SPEC, seed: STAMP % 100_000 }, trainLimit: 64 }, { origin: "https://elsewhere.example" });
    expect(created.status(), await created.text()).toBe(201);
    const { entryId } = await created.json();
    expect((await (await script.get(`/api/entries/${entryId}`)).json()).owner.name).toBe(name);
    const invalid = await submitWith(script, token, { name: "", spec: TINY_SPEC });
    expect(invalid.status()).toBe(422);

    // The page shows the use, and never the token again.
    await page.reload();
    await expect(row).not.toContainText("never");
    expect(await page.content()).not.toContain(token.slice(10));

    await row.getByRole("button", { name: "Revoke e2e script" }).click();
    await expect(row).toContainText("revoked");
    for (const bad of [token, `${token.slice(0, -1)}x`, "cwk_short", ""]) {
      const refused = await submitWith(script, bad, { name: "after revoke", spec: TINY_SPEC });
      expect(refused.status(), bad).toBe(401);
      expect((await refused.json()).message).toMatch(/^Authorization: this API token is unknown or has been revoked/);
    }
    // Revoked tokens stay listed, marked, so their owner knows what stopped working.
    await page.reload();
    await expect(row).toContainText("revoked");
    await script.dispose();
  });

  test("a top result gets its extra seeds queued, and npm run reproduce retrains it identically from this site", async ({ page, baseURL }) => {
    // A full-data run and its retraining: about a minute on an idle 2-core machine, many more on a busy one.
    test.setTimeout(900_000);
    await signIn(page, `Reproducer ${STAMP}`);
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill("reproduce");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("Your new token").inputValue();
    // Full data: a ranked run, the only kind reproduce compares (a one-layer model trains in seconds).
    const created = await submitWith(page.request, token, { name: `reproduce me ${STAMP}`, spec: { ...TINY_SPEC, seed: (STAMP % 100_000) + 1 } });
    expect(created.status(), await created.text()).toBe(201);
    const { entryId, runId } = await created.json();
    type PublicRun = { id: string; reason: string; state: string };
    const entryRuns = async () => (await (await page.request.get(`/api/entries/${entryId}`)).json()).runs as PublicRun[];
    await expect.poll(async () => (await entryRuns()).find((run) => run.id === runId)?.state, { timeout: 600_000, intervals: [2_000] }).toBe("verified");

    // The first full-data result of this fresh site tops the 5-epoch board: its two extra seeds were
    // queued when it was verified (worker/extra-seed.test.ts shows them trained with the seeds asked for).
    await expect.poll(async () => (await entryRuns()).filter((run) => run.reason === "extra seed").length, { timeout: 30_000 }).toBe(2);
    await cancelExtraSeeds(entryId);

    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/reproduce.ts", `${baseURL}/entries/${entryId}`], { maxBuffer: 10 << 20 });
    console.log(stdout.split("\n").filter((line) => !line.startsWith('{"type":"checkpoint"')).join("\n"));
    const lines = stdout.trim().split("\n");
    expect(lines.some((line) => line.startsWith('{"type":"checkpoint","budget":5,'))).toBe(true);
    expect(lines.filter((line) => /^budget 5: recorded \d+\.\d\d, reproduced \d+\.\d\d — identical$/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("note:"))).toEqual([]);

    // A usage error says so, with exit code 2.
    const usage = await promisify(execFile)("npx", ["tsx", "scripts/reproduce.ts", "not-an-entry"]).catch((error: { code: number; stderr: string }) => error);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: npm run reproduce") });
  });
});
