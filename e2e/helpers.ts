import { expect, type Page } from "@playwright/test";
import { ADMIN_EMAIL, OIDC_ACCOUNTS, type OidcLogin } from "./oidc-accounts";

/** The e2e site's own build folder (NEXT_DIST_DIR), apart from any other build in this checkout. */
export const E2E_NEXT_DIST_DIR = ".cache/next-e2e";

/** ADMIN_EMAILS (set by playwright.config.ts) makes this account admin, whatever order the tests run in. */
export { ADMIN_EMAIL };

/**
 * Signs in and waits until the header shows the user. ADMIN_EMAIL signs in as the admin through the
 * OpenID Connect provider, whose e-mail is verified (a typed e-mail never makes an admin); any other
 * name or e-mail uses the local sign-in.
 */
export async function signIn(page: Page, name: string): Promise<void> {
  if (name === ADMIN_EMAIL) return signInWithOidc(page, "admin");
  await page.goto("/signin");
  await page.getByLabel("Name or email").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const shown = name.includes("@") ? name.slice(0, name.indexOf("@")).toLowerCase() : name;
  await expect(page.getByTestId("current-user")).toHaveText(shown);
}

/** The whole OpenID Connect flow: Catwalk → the provider's login and consent pages → Catwalk's callback. */
export async function signInWithOidc(page: Page, login: OidcLogin): Promise<void> {
  // The provider remembers who signed in there (its own session cookies; cookies ignore ports), and
  // would skip its login page: forget that, so that every call signs in afresh as `login`.
  await page.context().clearCookies({ name: /^_(session|interaction)/ });
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with OpenID Connect" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(OIDC_ACCOUNTS[login].name);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The board section for a budget ("5 epochs" etc.). */
export function board(page: Page, budget: 5 | 20 | 50) {
  return page.getByRole("region", { name: `${budget} epochs`, exact: true });
}
