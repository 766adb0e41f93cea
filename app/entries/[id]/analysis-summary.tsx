import { measuredSpeed } from "@/lib/runs/measured-speed";
import { checkSpec } from "@/lib/spec";
import { describeEstimate } from "@/lib/spec/estimate";

/** What the current checks say about the spec: size, cost, how budgets train, the time a verification takes. */
export async function AnalysisSummary({ spec }: { spec: unknown }) {
  const checked = checkSpec(spec);
  if (!checked.ok) {
    return <p className="text-sm text-red-700">This spec no longer passes the current checks: {checked.issues.map((issue) => issue.message).join("; ")}</p>;
  }
  const { analysis } = checked;
  const facts: [string, string][] = [
    ["Parameters", analysis.params.toLocaleString("en-US")],
    ["FLOPs per image (forward)", analysis.flops.toLocaleString("en-US")],
    ["Layers", String(analysis.layerCount)],
    ["Steps per epoch", analysis.stepsPerEpoch.toLocaleString("en-US")],
    ["Budgets", analysis.sharedBudgets ? "shared: one run to the largest budget" : "each budget trains separately"],
    ["Estimated verification time", describeEstimate(analysis.estimate.totalSeconds, await measuredSpeed())],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="analysis">
      {facts.map(([label, value]) => (
        <div key={label} className="rounded border border-stone-200 bg-white px-3 py-2">
          <dt className="text-xs text-stone-500">{label}</dt>
          <dd className="text-sm font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
