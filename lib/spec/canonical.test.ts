import { describe, expect, it } from "vitest";
import { canonicalJson, specHash } from "./canonical";
import { checkSpec } from "./check";
import { SEAN_SPEC } from "./examples";

function normalised(input: unknown) {
  const result = checkSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

/** The same object with its keys in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)]));
}

describe("canonical JSON and the spec hash", () => {
  it("Sean's normalised spec hashes to a fixed value (a change here changes every stored hash)", () => {
    expect(specHash(normalised(SEAN_SPEC))).toBe("161b2e24c9a5d7eecc3c7c860f70cec50bcf18d01ecf5ece03f0e684e5b6e54a");
  });

  it("sorts keys at every level and has no whitespace", () => {
    const json = canonicalJson(normalised(SEAN_SPEC));
    expect(json.startsWith('{"budgets":[5,20,50],"data":{"augment":[{"axis":"rows","p":0.5,"per":"batch","redraw":"once","type":"flip"}]')).toBe(true);
    expect(json).not.toMatch(/\s/);
    expect(JSON.parse(json)).toEqual(normalised(SEAN_SPEC));
  });

  it("does not depend on key order or on defaults being written out", () => {
    const written = normalised(reversedKeys(SEAN_SPEC));
    const explicit = normalised(JSON.parse(canonicalJson(normalised(SEAN_SPEC))));
    expect(specHash(written)).toBe(specHash(normalised(SEAN_SPEC)));
    expect(specHash(explicit)).toBe(specHash(normalised(SEAN_SPEC)));
  });

  it("changes when anything that affects training changes", () => {
    expect(specHash(normalised({ ...SEAN_SPEC, seed: 43 }))).not.toBe(specHash(normalised(SEAN_SPEC)));
  });
});
