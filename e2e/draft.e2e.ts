import { expect, test, type Page } from "@playwright/test";
import { editorSpec, layerCard, openSubmitForm } from "./submit-support";

const nameField = (page: Page) => page.getByLabel("Name", { exact: true });

async function expectDraft(page: Page, name: string) {
  await expect(page.getByTestId("draft-restored")).toContainText("Your unsent draft");
  await expect(nameField(page)).toHaveValue(name);
  await expect(page.getByLabel("Description")).toHaveValue("kept across sign-in");
  await expect(layerCard(page, "layers.0").getByLabel("Filters")).toHaveValue("24");
  expect((await editorSpec(page)).model.layers[0]).toMatchObject({ filters: 24 });
}

test("a signed-out visitor is told before starting; the draft survives signing in and reloads, and is gone once submitted", async ({ page }) => {
  await openSubmitForm(page);
  const notice = page.getByTestId("sign-in-needed");
  await expect(notice).toContainText("Submitting needs an account");

  const name = `Drafted ${Date.now()}`;
  await nameField(page).fill(name);
  await page.getByLabel("Description").fill("kept across sign-in");
  await layerCard(page, "layers.0").getByLabel("Filters").fill("24");

  await notice.getByRole("link", { name: "sign in" }).click();
  const person = `Drafter ${Date.now()}`;
  await page.getByLabel("Name or email").fill(person);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(person);
  await expect(page).toHaveURL(/\/submit$/);
  await expect(page.getByTestId("sign-in-needed")).toHaveCount(0);
  await expectDraft(page, name);

  await page.reload();
  await expectDraft(page, name);

  // A small development run, so the real worker is not kept busy.
  for (const budget of ["20", "50"]) await page.getByRole("checkbox", { name: budget, exact: true }).uncheck();
  await page.getByLabel("Train limit").fill("64");
  await page.getByRole("button", { name: "Submit entry" }).click();
  await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);

  await openSubmitForm(page);
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  await expect(nameField(page)).toHaveValue("");
});

test("Start over forgets the saved draft", async ({ page }) => {
  await openSubmitForm(page);
  await nameField(page).fill("about to be forgotten");
  await page.reload();
  await expect(nameField(page)).toHaveValue("about to be forgotten");
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(nameField(page)).toHaveValue("");
  await page.reload();
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  await expect(nameField(page)).toHaveValue("");
});

test("Start from shows what it loaded", async ({ page }) => {
  await openSubmitForm(page);
  const startFrom = page.getByLabel("Start from");
  await expect(startFrom.locator("option:checked")).toHaveText("Sean's CNN (the challenge's seed)");
  await startFrom.selectOption("example:mlp-baseline");
  await expect(startFrom).toHaveValue("example:mlp-baseline");
  await expect(startFrom.locator("option:checked")).not.toHaveText(/Pick an example/);
  expect((await editorSpec(page)).model.layers[0]).toMatchObject({ type: "flatten" });
});
