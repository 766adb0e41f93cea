import { seriousViolations } from "./axe";
import { expect, test } from "@playwright/test";
import { insertEntry, insertUser, insertVerifiedRun, SEAN_NORMALISED, withDatabase } from "./entry-fixtures";

const STAMP = Date.now();
const ids = { parent: "", fork: "", hidden: "" };

test.beforeAll(async () => {
  await withDatabase(async (client) => {
    const owner = await insertUser(client, `Compare Owner ${STAMP}`);
    const forker = await insertUser(client, `Compare Forker ${STAMP}`);
    ids.parent = await insertEntry(client, { ownerId: owner, name: `compare parent ${STAMP}`, spec: SEAN_NORMALISED });
    const forked = { ...SEAN_NORMALISED, seed: 7, data: { ...SEAN_NORMALISED.data, shuffle: true } };
    ids.fork = await insertEntry(client, { ownerId: forker, name: `compare fork ${STAMP}`, spec: forked, parentId: ids.parent });
    ids.hidden = await insertEntry(client, { ownerId: owner, name: `compare hidden ${STAMP}`, spec: SEAN_NORMALISED, hidden: true });
    await insertVerifiedRun(client, ids.parent, { reason: "submission", hoursAgo: 2, accuracy: 0.9 });
    await insertVerifiedRun(client, ids.fork, { reason: "submission", seed: 7, hoursAgo: 1, accuracy: 0.912 });
  });
});

test("a fork is compared with its parent: names, results with their difference, and a spec diff marked in text", async ({ page }) => {
  await page.goto(`/entries/${ids.fork}`);
  await page.getByRole("link", { name: `Compare with the parent, compare parent ${STAMP}` }).click();
  await page.waitForURL(`/compare?a=${ids.parent}&b=${ids.fork}`);

  const sides = page.getByRole("region", { name: "The two entries" });
  await expect(sides).toContainText(`compare parent ${STAMP}`);
  await expect(sides).toContainText(`by Compare Forker ${STAMP}`);
  const fiveEpochs = page.getByTestId("results-comparison").getByRole("row", { name: /^5 epochs/ });
  await expect(fiveEpochs).toContainText("90.0%");
  await expect(fiveEpochs).toContainText("91.2%");
  await expect(fiveEpochs).toContainText("+1.20 (beyond the noise of ±0.81)");

  await expect(page.getByTestId("spec-diff-summary")).toHaveText("2 lines only in A (−), 2 only in B (+).");
  const diff = page.getByTestId("spec-diff");
  await expect(diff.locator("del")).toHaveText(['−   "seed": 42,', '−     "shuffle": false,']);
  await expect(diff.locator("ins")).toHaveText(['+   "seed": 7,', '+     "shuffle": true,']);
  // The unchanged middle (the model and its training) folds away, and opens.
  const folded = diff.locator("details").filter({ hasText: '"layers"' });
  await expect(folded.locator("summary")).toHaveText(/^\d+ unchanged lines$/);
  await folded.locator("summary").click();
  await expect(folded).toContainText('"type": "maxpool"');

  expect(await seriousViolations(page)).toEqual([]);

  await page.screenshot({ path: "test-results/screenshots/compare-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // The page scrolls down, never sideways: wide parts (the diff, tables) scroll inside their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/compare-phone.png", fullPage: true });
});

test("Compare with… on an entry page takes another entry's link", async ({ page }) => {
  await page.goto(`/entries/${ids.parent}`);
  await page.getByLabel("Compare with… (another entry's id or link)").fill(`http://example.com/entries/${ids.fork}`);
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare entries");
  await expect(page.getByTestId("spec-diff-summary")).toHaveText("2 lines only in A (−), 2 only in B (+).");
});

test("bad or hidden entries are named by their field, and a hidden entry is never shown", async ({ page }) => {
  await page.goto(`/compare?a=not-an-id&b=${ids.hidden}`);
  await expect(page.getByTestId("compare-problems").getByRole("listitem")).toHaveText(["a: not an entry id or an entry's link.", `b: there is no entry ${ids.hidden}.`]);
  await expect(page.locator("main")).not.toContainText(`compare hidden ${STAMP}`);
  await expect(page.getByTestId("spec-diff")).toHaveCount(0);

  await page.goto("/compare");
  await expect(page.getByLabel("Entry A (id or link)")).toBeVisible();
  await expect(page.getByTestId("compare-problems")).toHaveCount(0);
});
