import { seriousViolations } from "./axe";
import { expect, test, type Page } from "@playwright/test";
import { insertEntry, insertUser, insertVerifiedRun, SEAN_NORMALISED, withDatabase } from "./entry-fixtures";
import { specText } from "./submit-support";

const STAMP = Date.now();
const NAME = `Curves CNN ${STAMP}`;
let entryPath = "";

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

test.beforeAll(async () => {
  entryPath = await withDatabase(async (client) => {
    const owner = await insertUser(client, `Curve Owner ${STAMP}`);
    const admin = await insertUser(client, `Root ${STAMP}`);
    // jsonb reorders the keys; the page must show them in the reference's order again.
    const entryId = await insertEntry(client, { ownerId: owner, name: NAME, spec: SEAN_NORMALISED });
    await insertVerifiedRun(client, entryId, { reason: "submission", hoursAgo: 3, accuracy: 0.9 });
    await insertVerifiedRun(client, entryId, { reason: "engine upgrade", requestedBy: admin, hoursAgo: 2, accuracy: 0.88, lossScale: 1.2 });
    await insertVerifiedRun(client, entryId, { reason: "extra seed", seedOverride: 7, hoursAgo: 1, accuracy: 0.895, lossScale: 0.9 });
    return `/entries/${entryId}`;
  });
});

test("an entry page draws its runs' curves with axes, the confusion matrix with class names, and the images it gets wrong", async ({ page }) => {
  await page.goto(entryPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);

  const curves = page.getByTestId("entry-curves");
  const loss = curves.locator('svg[data-chart="Train loss"]');
  await expect(loss.locator('[data-axis="x"]')).toContainText("epoch");
  await expect(loss.locator('[data-axis="x"] text')).toHaveText(["1", "2", "3", "4", "5", "epoch"]);
  await expect(loss.locator('[data-axis="y"] text').first()).toHaveText("0.0");
  await expect(curves.locator('svg[data-chart="Learning rate"]')).toBeVisible();
  await expect(curves.locator('svg[data-chart="Test accuracy (%)"]')).toBeVisible();
  // Three verified runs, overlaid, told apart by a legend.
  await expect(curves.getByRole("list", { name: "Runs in the charts" }).getByRole("listitem")).toHaveText([
    /^#1 · submission · seed 42/,
    /^#2 · engine upgrade · seed 42/,
    /^#3 · extra seed · seed 7 \(extra seed\)/,
  ]);
  await expect(loss.locator("polyline")).toHaveCount(3);

  const newest = page.getByTestId("run").first();
  const matrix = newest.getByTestId("confusion-matrix");
  await expect(matrix.getByRole("columnheader", { name: "Ankle boot" })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: "T-shirt/top" })).toBeVisible();
  await expect(matrix.getByRole("row").nth(1)).toContainText("89.5%");

  const wrong = newest.getByTestId("misclassified");
  const boot = wrong.getByRole("img", { name: "Test image 0, true: Ankle boot, predicted: Sneaker" });
  await expect(boot).toBeVisible();
  expect(await boot.evaluate((image: HTMLImageElement) => [image.complete, image.naturalWidth, image.naturalHeight])).toEqual([true, 28, 28]);
  await expect(wrong).toContainText("true: Pullover");
  await expect(wrong).toContainText("predicted: Coat");

  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/screenshots/entry-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // The page scrolls down, never sideways: the matrix and the history table scroll inside their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/screenshots/entry-phone.png", fullPage: true });
});

test("the run history says who asked, why and when, flags a change beyond the noise, and lists each seed's result", async ({ page }) => {
  await page.goto(entryPath);
  const rows = page.getByTestId("run-history").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("seed 7 (extra seed)");
  await expect(rows.nth(0)).toContainText("system");
  await expect(rows.nth(1)).toContainText(`Root ${STAMP}`);
  await expect(rows.nth(1)).toContainText("engine upgrade");
  await expect(rows.nth(1)).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(rows.nth(1)).toContainText("−2.00 ⚠ beyond noise (±0.87)");
  await expect(rows.nth(2)).toContainText("submission");
  await expect(page.getByTestId("seed-results").locator("tbody tr")).toHaveText([/seed 42 \(the spec's\)\s*88\.0/, /seed 7 \(extra seed\)\s*89\.5/]);
});

test("the spec is shown and downloaded with its keys in the reference's order, and Fork loads it so", async ({ page }) => {
  await page.goto(entryPath);
  const expected = ["version", "seed", "budgets", "model", "loss", "optimizer", "schedule", "data"];
  expect(Object.keys(JSON.parse((await page.getByTestId("spec-json").textContent()) ?? ""))).toEqual(expected);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download spec" }).click()]);
  expect(download.suggestedFilename()).toBe(`curves-cnn-${STAMP}.spec.json`);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.startsWith('{\n  "version": 1,\n  "seed": 42,\n  "budgets"')).toBe(true);
  expect(JSON.parse(text)).toEqual(SEAN_NORMALISED);
  const pool = JSON.parse(text).model.layers[1];
  expect(Object.keys(pool)).toEqual(["type", "size", "stride", "padding"]);

  const response = await page.request.get(`${entryPath}/spec.json`);
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="curves-cnn-${STAMP}.spec.json"`);
  expect(response.headers()["content-type"]).toContain("application/json");

  await page.goto(`/submit?from=${entryPath.split("/")[2]}`);
  expect(Object.keys(JSON.parse(await specText(page).inputValue()))).toEqual(expected);
});

test("a seeded entry shows its reported numbers, date and source instead of an empty history", async ({ page }) => {
  const seanId = await withDatabase(
    async (client) => (await client.query<{ id: string }>("select entry_id as id from reported_results where participant = 'Sean Moriarity' and entry_id is not null limit 1")).rows[0]!.id,
  );
  await page.goto(`/entries/${seanId}`);
  const reported = page.getByTestId("reported-results");
  await expect(reported.getByRole("heading")).toHaveText("Reported results (not verified)");
  await expect(reported.locator("tbody tr")).toHaveText([/5 epochs\s*90\.7%\s*2023-08-13/, /20 epochs\s*91\.1%\s*2023-08-13/, /50 epochs\s*90\.9%\s*2023-08-13/]);
  await expect(reported).toContainText("Source: Sean's #ElixirFashionMLChallenge leaderboard on 8/13/2023 (self-reported)");
  await expect(page.locator("main")).toContainText("reported 2023-08-13");
  await expect(page.locator("main")).not.toContainText("No runs yet.");
  await expectNoSeriousViolations(page);
});
