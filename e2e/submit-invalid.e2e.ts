import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { countEntriesNamed, fillSpecEditor, layerCard, markedSpecText, openSubmitForm, specEditor, specText } from "./submit-support";

test.describe("an invalid entry is explained next to the field at fault and never submitted", () => {
  test("filters: 0 in the builder is flagged at the Filters field, before and after submitting", async ({ page }) => {
    const name = `zero-filters-${Date.now()}`;
    await signIn(page, "Bea");
    await openSubmitForm(page);
    await page.getByLabel("Name", { exact: true }).fill(name);

    const filters = layerCard(page, "layers.0").getByLabel("Filters");
    await filters.fill("0");
    // Before submitting: the live check marks the field and describes it with the message.
    await expect(filters).toHaveAttribute("aria-invalid", "true");
    await expect(filters).toHaveAccessibleDescription(/must be at least 1, got 0/);
    await expect(page.getByRole("list", { name: "Spec problems" })).toContainText("model.layers.0.filters: must be at least 1, got 0");
    await expect(specText(page)).toHaveValue(/"filters": 0/);

    await page.getByRole("button", { name: "Submit entry" }).click();
    await expect(page.getByText("Not submitted: fix the problems marked above.")).toBeVisible();
    // After submitting: the server's answer names the same field, and the form is still here.
    await expect(page).toHaveURL(/\/submit$/);
    await expect(filters).toHaveAccessibleDescription(/must be at least 1, got 0/);
    expect(await countEntriesNamed(name)).toBe(0);
  });

  test("an unknown key typed in the JSON is flagged on the layer it is in, and submitting is refused", async ({ page }) => {
    const name = `unknown-key-${Date.now()}`;
    await signIn(page, "Bea");
    await openSubmitForm(page);
    await page.getByLabel("Name", { exact: true }).fill(name);

    const spec = JSON.parse(await specText(page).inputValue());
    spec.model.layers[1].colour = "red";
    await fillSpecEditor(page, JSON.stringify(spec, null, 2));

    await expect(layerCard(page, "layers.1")).toContainText('unknown field "colour"');
    await expect(layerCard(page, "layers.0")).not.toContainText("unknown field");
    await expect(page.getByRole("list", { name: "Spec problems" })).toContainText('model.layers.1.colour: unknown field "colour"');

    await page.getByRole("button", { name: "Submit entry" }).click();
    await expect(page.getByText("Not submitted: fix the problems marked above.")).toBeVisible();
    await expect(layerCard(page, "layers.1")).toContainText('unknown field "colour"');
    expect(await countEntriesNamed(name)).toBe(0);
  });

  test("the JSON editor marks a bad value at its field and a syntax error where the JSON breaks", async ({ page }) => {
    await openSubmitForm(page);
    const text = await specText(page).inputValue();

    await fillSpecEditor(page, text.replace('"filters": 32', '"filters": 0'));
    await expect(page.getByRole("list", { name: "Spec problems" })).toContainText("model.layers.0.filters: must be at least 1, got 0");
    // The editor draws the lines in view only: back to the top, where the marks are.
    await specEditor(page).press("ControlOrMeta+Home");
    await expect(markedSpecText(page)).toHaveText(['"filters": 0']);
    await markedSpecText(page).hover();
    await expect(page.locator(".cm-tooltip-lint")).toContainText("model.layers.0.filters: must be at least 1, got 0");

    await fillSpecEditor(page, text.replace('"seed": 42,', '"seed": 42'));
    await expect(page.getByTestId("builder-paused")).toContainText(/invalid JSON at line 4, column 3: unexpected "budgets"/);
    await specEditor(page).press("ControlOrMeta+Home");
    await expect(markedSpecText(page)).toHaveText(['"budgets"']);

    // Undo, as in any text field: back to the text before, marks and all.
    await specEditor(page).press("ControlOrMeta+z");
    await expect(specText(page)).toHaveValue(/"filters": 0/);
    await specEditor(page).press("ControlOrMeta+Home");
    await expect(markedSpecText(page)).toHaveText(['"filters": 0']);
  });

  test("an empty name is flagged at the Name field by the server", async ({ page }) => {
    await signIn(page, "Bea");
    await openSubmitForm(page);
    await page.getByRole("button", { name: "Submit entry" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("name must not be empty");
  });

  test("a signed-out visitor sees the form, and submitting asks them to sign in", async ({ page }) => {
    const name = `signed-out-${Date.now()}`;
    await openSubmitForm(page);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Submit entry" }).click();
    const answer = page.getByRole("alert").filter({ hasText: "Sign in to submit an entry." });
    await expect(answer.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin?callbackUrl=%2Fsubmit");
    expect(await countEntriesNamed(name)).toBe(0);
  });
});
