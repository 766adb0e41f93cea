import { expect, test } from "vitest";
import { ci95Points, creditLine, formatAccuracy, formatCompact, intervalsOverlap, parseBudget } from "./format";

test("credit lines follow the challenge's style with a dash for a budget without a result", () => {
  expect(creditLine("Sean", [0.907, 0.911, 0.909])).toBe("Sean: 90.7/91.1/90.9");
  expect(creditLine("Jeremy Howard", [0.927, null, null])).toBe("Jeremy Howard: 92.7/–/–");
});

test("accuracy is written in percentage points with one decimal", () => {
  expect(formatAccuracy(0.90745)).toBe("90.7");
  expect(formatAccuracy(1)).toBe("100.0");
});

test("the 95% interval near 91% on 10,000 test images is about ±0.56 points", () => {
  expect(ci95Points(0.91)).toBeCloseTo(1.96 * Math.sqrt(0.91 * 0.09 / 10_000) * 100, 10);
  expect(ci95Points(0.91)).toBeCloseTo(0.561, 3);
  expect(ci95Points(0.91, 100)).toBeCloseTo(5.61, 2);
});

test("only the 5, 20 and 50 epoch budgets are boards", () => {
  expect([parseBudget("5"), parseBudget("20"), parseBudget(50)]).toEqual([5, 20, 50]);
  expect([parseBudget("10"), parseBudget("5.0"), parseBudget(" 5"), parseBudget("abc"), parseBudget("")]).toEqual([
    null,
    null,
    null,
    null,
    null,
  ]);
});

test("counts are written in three significant digits", () => {
  expect([formatCompact(225_034), formatCompact(8_571_000), formatCompact(950), formatCompact(null)]).toEqual(["225K", "8.57M", "950", "–"]);
});

test("two results are tied when the gap is within the sum of their interval half-widths", () => {
  expect(intervalsOverlap(0.92, 0.918)).toBe(true);
  expect(intervalsOverlap(0.92, 0.9)).toBe(false);
  const limit = (ci95Points(0.91) + ci95Points(0.9)) / 100;
  expect(intervalsOverlap(0.91, 0.91 - limit * 0.99)).toBe(true);
});
