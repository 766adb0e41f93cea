/** Axis ranges and tick values for the site's small server-rendered charts. */

export type Axis = { low: number; high: number; ticks: number[] };

/** A "nice" step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * An axis covering every value, widened to whole steps so the ticks land on round numbers. A flat
 * series (a constant learning rate) gets a range around its value, so its line is drawn inside
 * the plot and labelled, not squashed onto an edge. `fromZero` starts the axis at 0 (rates, losses).
 */
export function niceAxis(values: readonly number[], options: { count?: number; fromZero?: boolean } = {}): Axis {
  const count = options.count ?? 4;
  const finite = values.filter(Number.isFinite);
  let low = finite.length > 0 ? Math.min(...finite) : 0;
  let high = finite.length > 0 ? Math.max(...finite) : 1;
  if (high === low) {
    const pad = Math.abs(high) > 0 ? Math.abs(high) * 0.5 : 1;
    high += pad;
    low -= pad;
    if (options.fromZero && low < 0 && high > 0) low = 0;
  }
  if (options.fromZero) low = Math.min(low, 0);
  const step = niceStep(high - low, count);
  const first = Math.floor(low / step + 1e-9) * step;
  const last = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i += 1) ticks.push(roundTo(first + i * step, step));
  return { low: ticks[0]!, high: ticks[ticks.length - 1]!, ticks };
}

/** Removes floating-point noise (0.30000000000000004) at the step's precision. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 20)));
}

/** Integer ticks from 1 to `last` (epochs): at most about `count` of them, always including both ends. */
export function epochTicks(last: number, count = 5): number[] {
  if (last <= 1) return [1];
  const step = Math.max(1, niceStep(last - 1, count));
  const ticks = [1];
  for (let tick = Math.ceil(2 / step) * step; tick < last; tick += step) if (tick > 1) ticks.push(tick);
  if (ticks[ticks.length - 1]! + step / 2 > last && ticks.length > 1) ticks.pop();
  return [...ticks, last];
}

/** A tick label with as few digits as its step needs; tiny or huge values in exponent form. */
export function tickLabel(value: number, axis: Axis): string {
  const step = axis.ticks.length > 1 ? axis.ticks[1]! - axis.ticks[0]! : Math.abs(value) || 1;
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(Number.isInteger(Number((value / step).toFixed(6))) ? 0 : 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(decimals);
}
