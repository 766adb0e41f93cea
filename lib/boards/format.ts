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

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });

/** A count in three significant digits, as the rows show parameters and FLOPs: 225034 → "225K", 8571000 → "8.57M". */
export function formatCompact(value: number | null): string {
  return value === null ? "–" : compact.format(value);
}

/** Whether two results' 95% intervals overlap: their difference may be noise of the 10,000-image test set. */
export function intervalsOverlap(a: number, b: number): boolean {
  return Math.abs(a - b) * 100 <= ci95Points(a) + ci95Points(b);
}
