import { describe, expect, test } from "vitest";
import { epochTicks, niceAxis, tickLabel } from "./ticks";

describe("chart axes", () => {
  test("ticks land on round numbers and cover every value", () => {
    expect(niceAxis([0.31, 0.87])).toEqual({ low: 0.2, high: 1, ticks: [0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis([81.2, 92.7])).toEqual({ low: 80, high: 95, ticks: [80, 85, 90, 95] });
    expect(niceAxis([0.0021, 0.005], { fromZero: true }).ticks).toEqual([0, 0.002, 0.004, 0.006]);
  });

  test("a flat series (a constant learning rate) gets a range around it, so its line is visible and labelled", () => {
    const axis = niceAxis([0.001, 0.001, 0.001], { fromZero: true });
    expect(axis.low).toBe(0);
    expect(axis.high).toBeGreaterThan(0.001);
    expect(axis.ticks).toContain(0.001);
    const flat = niceAxis([0.9, 0.9]);
    expect(flat.low).toBeLessThan(0.9);
    expect(flat.high).toBeGreaterThan(0.9);
    expect(niceAxis([])).toEqual({ low: 0, high: 1, ticks: [0, 0.5, 1] });
  });

  test("epoch ticks are whole epochs from 1 to the last", () => {
    expect(epochTicks(1)).toEqual([1]);
    expect(epochTicks(5)).toEqual([1, 2, 3, 4, 5]);
    expect(epochTicks(20)).toEqual([1, 5, 10, 15, 20]);
    expect(epochTicks(50)).toEqual([1, 10, 20, 30, 40, 50]);
  });

  test("labels use the digits the step needs", () => {
    const axis = niceAxis([0.31, 0.87]);
    expect(axis.ticks.map((tick) => tickLabel(tick, axis))).toEqual(["0.2", "0.4", "0.6", "0.8", "1.0"]);
    const percent = niceAxis([81.2, 92.7]);
    expect(percent.ticks.map((tick) => tickLabel(tick, percent))).toEqual(["80", "85", "90", "95"]);
    const rate = niceAxis([0.00002, 0.00005], { fromZero: true });
    expect(tickLabel(rate.ticks[1]!, rate)).toBe("2e-5");
  });
});
