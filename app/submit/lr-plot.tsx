import { learningRateAt } from "@/lib/spec";

const WIDTH = 320;
const HEIGHT = 120;
const SAMPLES = 120;

interface LrPlotProps {
  /** The normalised schedule, as checkSpec returns it. */
  schedule: Parameters<typeof learningRateAt>[0];
  epochs: number;
  stepsPerEpoch: number;
}

/** The learning rate over a whole training run of `epochs` epochs, drawn as an inline SVG line. */
export function LrPlot({ schedule, epochs, stepsPerEpoch }: LrPlotProps) {
  const totalSteps = epochs * stepsPerEpoch;
  const steps = Array.from({ length: SAMPLES + 1 }, (_, i) => Math.min(totalSteps - 1, Math.round((i / SAMPLES) * totalSteps)));
  const rates = steps.map((step) => learningRateAt(schedule, step, totalSteps));
  const highest = Math.max(...rates, Number.MIN_VALUE);
  const points = rates
    .map((rate, i) => `${((i / SAMPLES) * WIDTH).toFixed(1)},${(HEIGHT - (rate / highest) * HEIGHT).toFixed(1)}`)
    .join(" ");
  const first = rates[0] ?? 0;
  const last = rates[rates.length - 1] ?? 0;
  return (
    <figure className="space-y-1">
      <svg
        role="img"
        aria-label={`Learning rate over ${epochs} epochs: from ${first.toPrecision(3)} to ${last.toPrecision(3)}, peak ${highest.toPrecision(3)}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-32 w-full max-w-sm rounded border border-stone-300 bg-white"
        preserveAspectRatio="none"
      >
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" className="text-indigo-600" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="text-xs text-stone-600">
        lr {first.toPrecision(3)} → {last.toPrecision(3)} (peak {highest.toPrecision(3)}) over {epochs} epochs × {stepsPerEpoch} steps
      </figcaption>
    </figure>
  );
}
