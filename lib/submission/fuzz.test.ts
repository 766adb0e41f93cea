import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EXAMPLES } from "@/lib/spec";
import { readJsonBody } from "./request-body";
import { submitSubmission, type SubmissionOutcome } from "./submit";
import { closeDatabaseClients, insertUser, usePrivateDatabase } from "@/tests/fixtures";

/**
 * Safety of the submit path (issue 3): arbitrary and mutated bodies, through the same body
 * reader and submission function as POST /api/entries, are each accepted or rejected with
 * issues that say where and what; nothing throws.
 */
let admin: { id: string; role: string };

beforeAll(async () => {
  process.env.CATWALK_DEV_LIMITS = "1";
  await usePrivateDatabase("catwalk_test_submission_fuzz");
  // An admin is exempt from quotas, so valid bodies keep being created rather than refused.
  admin = { id: await insertUser("Fuzz", { role: "admin" }), role: "admin" };
});

afterAll(async () => {
  delete process.env.CATWALK_DEV_LIMITS;
  await closeDatabaseClients();
});

const counts = { created: 0, duplicate: 0, invalid: 0, refused: 0, signed_out: 0 };

function expectDomainOutcome(outcome: SubmissionOutcome): void {
  counts[outcome.kind] += 1;
  if (outcome.kind === "created" || outcome.kind === "duplicate") {
    expect(outcome.entryId).toMatch(/^[0-9a-f-]{36}$/);
  } else if (outcome.kind === "invalid") {
    expect(outcome.issues.length).toBeGreaterThan(0);
    for (const issue of outcome.issues) {
      expect(typeof issue.path).toBe("string");
      expect(issue.message.length).toBeGreaterThan(0);
    }
  } else {
    expect(outcome.message.length).toBeGreaterThan(0);
  }
}

type JsonValue = unknown;

/** Follows `choices` down into `value` and replaces what it reaches with `replace(old)`. */
function mutateAt(value: JsonValue, choices: readonly number[], replace: (old: JsonValue) => JsonValue | undefined): JsonValue {
  const [choice, ...rest] = choices;
  if (choice === undefined || typeof value !== "object" || value === null) return replace(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return replace(value);
    const index = choice % value.length;
    const copy = [...value];
    const next = mutateAt(copy[index], rest, replace);
    if (next === undefined) copy.splice(index, 1);
    else copy[index] = next;
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replace(value);
  const key = keys[choice % keys.length]!;
  const copy: Record<string, unknown> = { ...value };
  const next = mutateAt(copy[key], rest, replace);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

const deepArray = fc.integer({ min: 1, max: 1000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
});
const edgeNumber = fc.constantFrom(0, -1, 1, 0.5, 1e-300, 1e300, -0, 2 ** 31, 2 ** 53, 1024, 1025, 8, 7);
const replacement = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: edgeNumber },
  { weight: 1, arbitrary: fc.constantFrom("same", "valid", "relu", "softmax", "conv2d", "residual", "", null, true, [], {}) },
  { weight: 1, arbitrary: deepArray },
  { weight: 1, arbitrary: fc.string({ maxLength: 70_000 }).filter((s) => s.length > 60_000 || s.length < 50) },
);
const operation = fc.oneof(
  replacement.map((value) => () => value),
  fc.constant(() => undefined),
  fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(
    ([key, value]) =>
      (old: JsonValue) => (typeof old === "object" && old !== null && !Array.isArray(old) ? { ...old, [key]: value } : { [key]: value }),
  ),
);

const validBody = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim().length > 0),
    description: fc.string({ maxLength: 40 }),
    spec: fc.constantFrom(...EXAMPLES.map((example) => example.spec)),
    trainLimit: fc.integer({ min: 1, max: 60_000 }),
  },
  { requiredKeys: ["name", "spec"] },
);
const mutatedBody = fc
  .tuple(validBody, fc.array(fc.tuple(fc.array(fc.nat(40), { maxLength: 8 }), operation), { minLength: 1, maxLength: 3 }))
  .map(([body, mutations]) => mutations.reduce<JsonValue>((value, [choices, op]) => mutateAt(value, choices, op), body));

test("arbitrary JSON bodies are each accepted or rejected with issues, never an exception", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ name: fc.jsonValue(), spec: fc.jsonValue() }, { requiredKeys: [] })), async (body) => {
      expectDomainOutcome(await submitSubmission(admin, body, "value"));
    }),
    { numRuns: 4000 },
  );
});

test("mutated valid bodies are each accepted or rejected with issues, never an exception", async () => {
  await fc.assert(
    fc.asyncProperty(mutatedBody, async (body) => {
      expectDomainOutcome(await submitSubmission(admin, body, "value"));
    }),
    { numRuns: 5000 },
  );
  // The mutations must exercise both sides, or the property proves little.
  expect(counts.created).toBeGreaterThan(50);
  expect(counts.invalid).toBeGreaterThan(1000);
});

test("arbitrary spec text from the form is accepted or rejected with issues, never an exception", async () => {
  const specText = fc.oneof(
    fc.string({ maxLength: 200 }),
    mutatedBody.map((body) => JSON.stringify((body as { spec?: unknown })?.spec ?? body) ?? ""),
    fc.integer({ min: 1, max: 40_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  );
  await fc.assert(
    fc.asyncProperty(specText, async (text) => {
      expectDomainOutcome(await submitSubmission(admin, { name: "form", spec: text }, "text"));
    }),
    { numRuns: 1500 },
  );
});

test("raw request bodies through the API's body reader and submission never throw", async () => {
  const bytes = fc.oneof(
    fc.string({ maxLength: 300 }).map((text) => new TextEncoder().encode(text)),
    fc.uint8Array({ maxLength: 300 }),
    mutatedBody.map((body) => new TextEncoder().encode(JSON.stringify(body))),
    fc.integer({ min: 64 * 1024 - 10, max: 64 * 1024 + 10 }).map((size) => new TextEncoder().encode(JSON.stringify({ name: "big", spec: "x".repeat(size) }))),
  );
  await fc.assert(
    fc.asyncProperty(bytes, async (body) => {
      const read = await readJsonBody(new Request("http://catwalk.test/api/entries", { method: "POST", body }));
      if (!read.ok) {
        expect(read.status === 413 ? body.byteLength > 64 * 1024 : read.issues[0]!.message.length > 0).toBe(true);
        return;
      }
      expect(body.byteLength).toBeLessThanOrEqual(64 * 1024);
      expectDomainOutcome(await submitSubmission(admin, read.value, "value"));
    }),
    { numRuns: 1500 },
  );
});
