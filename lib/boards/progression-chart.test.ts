import { expect, test } from "vitest";
import { CHART, accuracyAxis, progressionChart, timeAxis } from "./progression-chart";
import type { BoardRecord } from "./records";

const record = (accuracy: number, setAt: string): BoardRecord => ({
  participant: "P",
  entryId: "e",
  entryName: "n",
  runId: setAt,
  accuracy,
  setAt,
});

test("the accuracy axis has readable steps with room above and below the records", () => {
  expect(accuracyAxis([85, 95])).toEqual({ low: 80, high: 100, step: 5 });
  expect(accuracyAxis([90.7, 91.1])).toEqual({ low: 90.6, high: 91.2, step: 0.1 });
  expect(accuracyAxis([90.7, 91.3])).toEqual({ low: 90.6, high: 91.4, step: 0.2 });
  expect(accuracyAxis([92])).toEqual({ low: 91.9, high: 92.1, step: 0.1 });
  expect(accuracyAxis([99.95]).high).toBe(100);
});

test("the time axis runs from the first record to now, at least one day", () => {
  expect(timeAxis(0, 10)).toEqual({ start: 0, end: 86_400_000, ticks: [0, 43_200_000, 86_400_000] });
  expect(timeAxis(0, 3 * 86_400_000).end).toBe(3 * 86_400_000);
});

test("a step line: each record holds until the next, the last until now; points at each record", () => {
  const chart = progressionChart([record(0.85, "2026-11-01T00:00:00Z"), record(0.95, "2026-11-11T00:00:00Z")], new Date("2026-11-21T00:00:00Z"))!;
  const [first, second] = chart.points;
  expect(first!.x).toBe(CHART.left);
  expect(second!.x).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
  expect(second!.y).toBeLessThan(first!.y);
  expect(chart.path).toBe(`M${first!.x} ${first!.y} H${second!.x} V${second!.y} H${CHART.width - CHART.right}`);
  expect(chart.yTicks.map((tick) => tick.label)).toEqual(["80", "85", "90", "95", "100"]);
  expect(chart.xTicks.map((tick) => tick.label)).toEqual(["2026-11-01", "2026-11-11", "2026-11-21"]);
});

test("within two days the time ticks give the hour", () => {
  const chart = progressionChart([record(0.9, "2026-12-02T10:00:00Z")], new Date("2026-12-02T12:00:00Z"))!;
  expect(chart.xTicks.map((tick) => tick.label)).toEqual(["12-02 10:00", "12-02 22:00", "12-03 10:00"]);
  expect(progressionChart([], new Date())).toBeNull();
});
