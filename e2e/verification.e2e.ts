import { expect, test, type Page } from "@playwright/test";
import { ADMIN_EMAIL, board, signIn, signOut } from "./helpers";
import { fillSpecEditor, openSubmitForm } from "./submit-support";

/** A tiny model on a few hundred images: the real worker and engine verify it in seconds. */
const SMALL_SPEC = {
  version: 1,
  seed: 7,
  budgets: [5],
  model: { layers: [{ type: "flatten" }, { type: "dense", units: 10 }] },
  schedule: { type: "constant", lr: 0.01 },
  data: { batchSize: 32 },
};

/** Records every state the first run card shows, from now on, without reloading the page. */
async function watchRunStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __states: string[] }).__states = seen;
    const record = () => {
      const state = document.querySelector("[data-testid=run]")?.getAttribute("data-state");
      if (state && seen[seen.length - 1] !== state) seen.push(state);
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

const statesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __states?: string[] }).__states ?? []);

test.describe.serial("an entry verified by the real worker", () => {
  const name = `tiny-mlp-${Date.now()}`;
  let entryPath = "";

  test("a participant submits an entry with data limits and watches it verify live; it stays off the boards", async ({ page }) => {
    await signIn(page, "Ada");
    await openSubmitForm(page);
    // The worker's default limit (CATWALK_BUDGET_TIME_LIMIT_SECONDS unset), stated on the form.
    await expect(page.getByText("Each budget may train for at most 12 h; a run over that limit ends as timed out.")).toBeVisible();
    await fillSpecEditor(page, JSON.stringify(SMALL_SPEC, null, 2));
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Train limit").fill("512");
    await page.getByRole("button", { name: "Submit entry" }).click();

    await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);
    entryPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await watchRunStates(page);

    const run = page.getByTestId("run").first();
    await expect(run).toHaveAttribute("data-state", "verified", { timeout: 180_000 });
    const states = await statesSeen(page);
    // Pushed by server-sent events: the page was never reloaded, and it went through running.
    expect(states[0]).toMatch(/^(queued|running)$/);
    expect(states).toContain("running");
    expect(states.at(-1)).toBe("verified");
    expect(states.indexOf("running")).toBeLessThan(states.indexOf("verified"));

    await expect(run.getByTestId("budget-results")).toContainText("5 epochs");
    await expect(run.getByTestId("training-curves")).toBeVisible();
    await expect(run).toContainText("development run: evaluated on a fixed slice of the training set, never ranked");
    await expect(run.getByTestId("development-evaluation")).toContainText("its last 2,000 images, never trained on");

    await page.goto("/");
    await expect(board(page, 5)).toBeVisible();
    // A development run is never on a board, not even in a side list.
    await expect(page.locator("body")).not.toContainText(name);
  });

  test("an admin verifies the entry again; its owner sees the new run beside the old one with the difference shown", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto(entryPath);
    // Development runs are their owner's alone: the admin sees none of this entry's runs.
    await expect(page.getByTestId("run")).toHaveCount(0);
    await page.getByLabel("Reason for verification").fill("e2e: check the result again");
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("A new verification run is queued.");
    await signOut(page);

    await signIn(page, "Ada");
    await page.goto(entryPath);
    await expect(page.getByTestId("run")).toHaveCount(2);
    const newest = page.getByTestId("run").first();
    await expect(newest).toContainText("e2e: check the result again");
    await expect(newest).toHaveAttribute("data-state", "verified", { timeout: 180_000 });
    await expect(page.getByTestId("difference")).toContainText("Against the previous verified run: 5 epochs");
    await expect(page.getByTestId("run").nth(1)).toHaveAttribute("data-state", "verified");
    await signOut(page);

    await signIn(page, ADMIN_EMAIL);
    await page.goto("/admin");
    const logged = page.getByRole("region", { name: "Audit log" }).getByRole("row").filter({ hasText: "e2e: check the result again" });
    await expect(logged).toHaveCount(1);
    await expect(logged).toContainText("reverify");
    await expect(logged.getByRole("link", { name: `entry ${name}` })).toHaveAttribute("href", entryPath);
    await signOut(page);
  });
});
