import { afterEach, describe, expect, test } from "vitest";
import { SEAN_SPEC } from "@/lib/spec";
import { requestFromFormFields } from "./form-data";
import { validateSubmission } from "./validate";

const valid = { name: "Sean's CNN", spec: SEAN_SPEC };
const strict = { devLimits: false };

function issuesOf(raw: unknown, format: "text" | "value" = "value", options = strict) {
  const result = validateSubmission(raw, format, options);
  if (result.ok) throw new Error("expected the submission to be rejected");
  return result.issues;
}

function withLayer(index: number, change: Record<string, unknown>) {
  const spec = structuredClone(SEAN_SPEC) as { model: { layers: Record<string, unknown>[] } };
  spec.model.layers[index] = { ...spec.model.layers[index], ...change };
  return spec;
}

describe("validateSubmission", () => {
  afterEach(() => {
    delete process.env.CATWALK_DEV_LIMITS;
  });

  test("accepts Sean's entry and returns the normalised spec with its analysis", () => {
    const result = validateSubmission(valid, "value", strict);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.submission.name).toBe("Sean's CNN");
    expect(result.submission.description).toBe("");
    expect(result.submission.analysis.params).toBe(421_642);
    expect(result.submission.spec.loss.labelSmoothing).toBe(0);
  });

  test("an empty or missing name is an issue at `name` that says so", () => {
    expect(issuesOf({ ...valid, name: "   " })).toEqual([{ path: "name", message: "name must not be empty" }]);
    expect(issuesOf({ spec: SEAN_SPEC })).toEqual([{ path: "name", message: "name is required" }]);
    expect(issuesOf({ ...valid, name: "x".repeat(101) })[0]?.path).toBe("name");
  });

  test("a too-long description and an unknown field are named", () => {
    const issues = issuesOf({ ...valid, description: "d".repeat(2001), colour: "red" });
    expect(issues).toContainEqual({ path: "description", message: "description must be at most 2000 characters" });
    expect(issues).toContainEqual({ path: "colour", message: "colour is not a known field" });
  });

  test("spec issues sit under `spec.` at the field they name", () => {
    const issues = issuesOf({ ...valid, spec: withLayer(0, { filters: 0 }) });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("spec.model.layers.0.filters");
    expect(issues[0]?.message).toMatch(/at least 1/);
    const unknown = issuesOf({ ...valid, spec: withLayer(2, { colour: "red" }) });
    expect(unknown).toEqual([{ path: "spec.model.layers.2.colour", message: 'unknown field "colour"' }]);
  });

  test("field and spec issues are reported together", () => {
    const paths = issuesOf({ name: "", spec: withLayer(5, { units: -1 }), parentId: "not-an-id" }).map((issue) => issue.path);
    expect(paths.sort()).toEqual(["name", "parentId", "spec.model.layers.5.units"]);
  });

  test("a missing spec, and a body that is not an object, are rejected with a message", () => {
    expect(issuesOf({ name: "x" })).toEqual([{ path: "spec", message: "spec is required" }]);
    expect(issuesOf([1, 2])).toEqual([{ path: "", message: "the request must be a JSON object" }]);
  });

  test("the form's spec text that does not parse is an issue at `spec` with the position", () => {
    const issues = issuesOf({ name: "x", spec: '{"version": 1,' }, "text");
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("spec");
    expect(issues[0]?.message).toMatch(/invalid JSON at line 1/);
  });

  test("a train limit is refused unless development limits are enabled", () => {
    const limited = { ...valid, trainLimit: 512 };
    expect(issuesOf(limited).map((issue) => issue.path)).toEqual(["trainLimit"]);
    expect(issuesOf(limited)[0]?.message).toMatch(/trainLimit is accepted only when .*CATWALK_DEV_LIMITS=1/);
    const enabled = validateSubmission(limited, "value", { devLimits: true });
    expect(enabled.ok && enabled.submission.trainLimit).toBe(512);
  });

  test("the train limit is a whole number of images short of the development slice", () => {
    const options = { devLimits: true };
    const message = "trainLimit must be a whole number of images from 1 to 58000";
    expect(issuesOf({ ...valid, trainLimit: 0 }, "value", options)).toEqual([{ path: "trainLimit", message }]);
    expect(issuesOf({ ...valid, trainLimit: 58_001 }, "value", options)).toEqual([{ path: "trainLimit", message }]);
    expect(issuesOf({ ...valid, trainLimit: 2.5 }, "value", options)).toEqual([{ path: "trainLimit", message }]);
  });

  test("a participant cannot choose test images: testLimit is not a known field, with development limits on or off", () => {
    // Issue 11, finding 2: confusion matrices on the first 1, 2, 3 … test images gave their labels away.
    for (const devLimits of [true, false]) {
      expect(issuesOf({ ...valid, testLimit: 1 }, "value", { devLimits })).toEqual([{ path: "testLimit", message: "testLimit is not a known field" }]);
    }
  });

  test("the form's fields become the API's request: numbers from digits, text kept for the message, blanks left out", () => {
    const form = new FormData();
    form.set("name", "Mine");
    form.set("description", "");
    form.set("spec", JSON.stringify(SEAN_SPEC));
    form.set("trainLimit", " 512 ");
    const request = requestFromFormFields((name) => form.get(name));
    expect(request).toEqual({ name: "Mine", description: undefined, spec: JSON.stringify(SEAN_SPEC), parentId: undefined, trainLimit: 512 });
    form.set("trainLimit", "lots");
    expect(issuesOf(requestFromFormFields((name) => form.get(name)), "text", { devLimits: true })).toEqual([
      { path: "trainLimit", message: "trainLimit must be a whole number of images from 1 to 58000" },
    ]);
  });
});
