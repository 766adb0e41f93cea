import { EXAMPLES } from "@/lib/spec";

/** A small, valid, quick spec: the MLP baseline example at one budget. */
export function smallSpec(seed = 1): Record<string, unknown> {
  const mlp = EXAMPLES.find((example) => example.slug === "mlp-baseline");
  if (!mlp) throw new Error("the mlp-baseline example is missing");
  return { ...structuredClone(mlp.spec), budgets: [5], seed };
}
