import { ci95Points, formatAccuracy, TEST_IMAGES } from "@/lib/boards/format";
import { FASHION_CLASSES } from "@/lib/entries/classes";
import type { BudgetResult } from "@/lib/entries/types";
import { DEV_EVAL_IMAGES } from "@/lib/spec/estimate";

/** What a development run's numbers are measured on, shown with them. */
export const DEVELOPMENT_EVALUATION = `development run: evaluated on a fixed slice of the training set (its last ${DEV_EVAL_IMAGES.toLocaleString("en-US")} images, never trained on), never ranked`;

function ConfusionMatrix({ matrix }: { matrix: number[][] }) {
  const largest = Math.max(1, ...matrix.flat());
  return (
    <table className="text-[10px] tabular-nums" aria-label="Confusion matrix (rows: true class, columns: predicted)">
      <thead>
        <tr>
          <th className="px-1 text-left font-normal text-stone-500">true ↓ / predicted →</th>
          {FASHION_CLASSES.map((name, index) => (
            <th key={name} title={name} className="px-1 font-normal text-stone-500">
              {index}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={i}>
            <th className="px-1 text-left font-normal text-stone-600">
              {i} {FASHION_CLASSES[i]}
            </th>
            {row.map((count, j) => (
              <td
                key={j}
                className="px-1 text-center"
                style={{ backgroundColor: `rgba(${i === j ? "67,56,202" : "220,38,38"},${(count / largest) ** 0.5 * 0.6})` }}
              >
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A development run's results are on the development slice of the training set, a verified run's on the test set. */
export function BudgetResults({ results, development }: { results: readonly BudgetResult[]; development: boolean }) {
  if (results.length === 0) return null;
  const evaluated = development ? "Dev-slice" : "Test";
  return (
    <div className="space-y-4">
      {development && (
        <p className="text-xs text-amber-800" data-testid="development-evaluation">
          Results of a {DEVELOPMENT_EVALUATION}.
        </p>
      )}
      <table className="text-sm tabular-nums" data-testid="budget-results">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-stone-500">
            <th className="pr-6 font-medium">Budget</th>
            <th className="pr-6 font-medium">{evaluated} accuracy</th>
            <th className="pr-6 font-medium">{evaluated} loss</th>
            <th className="font-medium">Training time</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => (
            <tr key={result.budget}>
              <td className="pr-6">{result.budget} epochs</td>
              <td className="pr-6 font-semibold">
                {formatAccuracy(result.testAccuracy)}%{" "}
                <span className="font-normal text-stone-500">±{ci95Points(result.testAccuracy, development ? DEV_EVAL_IMAGES : TEST_IMAGES).toFixed(2)}</span>
              </td>
              <td className="pr-6">{result.testLoss.toFixed(4)}</td>
              <td>{result.seconds === null ? "–" : `${result.seconds.toFixed(0)} s`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.map((result) => (
        <details key={result.budget} className="rounded border border-stone-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">{result.budget} epochs: per-class accuracy and confusion matrix</summary>
          <div className="mt-3 flex flex-wrap gap-6 overflow-x-auto">
            <table className="text-xs tabular-nums">
              <tbody>
                {result.perClassAccuracy.map((accuracy, index) => (
                  <tr key={index}>
                    <td className="pr-3 text-stone-600">{FASHION_CLASSES[index] ?? index}</td>
                    <td className="text-right">{formatAccuracy(accuracy)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ConfusionMatrix matrix={result.confusionMatrix} />
          </div>
        </details>
      ))}
    </div>
  );
}
