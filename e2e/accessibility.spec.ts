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
