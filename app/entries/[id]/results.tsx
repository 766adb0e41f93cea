import { ci95Points, formatAccuracy, TEST_IMAGES } from "@/lib/boards/format";
import type { BudgetResult } from "@/lib/entries/types";
import { DEV_EVAL_IMAGES } from "@/lib/spec/estimate";
import { ConfusionMatrix } from "./confusion-matrix";
import { MisclassifiedImages } from "./misclassified";

/** What a development run's numbers are measured on, shown with them. */
export const DEVELOPMENT_EVALUATION = `development run: evaluated on a fixed slice of the training set (its last ${DEV_EVAL_IMAGES.toLocaleString("en-US")} images, never trained on), never ranked`;

/** A development run's results are on the development slice of the training set, a verified run's on the test set. */
export function BudgetResults({ results, development, images = {} }: { results: readonly BudgetResult[]; development: boolean; images?: Readonly<Record<number, string>> }) {
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
      {results.map((result, index) => (
        <details key={result.budget} open={index === results.length - 1} className="rounded border border-stone-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">{result.budget} epochs: confusion matrix and per-class accuracy</summary>
          <div className="mt-3 space-y-4">
            <ConfusionMatrix
              matrix={result.confusionMatrix}
              perClassAccuracy={result.perClassAccuracy}
              caption={`Confusion matrix after ${result.budget} epochs, with per-class accuracy`}
              images={development ? "Development-slice images" : "Test images"}
            />
            <MisclassifiedImages items={result.misclassified} images={images} />
          </div>
        </details>
      ))}
    </div>
  );
}
