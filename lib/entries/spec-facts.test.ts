import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { entries } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { JEREMY_SPEC, SEAN_SPEC, checkSpec } from "@/lib/spec";
import { specHash } from "@/lib/spec/canonical";
import { insertEntry } from "@/tests/boards";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { backfillSpecFacts, factsOfCheckedSpec, factsOfStoredSpec } from "./spec-facts";

const checkedOrThrow = (spec: unknown) => {
  const checked = checkSpec(spec);
  if (!checked.ok) throw new Error("a shipped spec is valid");
  return checked;
};

test("parameters and FLOPs come from the spec's analysis; a spec that fails today's checks has none", () => {
  const sean = checkedOrThrow(SEAN_SPEC);
  expect(factsOfStoredSpec(SEAN_SPEC)).toEqual({ params: sean.analysis.params, flops: sean.analysis.flops });
  expect(factsOfCheckedSpec(sean.spec)).toEqual({ params: sean.analysis.params, flops: sean.analysis.flops });
  expect(factsOfStoredSpec({ not: "a spec" })).toBeNull();
});

beforeAll(() => usePrivateDatabase("catwalk_test_spec_facts"));
afterAll(closeDb);

  test("the backfill gives entries stored without facts theirs, once per spec, and leaves unanalysable ones empty", async () => {
    const owner = await insertUser("Facts");
    const jeremy = checkedOrThrow(JEREMY_SPEC);
    const hash = specHash(jeremy.spec);
    const a = await insertEntry(owner, "a", { spec: jeremy.spec, specHash: hash });
    const b = await insertEntry(owner, "b", { spec: jeremy.spec, specHash: hash });
    const broken = await insertEntry(owner, "broken", { spec: { not: "a spec" }, specHash: "broken" });
    // As stored before the facts were kept.
    await getDb().update(entries).set({ params: null, flops: null });
    expect(await backfillSpecFacts(getDb())).toBe(2);
    const facts = async (id: string) => (await getDb().select({ params: entries.params, flops: entries.flops }).from(entries).where(eq(entries.id, id)))[0];
    expect(await facts(a)).toEqual({ params: jeremy.analysis.params, flops: jeremy.analysis.flops });
    expect(await facts(b)).toEqual({ params: jeremy.analysis.params, flops: jeremy.analysis.flops });
    expect(await facts(broken)).toEqual({ params: null, flops: null });
    // Nothing left to fill: a second pass changes nothing.
    expect(await backfillSpecFacts(getDb())).toBe(0);
  });
