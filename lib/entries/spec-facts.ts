import { checkSpec } from "@/lib/spec";

/** What a row shows about an entry's model; null when its spec no longer passes today's checks. */
export type SpecFacts = { params: number; flops: number } | null;

export type SpecFactsOf = (specHash: string, spec: unknown) => SpecFacts;

/** Analysing a spec takes a while: one memo per request, keyed by the spec's hash, analyses each spec once. */
export function specFactsMemo(): SpecFactsOf {
  const known = new Map<string, SpecFacts>();
  return (specHash, spec) => {
    if (!known.has(specHash)) {
      const checked = checkSpec(spec);
      known.set(specHash, checked.ok ? { params: checked.analysis.params, flops: checked.analysis.flops } : null);
    }
    return known.get(specHash)!;
  };
}
