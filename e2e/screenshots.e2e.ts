import { expect, test } from "@playwright/test";
import { MAIN_PAGES } from "./main-pages";

const VIEWPORTS = [
  { label: "desktop", width: 1280, height: 900 },
  { label: "phone", width: 390, height: 844 },
];

// Full-page screenshots of the main pages at desktop and phone width, kept in test-results/screenshots/
// for a person to look at; each page must also fit the width it is shown at (no sideways scrolling:
// wide tables scroll inside their own box).
for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });
    for (const main of MAIN_PAGES) {
      test(`${main.name} fits the width, screenshot saved`, async ({ page }) => {
        await main.open(page);
        await page.screenshot({ path: `test-results/screenshots/${main.name}-${viewport.label}.png`, fullPage: true });
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect(scrollWidth, `${main.name} is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
      });
    }
  });
}
