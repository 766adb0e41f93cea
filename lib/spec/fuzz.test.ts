/**
 * Property-based safety of the validator: arbitrary and mutated JSON values and texts
 * (11,000 runs in all) are each accepted or rejected with messages and never throw. The
 * submit endpoint's half lives with the submission code.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type CheckResult, checkSpec, checkSpecText } from "./check";
import { EXAMPLES } from "./examples";
import { readJsonText } from "./json-text";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A check takes about a millisecond. The slowest is printed, not bounded: a wall-clock bound
 * breaks on a busy machine, while the input bounds (limits tests) are what keep the work small.
 */
let slowestMilliseconds = 0;

function timed(check: () => CheckResult): CheckResult {
  const started = performance.now();
  const result = check();
  slowestMilliseconds = Math.max(slowestMilliseconds, performance.now() - started);
  return result;
}

afterAll(() => {
  console.log(`[fuzz] slowest check: ${slowestMilliseconds.toFixed(1)} ms`);
});

/** Either a normalised spec with its analysis, or at least one issue, each with a path and a message. */
function expectWellFormed(result: CheckResult): void {
  if (result.ok) {
    expect(result.analysis.outputShape).toEqual([10]);
    // Normalising is idempotent: the normalised spec checks to itself.
    const again = checkSpec(result.spec);
    expect(again.ok && again.spec).toEqual(result.spec);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

function checkBoth(value: unknown): CheckResult {
  const result = timed(() => checkSpec(value));
  expectWellFormed(result);
  const text = JSON.stringify(value);
  if (text !== undefined) {
    const fromText = timed(() => checkSpecText(text));
    expectWellFormed(fromText);
    expect(fromText.ok).toBe(result.ok);
  }
  return result;
}

// ------------------------------------------------------------- mutations of the examples
type Path = (string | number)[];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Array.isArray(value) ? value.map((inner, index) => [index, inner] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([key, inner]) => pathsOf(inner, [...prefix, key]))];
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } | null {
  if (path.length === 0) return null;
  let parent = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key]!;
  return { parent, key: path[path.length - 1]! };
}

type Mutation =
  | { kind: "drop" | "swapNumber" | "wrap"; at: number; value?: Json; depth?: number }
  | { kind: "replace"; at: number; value: Json }
  | { kind: "addKey"; at: number; key: string; value: Json };

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant("addKey" as const), at: fc.nat(), key: fc.string({ maxLength: 12 }), value: jsonValue }),
  fc.record({
    kind: fc.constant("swapNumber" as const),
    at: fc.nat(),
    value: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e300, 2 ** 53, 0.5)),
  }),
  fc.record({ kind: fc.constant("wrap" as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 60 }) }),
);

/** Applies each mutation at a path chosen among the document's current paths. */
function mutate(original: Json, mutations: Mutation[]): { value: Json; addedKeys: Path[] } {
  let root = structuredClone(original);
  const addedKeys: Path[] = [];
  for (const change of mutations) {
    const paths = pathsOf(root);
    const path = paths[change.at % paths.length]!;
    const place = parentOf(root, path);
    const target = place ? (place.parent as Record<string | number, Json>)[place.key]! : root;
    const set = (value: Json) => {
      if (place) (place.parent as Record<string | number, Json>)[place.key] = value;
      else root = value;
    };
    switch (change.kind) {
      case "drop":
        if (place && Array.isArray(place.parent)) place.parent.splice(Number(place.key), 1);
        else if (place) delete (place.parent as Record<string, Json>)[place.key];
        break;
      case "replace":
        set(change.value);
        break;
      case "swapNumber":
        if (typeof target === "number") set(change.value ?? 0);
        break;
      case "wrap": {
        let wrapped = target;
        for (let level = 0; level < (change.depth ?? 1); level += 1) wrapped = level % 2 ? { nested: wrapped } : [wrapped];
        set(wrapped);
        break;
      }
      case "addKey":
        if (target !== null && typeof target === "object" && !Array.isArray(target) && !Object.hasOwn(target, change.key)) {
          // defineProperty: a key like "__proto__" must become an own field, as JSON.parse makes it.
          Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
          addedKeys.push([...path, change.key]);
        }
        break;
    }
  }
  // A later drop, replace or wrap may have taken an added key away again: only the ones still there count.
  const stillThere = new Set(pathsOf(root).map((path) => JSON.stringify(path)));
  return { value: root, addedKeys: addedKeys.filter((path) => stillThere.has(JSON.stringify(path))) };
}

const RUNS = { arbitrary: 3000, texts: 2000, mutations: 5000, nesting: 1000 };

describe("fuzz: checkSpec and checkSpecText never throw and always explain", () => {
  it(`arbitrary JSON values (${RUNS.arbitrary} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        checkBoth(value);
      }),
      { numRuns: RUNS.arbitrary, seed: 3 },
    );
  });

  it(`arbitrary texts: valid JSON exactly when JSON.parse agrees (${RUNS.texts} runs)`, () => {
    const sean = JSON.stringify(EXAMPLES[0]!.spec);
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.json({ maxDepth: 4 }),
      // Sean's spec with a slice cut out or a character put in: mostly broken JSON.
      fc.tuple(fc.nat(sean.length), fc.nat(8), fc.string({ maxLength: 2 })).map(([at, cut, put]) => sean.slice(0, at) + put + sean.slice(at + cut)),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = timed(() => checkSpecText(input));
        expectWellFormed(result);
        let parses = true;
        try {
          JSON.parse(input);
        } catch {
          parses = false;
        }
        expect(readJsonText(input).ok).toBe(parses);
        if (!parses && !result.ok) expect(result.issues[0]!.message).toMatch(/^invalid JSON at line \d+, column \d+: unexpected |^the spec is empty/);
      }),
      { numRuns: RUNS.texts, seed: 5 },
    );
  });

  it(`mutations of the examples: drop, replace, add keys, swap numbers, nest deeply (${RUNS.mutations} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(EXAMPLES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (index, mutations) => {
        const { value, addedKeys } = mutate(EXAMPLES[index]!.spec as Json, mutations);
        const result = checkBoth(value);
        if (result.ok) accepted += 1;
        // An added key is never silently accepted, wherever it lands.
        if (addedKeys.length > 0) expect(result.ok).toBe(false);
      }),
      { numRuns: RUNS.mutations, seed: 7 },
    );
    // Some mutations keep a valid spec (e.g. dropping a defaulted field), most do not.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(RUNS.mutations);
  });

  it(`deep nesting, as text and as values, is rejected by its depth (${RUNS.nesting} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.boolean(), (depth, objects) => {
        const open = objects ? '{"a":' : "[";
        const close = objects ? "}" : "]";
        const text = `{"version":1,"model":${open.repeat(depth)}1${close.repeat(depth)}}`;
        const result = timed(() => checkSpecText(text));
        expect(result.ok).toBe(false);
        if (depth + 1 > 32 && text.length <= 65_536 && !result.ok) expect(result.issues[0]!.message).toMatch(/nested more than 32 levels/);
        let value: unknown = 1;
        for (let level = 0; level < depth; level += 1) value = objects ? { a: value } : [value];
        const fromValue = timed(() => checkSpec({ version: 1, model: value }));
        expect(fromValue.ok).toBe(false);
      }),
      { numRuns: RUNS.nesting, seed: 11 },
    );
  });
});
