import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";

const TINY_SPEC = { version: 1, seed: 3, budgets: [5], model: { layers: [{ type: "flatten" }, { type: "dense", units: 10 }] } };

/** Sends the bytes as they are (Playwright would JSON-encode a string `data`). */
const postRaw = (request: APIRequestContext, body: string) =>
  request.post("/api/entries", { data: Buffer.from(body), headers: { "content-type": "application/json" } });

test.describe("POST /api/entries over real HTTP", () => {
  test("answers 401 signed out, and 201, 413, 422 with the documented bodies signed in", async ({ page, playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await postRaw(anonymous, JSON.stringify({ name: "x", spec: TINY_SPEC }))).status()).toBe(401);
    await anonymous.dispose();

    await signIn(page, `Api ${Date.now()}`);
    const request = page.request;
    const created = await postRaw(request, JSON.stringify({ name: "api tiny", spec: TINY_SPEC, trainLimit: 64 }));
    expect(created.status()).toBe(201);
    const { entryId, runId, duplicate } = await created.json();
    expect(duplicate).toBe(false);
    const entry = await (await request.get(`/api/entries/${entryId}`)).json();
    expect(entry).toMatchObject({ id: entryId, name: "api tiny", parent: null });
    expect(entry.runs[0]).toMatchObject({ id: runId, budgets: [5], trainLimit: 64 });
    expect(entry.runs[0]).not.toHaveProperty("testLimit");

    expect((await postRaw(request, JSON.stringify({ name: "big", spec: "x".repeat(70_000) }))).status()).toBe(413);
    const notJson = await postRaw(request, "{not json");
    expect(notJson.status()).toBe(422);
    expect((await notJson.json()).issues[0].message).toMatch(/not valid JSON/);
    const invalid = await postRaw(request, JSON.stringify({ name: "", spec: { ...TINY_SPEC, model: { layers: [{ type: "conv2d", filters: 0, kernel: 3 }] } } }));
    expect(invalid.status()).toBe(422);
    expect((await invalid.json()).issues.map((issue: { path: string }) => issue.path)).toEqual(["name", "spec.model.layers.0.filters"]);
    // No participant chooses test images (issue 11, finding 2).
    const testSubset = await postRaw(request, JSON.stringify({ name: "peek", spec: TINY_SPEC, trainLimit: 64, testLimit: 3 }));
    expect(testSubset.status()).toBe(422);
    expect(await testSubset.json()).toEqual({ issues: [{ path: "testLimit", message: "testLimit is not a known field" }] });
  });

  test("a few hundred arbitrary bodies each get a 4xx with issues or a 201, never a 500", async ({ page }) => {
    await signIn(page, `Fuzz ${Date.now()}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({ maxLength: 200 })), async (body) => {
        const response = await postRaw(page.request, body);
        expect(response.status()).toBeLessThan(500);
        if (response.status() === 422) expect((await response.json()).issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
