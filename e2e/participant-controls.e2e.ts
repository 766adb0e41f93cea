import { expect, test, type Page } from "@playwright/test";
import { ADMIN_EMAIL, signIn, signOut } from "./helpers";
import { fillSpecEditor, openSubmitForm } from "./submit-support";

/**
 * What a participant does with their own entry, through the real pages, actions and worker:
 * cancel a run, be told that resubmitting the same spec is a duplicate, re-queue the run instead,
 * edit the entry, and withdraw it; and an admin's Verify refused while a run is already queued.
 */
const BASE_URL = `http://127.0.0.1:${process.env.CATWALK_E2E_PORT ?? 3100}`;
const STAMP = Date.now();
const OWNER = `Controls Owner ${STAMP}`;
const NAME = `controls ${STAMP}`;
/** Full data and 50 epochs: long enough that every step below happens while its run is queued or running. */
const LONG_SPEC = { version: 1, seed: STAMP % 100_000, budgets: [50], model: { layers: [{ type: "flatten" }, { type: "dense", units: 10 }] } };

const runCards = (page: Page) => page.getByTestId("run");

test.describe.serial("a participant's controls over their entry", () => {
  let entryPath = "";
  let entryId = "";

  test("cancel, resubmit the same spec: told it is a duplicate, with a link; re-queue the run from the entry's page", async ({ page }) => {
    await signIn(page, OWNER);
    const created = await page.request.post("/api/entries", { data: { name: NAME, spec: LONG_SPEC }, headers: { origin: BASE_URL } });
    expect(created.status(), await created.text()).toBe(201);
    entryId = (await created.json()).entryId;
    entryPath = `/entries/${entryId}`;

    await page.goto(entryPath);
    const run = runCards(page).first();
    // Cancelling asks first: a second step, no native confirm.
    await run.getByText("Cancel run…").click();
    await run.getByRole("button", { name: "Yes, cancel this run" }).click();
    await expect(run).toHaveAttribute("data-state", "cancelled");

    // The same spec again through the form: nothing is queued, and the form says why, in place.
    await openSubmitForm(page);
    await fillSpecEditor(page, JSON.stringify(LONG_SPEC, null, 2));
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByRole("button", { name: "Submit entry" }).click();
    const duplicate = page.getByTestId("duplicate");
    await expect(duplicate).toContainText(`You submitted this exact spec`);
    await expect(duplicate).toContainText(`as "${NAME}", so nothing new was queued; its run was cancelled: re-queue it on the entry's page.`);
    expect(new URL(page.url()).pathname).toBe("/submit");

    // The API says the same with 409 and the entry it duplicates.
    const again = await page.request.post("/api/entries", { data: { name: NAME, spec: LONG_SPEC }, headers: { origin: BASE_URL } });
    expect(again.status()).toBe(409);
    expect(await again.json()).toMatchObject({ entryId, error: expect.stringContaining("its run was cancelled") });

    await duplicate.getByRole("link", { name: "Open that entry" }).click();
    await page.waitForURL(`**${entryPath}`);
    await page.getByRole("button", { name: "Re-queue this run" }).click();
    await expect(runCards(page)).toHaveCount(2);
    const requeued = runCards(page).first();
    await expect(requeued).toContainText("re-queued by owner");
    await expect(requeued).toHaveAttribute("data-state", /^(queued|running)$/);
    await expect(runCards(page).nth(1)).toHaveAttribute("data-state", "cancelled");
    await expect(page.getByRole("button", { name: "Re-queue this run" })).toHaveCount(0);
  });

  test("on a phone the owner's controls fit the screen, opened", async ({ page }) => {
    await signIn(page, OWNER);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(entryPath);
    await page.getByText("Edit name and description").click();
    await page.getByText("Withdraw this entry…").click();
    await runCards(page).first().getByText("Cancel run…").click();
    await expect(page.getByRole("button", { name: "Yes, cancel this run" })).toBeVisible();
    // Everything they show ends inside the screen (the page's full spec hash is the entry page's to wrap).
    const controls = [page.getByRole("region", { name: "Your entry" }), ...(await runCards(page).first().locator("details").all())];
    for (const control of [...controls, page.getByRole("button", { name: "Yes, cancel this run" }), page.getByRole("button", { name: "Yes, withdraw this entry" })]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: "test-results/participant-controls-390.png", fullPage: true });
  });

  test("the owner edits the name and description; bad text is refused next to the form", async ({ page }) => {
    await signIn(page, OWNER);
    await page.goto(entryPath);
    await page.getByText("Edit name and description").click();
    const form = page.getByRole("region", { name: "Your entry" });
    await form.getByLabel("Name").fill("evil\u202Egnp.exe");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toContainText("name must not contain");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);

    await form.getByLabel("Name").fill(`${NAME} renamed`);
    await form.getByLabel("Description").fill("A linear model, for the controls test.");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${NAME} renamed`);
    await expect(page.getByRole("paragraph").filter({ hasText: "A linear model, for the controls test." })).toBeVisible();
  });

  test("an admin's Verify is refused while a run is queued or running, pointing at that run", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto(entryPath);
    // Editing and withdrawing are the owner's alone.
    await expect(page.getByText("Edit name and description")).toHaveCount(0);
    await page.getByLabel("Reason for verification").fill("e2e: a second run while one is queued");
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    const admin = page.getByRole("region", { name: "Admin" });
    await expect(admin.getByRole("alert")).toContainText(/A run of this entry is already (queued|running): it was not queued twice\./);
    const requeuedId = await runCards(page).first().getAttribute("data-run-id");
    await expect(admin.getByRole("link", { name: "See that run" })).toHaveAttribute("href", `${entryPath}#run-${requeuedId}`);
    await page.reload();
    await expect(runCards(page)).toHaveCount(2);
    await signOut(page);
  });

  test("the owner withdraws the entry after confirming: its run is cancelled and the page says so to everyone", async ({ page }) => {
    await signIn(page, OWNER);
    await page.goto(entryPath);
    await page.getByText("Withdraw this entry…").click();
    await page.getByRole("button", { name: "Yes, withdraw this entry" }).click();
    await expect(page.getByTestId("withdrawn")).toContainText(/^Withdrawn by its owner on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    await expect(runCards(page).first()).toHaveAttribute("data-state", "cancelled");
    await expect(page.getByText("Edit name and description")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Re-queue this run" })).toHaveCount(0);
    await signOut(page);

    await page.goto(entryPath);
    await expect(page.getByTestId("withdrawn")).toBeVisible();
  });
});
