import { expect, test } from "@playwright/test";

test("signing in on the site's other loopback name ends signed in, on the site's own host", async ({ page, baseURL }) => {
  // The e2e site's NEXTAUTH_URL is 127.0.0.1; a visitor who types localhost (or the other way round for
  // `npm start`) used to be signed in on one host and sent to the other, signed out, with no message.
  const site = new URL(baseURL!);
  const other = new URL(baseURL!);
  other.hostname = site.hostname === "127.0.0.1" ? "localhost" : "127.0.0.1";
  await page.goto(`${other.origin}/submit?from=nothing`);
  await expect(page).toHaveURL(`${site.origin}/submit?from=nothing`);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
  const name = `Host Hopper ${Date.now()}`;
  await page.getByLabel("Name or email").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
});

test("a sign-in that comes back without its session says so instead of showing the form again silently", async ({ page }) => {
  // Where every sign-in lands first: signed out there means the browser did not keep the cookie.
  await page.goto("/signin?callbackUrl=%2Fsubmit&check=1");
  await expect(page.getByText("You are still signed out")).toHaveRole("alert");
  await expect(page.getByLabel("Name or email")).toBeVisible();
});

test("a refused local name says why, and signing in afterwards still returns where the visitor was going", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fqueue");
  await page.getByLabel("Name or email").fill("\u202Eevil");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter a name or an email")).toHaveRole("alert");

  const name = `Second Try ${Date.now()}`;
  await page.getByLabel("Name or email").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
  await expect(page).toHaveURL(/\/queue$/);
});
