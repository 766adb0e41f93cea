import { expect, test } from "@playwright/test";
import { board } from "./helpers";

type ApiBoard = { budget: number; rows: { rank: number; kind: string; creditText: string; accuracy: number }[] };

test("the boards show the challenge's reported results, marked as not verified", async ({ page }) => {
  await page.goto("/");
  for (const budget of [5, 20, 50] as const) await expect(board(page, budget)).toBeVisible();

  const sean = board(page, 5).getByRole("row").filter({ hasText: "Sean Moriarity: 90.7/91.1/90.9" });
  await expect(sean).toHaveAttribute("data-kind", "reported");
  await expect(sean).toContainText("reported, not verified");
  const jeremy = board(page, 5).getByRole("row").filter({ hasText: "Jeremy Howard: 92.7/–/–" });
  await expect(jeremy).toContainText("reported, not verified");
  await expect(jeremy).toContainText("±0.51");

  await expect(board(page, 20).getByRole("row").filter({ hasText: "Sean Moriarity: 90.7/91.1/90.9" })).toContainText("91.1");
  await expect(board(page, 20)).not.toContainText("Jeremy Howard");
});

test("GET /api/boards/5 returns the ranking the page shows", async ({ page, request }) => {
  const response = await request.get("/api/boards/5");
  expect(response.status()).toBe(200);
  const api = (await response.json()) as ApiBoard;
  expect(api.budget).toBe(5);
  expect(api.rows.length).toBeGreaterThanOrEqual(2);

  await page.goto("/");
  const rows = board(page, 5).locator("tbody tr");
  await expect(rows).toHaveCount(api.rows.length);
  for (const [index, row] of api.rows.entries()) {
    await expect(rows.nth(index)).toContainText(row.creditText);
    await expect(rows.nth(index)).toHaveAttribute("data-kind", row.kind);
    await expect(rows.nth(index)).toContainText((row.accuracy * 100).toFixed(1));
  }
});

test("a budget that is not a board is a 400 naming the field", async ({ request }) => {
  const response = await request.get("/api/boards/7");
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/^budget: must be one of 5, 20, 50/);
});
