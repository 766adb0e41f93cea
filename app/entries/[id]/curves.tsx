import type { EpochPoint } from "@/lib/entries/types";

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 40, right: 10, top: 10, bottom: 24 };
const COLORS = ["#4338ca", "#b45309", "#047857"];

type Series = { label: string; points: { x: number; y: number }[] };

function seriesOf(epochs: readonly EpochPoint[], value: (point: EpochPoint) => number): Series[] {
  const runs = [...new Set(epochs.map((point) => point.runEpochs))].sort((a, b) => a - b);
  return runs.map((runEpochs) => ({
    label: `${runEpochs}-epoch training`,
    points: epochs.filter((point) => point.runEpochs === runEpochs).map((point) => ({ x: point.epoch, y: value(point) })),
  }));
}

/** One small line chart, plain SVG: the curves grow as epochs arrive. */
function Chart({ title, series, maxEpoch, format }: { title: string; series: Series[]; maxEpoch: number; format: (y: number) => string }) {
  const ys = series.flatMap((line) => line.points.map((point) => point.y));
  const low = Math.min(...ys);
  const high = Math.max(...ys);
  const span = high - low || Math.abs(high) || 1;
  const x = (epoch: number) => PAD.left + ((epoch - 1) / Math.max(maxEpoch - 1, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-medium text-stone-600">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="w-full max-w-sm rounded border border-stone-200 bg-white">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#d6d3d1" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} stroke="#d6d3d1" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="9" fill="#78716c">
          {format(high)}
        </text>
        <text x={PAD.left - 4} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize="9" fill="#78716c">
          {format(low)}
        </text>
        <text x={PAD.left} y={HEIGHT - 8} fontSize="9" fill="#78716c">
          epoch 1
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" fontSize="9" fill="#78716c">
          {maxEpoch}
        </text>
        {series.map((line, index) => (
          <g key={line.label} stroke={COLORS[index % COLORS.length]} fill={COLORS[index % COLORS.length]}>
            <polyline fill="none" strokeWidth="1.5" points={line.points.map((point) => `${x(point.x)},${y(point.y)}`).join(" ")} />
            {line.points.map((point) => (
              <circle key={point.x} cx={x(point.x)} cy={y(point.y)} r="2" />
            ))}
          </g>
        ))}
      </svg>
      {series.length > 1 && (
        <div className="flex gap-3 text-xs text-stone-500">
          {series.map((line, index) => (
            <span key={line.label} style={{ color: COLORS[index % COLORS.length] }}>
              ■ {line.label}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}

export function TrainingCurves({ epochs }: { epochs: readonly EpochPoint[] }) {
  if (epochs.length === 0) return null;
  const maxEpoch = Math.max(...epochs.map((point) => point.runEpochs));
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="training-curves">
      <Chart title="Train loss" series={seriesOf(epochs, (point) => point.trainLoss)} maxEpoch={maxEpoch} format={(v) => v.toFixed(3)} />
      <Chart
        title="Train accuracy (%)"
        series={seriesOf(epochs, (point) => point.trainAccuracy * 100)}
        maxEpoch={maxEpoch}
        format={(v) => v.toFixed(1)}
      />
    </div>
  );
}
