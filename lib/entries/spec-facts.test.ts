import { expect, test } from "vitest";
import { SEAN_SPEC, checkSpec } from "@/lib/spec";
import { specFactsMemo } from "./spec-facts";

test("parameters and FLOPs come from the spec's analysis, once per spec hash", () => {
  const checked = checkSpec(SEAN_SPEC);
  if (!checked.ok) throw new Error("Sean's spec is valid");
  const facts = specFactsMemo();
  expect(facts("h", SEAN_SPEC)).toEqual({ params: checked.analysis.params, flops: checked.analysis.flops });
  // Same hash: the memo answers without analysing the (here different) value again.
  expect(facts("h", { not: "a spec" })).toEqual({ params: checked.analysis.params, flops: checked.analysis.flops });
  expect(facts("other", { not: "a spec" })).toBeNull();
  expect(specFactsMemo()("h", { not: "a spec" })).toBeNull();
});
