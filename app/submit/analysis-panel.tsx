import type { SpecAnalysis } from "@/lib/spec/analyze";
import { describeEstimate, formatMemory, type MeasuredSpeed } from "@/lib/spec/estimate";
import { formatDuration } from "@/lib/text/duration";
import { LIMITS } from "@/lib/spec/limits";
import { formatShape } from "@/lib/spec/shapes";
import { layerLabel } from "./draft";

const count = (value: number) => Math.round(value).toLocaleString("en-US");

/**
 * What the spec's model costs: shapes and parameters per layer, totals, training memory, and the
 * estimated run time per budget (at this site's measured speed once there is one).
 */
export function AnalysisPanel({ analysis, stale, speed }: { analysis: SpecAnalysis | undefined; stale: boolean; speed: MeasuredSpeed | null }) {
  if (!analysis) {
    return (
      <section aria-label="Analysis" className="rounded border border-stone-200 p-3 text-sm text-stone-500">
        The analysis appears once the spec is valid.
      </section>
    );
  }
  return (
    <section aria-label="Analysis" className={`space-y-3 rounded border border-stone-200 p-3 text-sm ${stale ? "opacity-50" : ""}`}>
      <h2 className="font-semibold">Analysis{stale && " (of the last valid spec)"}</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt>Parameters</dt>
        <dd data-testid="total-params">{count(analysis.params)}</dd>
        <dt>FLOPs per image</dt>
        <dd>{count(analysis.flops)}</dd>
        <dt>Memory per training step</dt>
        <dd data-testid="training-memory" title="Activations kept for backward at the spec's batch size, plus parameters, gradients and optimizer state: an estimate">
          about {formatMemory(analysis.trainingBytesPerStep)} (limit {formatMemory(LIMITS.trainingBytesPerStep)})
        </dd>
        <dt>Steps per epoch</dt>
        <dd>{count(analysis.stepsPerEpoch)}</dd>
        <dt>Shared budgets</dt>
        <dd title="When nothing depends on the total epoch count, one run to the largest budget yields the smaller ones as checkpoints">
          {analysis.sharedBudgets ? "yes: one run to the largest budget" : "no: each budget trains separately"}
        </dd>
        {analysis.estimate.budgets.map((budget) => (
          <div key={budget.budget} className="contents">
            <dt>Estimated {budget.budget} epochs</dt>
            <dd>{formatDuration(budget.seconds * (speed?.factor ?? 1))}</dd>
          </div>
        ))}
        <dt>Estimated in all</dt>
        <dd data-testid="estimated-total">{describeEstimate(analysis.estimate.totalSeconds, speed)}</dd>
      </dl>
      <div className="overflow-x-auto">
        <table className="w-full text-left font-mono text-xs">
          <caption className="sr-only">Layer shapes</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1">Layer</th>
              <th scope="col">Type</th>
              <th scope="col">Output</th>
              <th scope="col" className="text-right">Params</th>
            </tr>
          </thead>
          <tbody>
            {analysis.layers.map((layer) => (
              <tr key={layer.path} className="border-b border-stone-100">
                <td className="py-0.5" style={{ paddingLeft: `${layer.depth}rem` }}>
                  {layerLabel(layer.path)}
                </td>
                <td>{layer.type}</td>
                <td>{formatShape(layer.outputShape)}</td>
                <td className="text-right">{count(layer.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-stone-500">
        {speed
          ? `Times are estimates scaled by how fast this site's workers trained their last ${speed.runs === 1 ? "run" : `${speed.runs} runs`}; a busy queue or machine changes them.`
          : "Times are estimates for the reference machine (2 CPU cores), not measurements: this site's workers have not finished a run yet."}
      </p>
    </section>
  );
}
