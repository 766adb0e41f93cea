/** How the boards write numbers; shared by the pages and the JSON API. */
import { TEST_IMAGES } from "@/lib/spec/estimate";
import { BUDGETS, type Budget } from "@/lib/spec/schema";

export { BUDGETS, TEST_IMAGES, type Budget };

export function parseBudget(value: string | number): Budget | null {
  const budget = Number(value);
  return (BUDGETS as readonly number[]).includes(budget) && String(value) === String(budget) ? (budget as Budget) : null;
}

/** A fraction as percentage points with one decimal, as the challenge wrote them: 0.907 → "90.7". */
export function formatAccuracy(fraction: number | null): string {
  return fraction === null ? "–" : (fraction * 100).toFixed(1);
}

/** Half-width of the 95% interval, in percentage points: 1.96 · sqrt(p(1−p)/n) · 100. */
export function ci95Points(fraction: number, testImages: number = TEST_IMAGES): number {
  return 1.96 * Math.sqrt((fraction * (1 - fraction)) / testImages) * 100;
}

export type Credit = readonly [number | null, number | null, number | null];

/** The challenge's credit style: `Sean: 90.7/91.1/90.9`, a dash for a budget without a result. */
export function creditLine(name: string, credit: Credit): string {
  return `${name}: ${credit.map(formatAccuracy).join("/")}`;
}
