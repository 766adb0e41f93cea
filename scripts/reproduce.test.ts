import { describe, expect, test } from "vitest";
import type { StartLine } from "@/worker/engine-lines";
import { DEFAULT_SITE, parseReproduceArgs } from "./lib/reproduce-args";
import { compareBudget, describeComparison, environmentNotes, publicEntry, recordedRunToReproduce, type RecordedRun } from "./lib/reproduce-compare";

const ID = "0b7c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
const RUN = "1b7c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";

describe("npm run reproduce's arguments", () => {
  test("an entry id on the default site, or an entry's page or API URL on its own site", () => {
    expect(parseReproduceArgs([ID])).toEqual({ entryId: ID, site: DEFAULT_SITE, budgets: null, runId: null });
    expect(parseReproduceArgs([`https://catwalk.example/entries/${ID}?tab=runs#curves`])).toMatchObject({ entryId: ID, site: "https://catwalk.example" });
    expect(parseReproduceArgs([`http://127.0.0.1:3500/api/entries/${ID.toUpperCase()}`])).toMatchObject({ entryId: ID, site: "http://127.0.0.1:3500" });
  });

  test("--site, --budgets and --run, with a space or an equals sign", () => {
    expect(parseReproduceArgs([ID, "--site", "http://localhost:3000/", "--budgets=20,5,20", "--run", RUN])).toEqual({ entryId: ID, site: "http://localhost:3000", budgets: [5, 20], runId: RUN });
    // --site wins over the URL's own site.
    expect(parseReproduceArgs([`http://a.example/entries/${ID}`, "--site=http://b.example"])).toMatchObject({ site: "http://b.example" });
  });

  test.each([
    [[], /give the entry's URL or id/],
    [[ID, ID], /one entry at a time/],
    [["not-an-id"], /neither an entry id nor an entry's URL/],
    [["http://catwalk.example/participants/x"], /neither an entry id nor an entry's URL/],
    [["http://catwalk.example/entries/42"], /"42" in the URL is not an entry id/],
    [["ftp://catwalk.example/entries/" + ID], /neither/],
    [[ID, "--budgets", "5,10"], /^--budgets: give one or more of 5, 20, 50/],
    [[ID, "--budgets"], /^--budgets needs a value/],
    [[ID, "--site", "catwalk.example"], /^--site: give the site's address/],
    [[ID, "--run", "latest"], /^--run: "latest" is not a run id/],
    [[ID, "--train-limit", "100"], /^unknown option --train-limit/],
  ])("%j is a usage error", (argv, message) => {
    const parsed = parseReproduceArgs(argv);
    expect("error" in parsed && parsed.error).toMatch(message);
  });
});

const reproducibility = { specHash: "h", seed: 42, engineVersion: "1.0.0+native", torchVersion: "2.13.0+cpu", device: "cpu", threads: 2, hardware: "CPU A" };
function run(overrides: Partial<RecordedRun>): RecordedRun {
  return { id: RUN, state: "verified", reason: "submission", trainLimit: null, finishedAt: "2026-12-01T10:00:00.000Z", results: [{ budget: 5, testAccuracy: 0.9, testLoss: 0.3 }], reproducibility, ...overrides };
}
const entryWith = (runs: RecordedRun[]) => publicEntry.parse({ id: ID, name: "e", specHash: "h", spec: { seed: 42 }, owner: { name: "o" }, runs });

describe("which recorded run is reproduced", () => {
  test("the latest verified full-data run with the entry's own seed, not an extra seed, a development or a failed run", () => {
    const old = run({ id: "old", finishedAt: "2026-11-01T00:00:00.000Z" });
    const latest = run({ id: "latest", finishedAt: "2026-12-01T00:00:00.000Z" });
    const others = [run({ id: "seed", reason: "extra seed", finishedAt: "2026-12-02T00:00:00.000Z" }), run({ id: "dev", trainLimit: 256, finishedAt: "2026-12-03T00:00:00.000Z" }), run({ id: "failed", state: "failed", finishedAt: "2026-12-04T00:00:00.000Z" })];
    expect(recordedRunToReproduce(entryWith([old, ...others, latest]), null)).toMatchObject({ id: "latest" });
    expect(recordedRunToReproduce(entryWith(others.slice(1)), null)).toMatch(/no verified result yet/);
    expect(recordedRunToReproduce(entryWith([old, ...others]), "seed")).toMatchObject({ id: "seed" });
    expect(recordedRunToReproduce(entryWith(others), "failed")).toMatch(/run failed is failed/);
    expect(recordedRunToReproduce(entryWith(others), "nope")).toMatch(/no public run nope/);
  });
});

describe("the comparison per budget", () => {
  test("identical to the bit, within the 95 % interval, or different", () => {
    const recorded = { testAccuracy: 0.9071, testLoss: 0.2634 };
    expect(compareBudget(5, recorded, { ...recorded }).verdict).toBe("identical");
    expect(compareBudget(5, recorded, { testAccuracy: 0.9071, testLoss: 0.2635 }).verdict).toBe("within noise");
    const near = compareBudget(5, recorded, { testAccuracy: 0.9049, testLoss: 0.27 });
    expect(near).toMatchObject({ verdict: "within noise", points: expect.closeTo(-0.22, 6) });
    expect(near.noise).toBeCloseTo(0.569, 3);
    expect(describeComparison(near)).toBe("budget 5: recorded 90.71, reproduced 90.49 — within noise (Δ −0.22 points; the 95 % interval is ±0.57)");
    const far = compareBudget(20, recorded, { testAccuracy: 0.9171, testLoss: 0.25 });
    expect(far.verdict).toBe("differs");
    expect(describeComparison(far)).toContain("differs (Δ +1.00 points");
    expect(describeComparison(compareBudget(50, recorded, undefined))).toBe("budget 50: recorded 90.71, no reproduced result — differs");
    expect(describeComparison(compareBudget(5, recorded, recorded))).toBe("budget 5: recorded 90.71, reproduced 90.71 — identical");
  });

  test("notes what differs from the recorded run's engine, torch, device, threads, seed, spec hash and hardware", () => {
    const here = { ...reproducibility, type: "start" } as unknown as StartLine;
    expect(environmentNotes(reproducibility, here, "h")).toEqual([]);
    const elsewhere = { ...here, engineVersion: "1.0.0", torchVersion: "2.13.0+cu128", device: "cuda", threads: 8, hardware: "GPU B", specHash: "x" } as StartLine;
    expect(environmentNotes(reproducibility, elsewhere, "h")).toEqual([
      "engine version differs: recorded 1.0.0+native, here 1.0.0",
      "torch differs: recorded 2.13.0+cpu, here 2.13.0+cu128",
      "device differs: recorded cpu, here cuda",
      "threads differs: recorded 2, here 8",
      "spec hash differs: the entry's is h, the engine read x",
      "hardware: recorded on CPU A, here GPU B",
    ]);
  });
});
