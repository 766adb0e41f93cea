import { expect, type Page } from "@playwright/test";

/** ADMIN_EMAILS (set by playwright.config.ts) makes this account admin, whatever order the tests run in. */
export const ADMIN_EMAIL = "admin@catwalk.test";

/** Signs in with the local sign-in (name or email) and waits until the header shows the user. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Name or email").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const shown = name.includes("@") ? name.slice(0, name.indexOf("@")).toLowerCase() : name;
  await expect(page.getByTestId("current-user")).toHaveText(shown);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The board section for a budget ("5 epochs" etc.). */
export function board(page: Page, budget: 5 | 20 | 50) {
  return page.getByRole("region", { name: `${budget} epochs`, exact: true });
}
