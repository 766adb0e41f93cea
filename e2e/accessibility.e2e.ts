import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { MAIN_PAGES } from "./main-pages";

for (const main of MAIN_PAGES) {
  test(`axe finds no serious or critical violation on ${main.name}`, async ({ page }) => {
    await main.open(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
