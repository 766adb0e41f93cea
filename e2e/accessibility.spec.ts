import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { MAIN_PAGES, type MainPage } from "./main-pages";

/** axe's serious and critical findings on the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${violation.help}`));
}

function checkPages(pages: MainPage[]) {
  for (const main of pages) {
    test(`axe finds no serious or critical violation on ${main.name}`, async ({ page }) => {
      await main.open(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test.describe("the pages of the form, the queue, participants, admin and sign-in", () => {
  checkPages(MAIN_PAGES.filter((main) => main.owner === "quality"));
});

// The boards and the entry page are rewritten elsewhere: kept apart so their findings show on their own.
test.describe("the boards and the entry page", () => {
  checkPages(MAIN_PAGES.filter((main) => main.owner !== "quality"));
});

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
