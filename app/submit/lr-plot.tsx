import { learningRateAt } from "@/lib/spec";

const WIDTH = 360;
const HEIGHT = 180;
/** Room for the tick labels and axis titles around the plotting area. */
const MARGIN = { left: 56, right: 12, top: 10, bottom: 38 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const SAMPLES = 120;
/** Headroom above the highest rate, so that a constant schedule's line never hides in the frame. */
const HEADROOM = 1.15;

interface LrPlotProps {
  /** The normalised schedule, as checkSpec returns it. */
  schedule: Parameters<typeof learningRateAt>[0];
  epochs: number;
  stepsPerEpoch: number;
}

/** `0.005`, `1e-4`, `0`: short enough for a tick label. */
function formatRate(rate: number): string {
  if (rate === 0) return "0";
  return rate >= 1e-3 && rate < 1e3 ? String(Number(rate.toPrecision(2))) : rate.toExponential(1).replace("e-", "e−");
}

function epochTicks(epochs: number): number[] {
  const step = epochs <= 5 ? 1 : epochs <= 20 ? 5 : 10;
  return Array.from({ length: Math.floor(epochs / step) + 1 }, (_, i) => i * step);
}

/** The learning rate over a whole training run of `epochs` epochs: an inline SVG with axes, ticks and labels. */
export function LrPlot({ schedule, epochs, stepsPerEpoch }: LrPlotProps) {
  const totalSteps = epochs * stepsPerEpoch;
  const steps = Array.from({ length: SAMPLES + 1 }, (_, i) => Math.min(totalSteps - 1, Math.round((i / SAMPLES) * totalSteps)));
  const rates = steps.map((step) => learningRateAt(schedule, step, totalSteps));
  const highest = Math.max(...rates, Number.MIN_VALUE);
  const top = highest * HEADROOM;
  const x = (fraction: number) => MARGIN.left + fraction * PLOT_WIDTH;
  const y = (rate: number) => MARGIN.top + PLOT_HEIGHT - (rate / top) * PLOT_HEIGHT;
  const points = rates.map((rate, i) => `${x(i / SAMPLES).toFixed(1)},${y(rate).toFixed(1)}`).join(" ");
  const first = rates[0] ?? 0;
  const last = rates[rates.length - 1] ?? 0;
  const bottom = MARGIN.top + PLOT_HEIGHT;
  return (
    <figure className="space-y-1">
      <svg
        role="img"
        aria-label={`Learning rate over ${epochs} epochs: from ${first.toPrecision(3)} to ${last.toPrecision(3)}, peak ${highest.toPrecision(3)}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-md rounded border border-stone-300 bg-white text-stone-600"
      >
        {[0, highest / 2, highest].map((rate) => (
          <g key={rate}>
            <line x1={MARGIN.left} x2={MARGIN.left + PLOT_WIDTH} y1={y(rate)} y2={y(rate)} stroke="currentColor" strokeOpacity={rate === 0 ? 0.8 : 0.15} />
            <text x={MARGIN.left - 6} y={y(rate)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
              {formatRate(rate)}
            </text>
          </g>
        ))}
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} stroke="currentColor" strokeOpacity={0.8} />
        {epochTicks(epochs).map((epoch) => (
          <g key={epoch}>
            <line x1={x(epoch / epochs)} x2={x(epoch / epochs)} y1={bottom} y2={bottom + 4} stroke="currentColor" />
            <text x={x(epoch / epochs)} y={bottom + 15} textAnchor="middle" fontSize="11" fill="currentColor">
              {epoch}
            </text>
          </g>
        ))}
        <text x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill="currentColor">
          epoch
        </text>
        <text transform={`translate(12 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`} textAnchor="middle" fontSize="11" fill="currentColor">
          learning rate
        </text>
        <polyline points={points} fill="none" stroke="#4f46e5" strokeWidth="2.5" strokeLinejoin="round" />
      </svg>
      <figcaption className="text-xs text-stone-600">
        lr {first.toPrecision(3)} → {last.toPrecision(3)} (peak {highest.toPrecision(3)}) over {epochs} epochs × {stepsPerEpoch} steps
      </figcaption>
    </figure>
  );
}
