import { expect, test } from "@playwright/test";

test("the keyboard reaches the skip link first, and it moves focus to the main content", async ({ page }) => {
  await page.goto("/queue");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // Every main navigation link is reachable by Tab, in order, with a visible focus ring.
  await page.goto("/queue");
  await page.keyboard.press("Tab");
  for (const label of ["Catwalk", "Boards", "Submit", "Queue", "Spec", "Sign in"]) {
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused).toHaveAccessibleName(label);
    expect(await focused.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
  }
});

test("every page links the site's icon, and it is served", async ({ page, request }) => {
  await page.goto("/queue");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
});
