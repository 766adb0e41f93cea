import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the queue page lists running and queued runs, and the admin page is for admins only", async ({ page }) => {
  await page.goto("/queue");
  await expect(page.getByRole("heading", { name: /^Running \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Queued \(\d+\)$/ })).toBeVisible();

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin$/);
  // In local mode the first local user ever becomes admin: make sure this one is not the first.
  await signIn(page, "Someone Earlier");
  await signIn(page, "Not An Admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
