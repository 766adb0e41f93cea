import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { editorSpec, fillSpecEditor, layerCard, openSubmitForm, specText } from "./submit-support";

test.describe("the builder and the JSON editor edit one spec", () => {
  test("a layer added in the builder appears in the JSON; a JSON edit appears in the builder and the analysis", async ({ page }) => {
    await openSubmitForm(page);
    await expect(page.getByTestId("total-params")).toHaveText("421,642");
    // 4 bytes · (32 images · 85,732 kept values + 4 · 421,642 parameters).
    await expect(page.getByTestId("training-memory")).toHaveText("about 18 MB (limit 8 GB)");

    await page.getByLabel("New layer type for the model").selectOption("dropout");
    await page.getByRole("button", { name: "Add layer to the model" }).click();
    const spec = await editorSpec(page);
    expect(spec.model.layers).toHaveLength(8);
    expect(spec.model.layers[7]).toEqual({ type: "dropout", rate: 0.25 });
    await expect(layerCard(page, "layers.7").getByLabel("Rate")).toHaveValue("0.25");

    spec.model.layers[0]!.filters = 48;
    await fillSpecEditor(page, JSON.stringify(spec, null, 2));
    await expect(layerCard(page, "layers.0").getByLabel("Filters")).toHaveValue("48");
    // 48·9+48 + 64·48·9+64 + 3136·128+128 + 128·10+10 (dropout has no parameters).
    await expect(page.getByTestId("total-params")).toHaveText("431,018");

    await page.getByRole("button", { name: "Move layers.7 up" }).click();
    expect((await editorSpec(page)).model.layers[6]).toEqual({ type: "dropout", rate: 0.25 });
    await page.getByRole("button", { name: "Remove layers.6" }).click();
    expect((await editorSpec(page)).model.layers).toHaveLength(7);
  });

  test("JSON that does not parse pauses the builder, saying where it fails, until the JSON parses again", async ({ page }) => {
    await openSubmitForm(page);
    const text = await specText(page).inputValue();
    const broken = text.replace('"filters": 32', '"filters": 40').replace('"seed": 42,', '"seed": 42');
    await fillSpecEditor(page, broken);
    const paused = page.getByTestId("builder-paused");
    await expect(paused).toContainText("The builder is paused until the JSON parses");
    await expect(paused).toContainText(/invalid JSON at line \d+, column \d+: unexpected/);
    // No field drawn from the last JSON that parsed (filters 32) while the text says 40.
    await expect(layerCard(page, "layers.0")).toHaveCount(0);

    await fillSpecEditor(page, broken.replace('"seed": 42', '"seed": 42,'));
    await expect(paused).toHaveCount(0);
    await expect(layerCard(page, "layers.0").getByLabel("Filters")).toHaveValue("40");
  });

  test("changing the schedule in the builder redraws the learning-rate plot", async ({ page }) => {
    await openSubmitForm(page);
    const plot = page.getByRole("img", { name: /Learning rate over 50 epochs/ });
    await expect(plot).toHaveAccessibleName(/from 0\.00500/);
    await page.getByLabel("Schedule", { exact: true }).selectOption("onecycle");
    await expect(page.getByRole("img", { name: /Learning rate over 50 epochs/ })).toHaveAccessibleName(/peak 0\.0100/);
    expect(((await editorSpec(page)) as unknown as { schedule: unknown }).schedule).toEqual({ type: "onecycle", maxLr: 0.01 });
    await expect(page.getByRole("region", { name: "Analysis" })).toContainText("no: each budget trains separately");
  });

  test("starting from an existing entry forks it: its spec is loaded and the new entry links back to it", async ({ page, request }) => {
    // A new participant each run: an earlier identical submission by the same one would be returned as a duplicate.
    await signIn(page, `Cal ${Date.now()}`);
    await openSubmitForm(page);
    const startFrom = page.getByLabel("Start from");
    const firstEntry = startFrom.locator("optgroup[label^='Existing entries'] option").first();
    const parentId = ((await firstEntry.getAttribute("value")) ?? "").replace(/^entry:/, "");
    await startFrom.selectOption(`entry:${parentId}`);
    await page.waitForURL(`**/submit?from=${parentId}`);
    await expect(page.getByTestId("fork-of")).toContainText("Forking");

    const parent = await (await request.get(`/api/entries/${parentId}`)).json();
    expect(await editorSpec(page)).toEqual(parent.spec);

    // A small development run, so the real worker is not kept busy by a full-size fork.
    for (const budget of ["20", "50"]) await page.getByRole("checkbox", { name: budget, exact: true }).uncheck();
    await page.getByLabel("Train limit").fill("64");
    await expect(page.getByText(/evaluated on a fixed slice of the training set/)).toBeVisible();
    await expect(page.getByLabel("Test limit")).toHaveCount(0);
    await page.getByRole("button", { name: "Submit entry" }).click();
    await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);

    const entryId = new URL(page.url()).pathname.split("/").pop();
    // A development run is its owner's alone: read the new entry as Cal, with the page's cookies.
    const response = await page.request.get(`/api/entries/${entryId}`);
    expect(response.status()).toBe(200);
    const entry = await response.json();
    expect(entry.parent).toEqual({ id: parentId, name: parent.name });
    expect(entry.runs).toHaveLength(1);
    expect(entry.runs[0]).toMatchObject({ budgets: [5], trainLimit: 64 });
  });

  test("GET /api/entries/:id answers 404 for an id that names no entry", async ({ request }) => {
    expect((await request.get("/api/entries/not-an-id")).status()).toBe(404);
    expect((await request.get("/api/entries/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
  });
});
