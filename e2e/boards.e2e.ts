import { seriousViolations } from "./axe";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PREFIX, deleteBoardFixtures, insertBoardFixtures } from "./boards-fixtures";
import { board } from "./helpers";

type ApiRow = { rank: number; kind: string; creditText: string; entryName: string; accuracy: number; tiedWithLeader: boolean; params: number | null };
type ApiBoard = { budget: number; rows: ApiRow[]; reported: { participant: string; creditText: string; kind: string }[]; records: { entryName: string }[] };

test.describe.configure({ mode: "serial" });
test.beforeAll(insertBoardFixtures);
test.afterAll(deleteBoardFixtures);

const rankedRows = (page: Page, budget: 5 | 20 | 50): Locator => board(page, budget).locator("tbody tr");
/** The fixture's entry names in the order the 5-epoch ranking shows them. */
const shownEntries = async (page: Page): Promise<string[]> =>
  (await rankedRows(page, 5).allInnerTexts()).map((text) => text.match(new RegExp(`${PREFIX} [a-z-]+`))?.[0]).filter((name) => name !== undefined);
const name = (short: string) => `${PREFIX} ${short}`;

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  expect(await seriousViolations(page, "main")).toEqual([]);
}

test("only verified results are ranked; the reported history is listed apart, marked", async ({ page }) => {
  await page.goto("/");
  for (const budget of [5, 20, 50] as const) await expect(board(page, budget)).toBeVisible();

  const ranking = board(page, 5).getByRole("table");
  await expect(ranking.getByRole("row").filter({ hasText: name("ada-wide") })).toContainText("verified");
  await expect(ranking).not.toContainText("Jeremy Howard");
  await expect(ranking).not.toContainText("Sean Moriarity");

  const reported = board(page, 5).getByRole("region", { name: "Reported, not verified" });
  const sean = reported.getByRole("listitem").filter({ hasText: "Sean Moriarity: 90.7/91.1/90.9" });
  await expect(sean).toHaveAttribute("data-kind", "reported");
  await expect(sean).toContainText("reported 2023-08-13");
  await expect(sean).toContainText("source: Sean's #ElixirFashionMLChallenge leaderboard");
  const jeremy = reported.getByRole("listitem").filter({ hasText: "Jeremy Howard: 92.7/–/–" });
  await expect(jeremy).toContainText("reported, not verified");
  await expect(jeremy).toContainText("reported 2022-12-15");
  // The address in the source is a link; the recipe is an entry an admin can verify.
  await expect(jeremy.getByRole("link", { name: "https://github.com/fastai/course22p2/blob/3c998d5/nbs/14_augment.ipynb" })).toBeVisible();
  await expect(jeremy.getByRole("link", { name: "Going wider ResNet (course 2022-12-15)" })).toBeVisible();
  await expect(board(page, 20).getByRole("region", { name: "Reported, not verified" })).toContainText("91.1");
  await expect(board(page, 20)).not.toContainText("Jeremy Howard");
});

test("one row per participant by default, all entries on the toggle; ties with #1 and seed spread are marked", async ({ page }) => {
  await page.goto("/");
  expect(await shownEntries(page)).toEqual([name("ada-wide"), name("grace-cnn"), name("linus-tiny")]);
  const grace = rankedRows(page, 5).filter({ hasText: name("grace-cnn") });
  await expect(grace).toContainText("tied with #1");
  await expect(grace.getByTestId("seed-spread")).toHaveText(`3 seeds: 92.8 ± 0.25`);
  await expect(rankedRows(page, 5).filter({ hasText: name("linus-tiny") })).not.toContainText("tied with #1");
  await expect(board(page, 5)).toContainText(`Rows with seed runs: ${name("grace-cnn")}`);
  await expect(board(page, 5)).toContainText("95% interval");

  // A mark a full page load would wipe: the switch must be the client router's, fed its payload, not a page's HTML.
  await page.evaluate(() => Object.assign(window, { catwalkSameDocument: true }));
  await page.getByRole("navigation", { name: "Board view" }).getByRole("link", { name: "All entries" }).click();
  await expect(page).toHaveURL(/\?rows=all$/);
  // The address changes before the new rows are drawn: wait for them.
  await expect.poll(() => shownEntries(page)).toEqual([name("ada-wide"), name("grace-cnn"), name("ada-narrow"), name("linus-tiny")]);
  expect(await page.evaluate(() => "catwalkSameDocument" in window)).toBe(true);
  await expect(rankedRows(page, 5).filter({ hasText: name("ada-narrow") })).toContainText("tied with #1");

  const run = rankedRows(page, 5).filter({ hasText: name("ada-wide") }).getByRole("link", { name: /^\d{4}-\d{2}-\d{2}$/ });
  await expect(run).toHaveAttribute("href", /^\/entries\/[0-9a-f-]+#run-[0-9a-f-]+$/);

  // Every row but the leader's compares itself with the leader.
  const leader = rankedRows(page, 5).first();
  await expect(leader.getByRole("link", { name: "compare with #1" })).toHaveCount(0);
  await rankedRows(page, 5).filter({ hasText: name("grace-cnn") }).getByRole("link", { name: "compare with #1" }).click();
  await expect(page).toHaveURL(/\/compare\?a=[0-9a-f-]+&b=[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { name: "Compare entries" })).toBeVisible();
  await expect(page.getByText(name("ada-wide")).first()).toBeVisible();
});

test("sorting by parameters or date reorders the rows and keeps the accuracy rank", async ({ page }) => {
  await page.goto("/?rows=all");
  await page.getByRole("navigation", { name: "Board view" }).getByRole("link", { name: "Fewest parameters" }).click();
  await expect(page).toHaveURL(/\?rows=all&sort=params$/);
  // The counts come from the specs' analysis (lib/boards/spec-facts.test.ts checks it): three models of different sizes.
  const api = (await (await page.request.get("/api/boards/5?rows=all")).json()) as ApiBoard;
  const params = api.rows.filter((row) => row.entryName.startsWith(PREFIX)).map((row) => [row.entryName, row.params!] as const);
  expect(new Set(params.map(([, count]) => count)).size).toBe(3);
  // Equal parameter counts keep the accuracy order (ada-narrow above linus-tiny).
  const fewestFirst = [...params].sort((a, b) => a[1] - b[1]).map(([entry]) => entry);
  expect(fewestFirst).not.toEqual(params.map(([entry]) => entry));
  await expect.poll(() => shownEntries(page)).toEqual(fewestFirst);
  await expect(board(page, 5).getByRole("columnheader", { name: "Params" })).toHaveAttribute("aria-sort", "ascending");

  await page.goto("/?rows=all&sort=date");
  expect(await shownEntries(page)).toEqual([name("ada-narrow"), name("ada-wide"), name("grace-cnn"), name("linus-tiny")]);
  const byDate = (await (await page.request.get("/api/boards/5?rows=all&sort=date")).json()) as ApiBoard;
  const adaWide = byDate.rows.find((row) => row.entryName === name("ada-wide"))!;
  await expect(rankedRows(page, 5).filter({ hasText: name("ada-wide") }).locator("td").first()).toHaveText(String(adaWide.rank));
  expect(adaWide.rank).toBeLessThan(byDate.rows.find((row) => row.entryName === name("ada-narrow"))!.rank);

  // An unknown option falls back to the default view instead of failing.
  await page.goto("/?rows=everything&sort=flops");
  expect(await shownEntries(page)).toEqual([name("ada-wide"), name("grace-cnn"), name("linus-tiny")]);
});

test("the record's progression is an SVG chart with a list of who set each record", async ({ page }) => {
  await page.goto("/");
  const records = board(page, 5).getByRole("region", { name: "The record's progression" });
  await expect(records.getByRole("img", { name: /Record progression, 5 epochs/ })).toBeVisible();
  await expect(records.getByRole("list", { name: "Records, 5 epochs" }).getByRole("listitem")).toHaveText([
    /80\.0 by e2e-boards Linus with e2e-boards linus-tiny/,
    /92\.8 by e2e-boards Grace with e2e-boards grace-cnn/,
    /93\.0 by e2e-boards Ada with e2e-boards ada-wide/,
  ]);
  await expectNoSeriousAxeViolations(page);
});

test("the boards read without JavaScript, toggles and sorting included", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  expect(await shownEntries(page)).toEqual([name("ada-wide"), name("grace-cnn"), name("linus-tiny")]);
  await page.getByRole("link", { name: "All entries" }).click();
  await page.getByRole("link", { name: "Newest verification" }).click();
  await expect(page).toHaveURL(/\?rows=all&sort=date$/);
  expect(await shownEntries(page)).toEqual([name("ada-narrow"), name("ada-wide"), name("grace-cnn"), name("linus-tiny")]);
  await expect(board(page, 5).getByRole("img", { name: /Record progression/ })).toBeVisible();
  await context.close();
});

test("at 390 px the page does not scroll sideways; a table scrolls inside its card", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?rows=all");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The score is in view without scrolling the table.
  const accuracy = await rankedRows(page, 5).first().locator("td").nth(1).boundingBox();
  expect(accuracy!.x + accuracy!.width).toBeLessThanOrEqual(390);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("boards-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("boards-1280.png"), fullPage: true });
});

test("GET /api/boards/5 returns the ranking the page shows, reported results apart", async ({ page, request }) => {
  const response = await request.get("/api/boards/5?rows=all");
  expect(response.status()).toBe(200);
  const api = (await response.json()) as ApiBoard;
  expect(api.budget).toBe(5);
  expect(api.rows.every((row) => row.kind === "verified")).toBe(true);
  expect(api.reported.map((row) => row.participant)).toEqual(["Jeremy Howard", "Sean Moriarity"]);
  expect(api.rows.find((row) => row.entryName === name("grace-cnn"))).toMatchObject({ tiedWithLeader: true, seeds: { n: 3 } });

  await page.goto("/?rows=all");
  const rows = rankedRows(page, 5);
  await expect(rows).toHaveCount(api.rows.length);
  for (const [index, row] of api.rows.entries()) {
    await expect(rows.nth(index)).toContainText(row.creditText);
    await expect(rows.nth(index)).toHaveAttribute("data-kind", row.kind);
    await expect(rows.nth(index)).toContainText((row.accuracy * 100).toFixed(1));
  }
});

test("a budget that is not a board, or a bad view option, is a 400 naming the field", async ({ request }) => {
  const cases = [
    ["/api/boards/7", /^budget: must be one of 5, 20, 50/],
    ["/api/boards/5?rows=everything", /^rows: must be one of best, all; got "everything"/],
    ["/api/boards/5?sort=flops", /^sort: must be one of accuracy, params, date; got "flops"/],
  ] as const;
  for (const [url, error] of cases) {
    const response = await request.get(url);
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
  }
});
