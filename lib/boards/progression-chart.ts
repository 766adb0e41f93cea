/** Geometry of the record's progression chart: a step line of the best verified accuracy over time, with axes. */
import { formatDate, formatTime } from "@/lib/text/time";
import type { BoardRecord } from "./records";

export const CHART = { width: 440, height: 220, left: 44, right: 16, top: 12, bottom: 40 } as const;

const DAY = 86_400_000;
const EPSILON = 1e-6;
const NICE_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];

export type Tick = { at: number; label: string };
export type RecordPoint = { x: number; y: number; record: BoardRecord };
export type ProgressionChart = { path: string; points: RecordPoint[]; xTicks: Tick[]; yTicks: Tick[] };

/** Accuracy axis in percentage points: whole steps of a readable size around the records, within 0–100. */
export function accuracyAxis(percents: readonly number[]): { low: number; high: number; step: number } {
  const min = Math.min(...percents);
  const max = Math.max(...percents);
  const step = NICE_STEPS.find((candidate) => (max - min) / candidate <= 4 + EPSILON) ?? 50;
  // In whole steps, with a tolerance for binary fractions (91.1 / 0.1 is 910.99…).
  let low = Math.floor(min / step + EPSILON) * step;
  let high = Math.ceil(max / step - EPSILON) * step;
  // Room below and above the line, so that neither the first record nor the last sits on an axis.
  if (Math.abs(low - min) < EPSILON) low -= step;
  if (Math.abs(high - max) < EPSILON) high += step;
  return { low: Math.max(0, round(low)), high: Math.min(100, round(high)), step };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Time axis from the first record to now; at least a day, so that one fresh record still draws a line. */
export function timeAxis(first: number, now: number): { start: number; end: number; ticks: number[] } {
  const end = Math.max(now, first + DAY);
  return { start: first, end, ticks: [first, (first + end) / 2, end] };
}

/** The chart for a board's records (oldest first), or null when there is none. */
export function progressionChart(records: readonly BoardRecord[], now: Date): ProgressionChart | null {
  if (records.length === 0) return null;
  const times = records.map((record) => Date.parse(record.setAt));
  const percents = records.map((record) => record.accuracy * 100);
  const accuracy = accuracyAxis(percents);
  const time = timeAxis(times[0]!, Math.max(now.getTime(), times.at(-1)!));

  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (t: number) => round(CHART.left + ((t - time.start) / (time.end - time.start)) * plotWidth);
  const y = (percent: number) => round(CHART.top + (1 - (percent - accuracy.low) / (accuracy.high - accuracy.low)) * plotHeight);

  const points = records.map((record, index) => ({ x: x(times[index]!), y: y(percents[index]!), record }));
  // A step line: each record holds until the next one, the last one until now.
  const path = points.map((point, index) => (index === 0 ? `M${point.x} ${point.y}` : `H${point.x} V${point.y}`)).join(" ") + ` H${x(time.end)}`;

  const yTicks = Array.from({ length: Math.round((accuracy.high - accuracy.low) / accuracy.step) + 1 }, (_, index): Tick => {
    const percent = round(accuracy.low + index * accuracy.step);
    return { at: y(percent), label: percent.toFixed(accuracy.step < 1 ? 1 : 0) };
  });
  const short = time.end - time.start < 2 * DAY;
  const xTicks = time.ticks.map((t) => ({ at: x(t), label: short ? formatTime(new Date(t)).slice(5, 16) : formatDate(new Date(t)) }));
  return { path, points, xTicks, yTicks };
}
