import { epochTicks, niceAxis, tickLabel, type Axis } from "@/lib/charts/ticks";
import type { EpochPoint } from "@/lib/entries/types";

/** One run's curves: its epochs (possibly several trainings when budgets train separately) and its test results. */
export type CurveRun = { key: string; label: string; epochs: readonly EpochPoint[]; checkpoints: readonly { budget: number; accuracy: number }[] };

type Point = { x: number; y: number };
type Line = { style: number; points: Point[] };
type Marker = "circle" | "square" | "triangle" | "diamond";

// Okabe–Ito colours (distinguishable with colour-blindness), each with its own dash and marker,
// so runs stay apart in grey print too.
const STYLES: readonly { color: string; dash?: string; marker: Marker }[] = [
  { color: "#0072B2", marker: "circle" },
  { color: "#D55E00", dash: "6 3", marker: "square" },
  { color: "#009E73", dash: "2 2", marker: "triangle" },
  { color: "#CC79A7", dash: "8 3 2 3", marker: "diamond" },
  { color: "#56473A", dash: "1 3", marker: "circle" },
  { color: "#7A5B00", dash: "10 4", marker: "square" },
];
const styleOf = (index: number) => STYLES[index % STYLES.length]!;

const WIDTH = 360;
const HEIGHT = 190;
const PAD = { left: 50, right: 12, top: 10, bottom: 36 };
const MARKERS_UP_TO = 20;

function MarkerShape({ marker, x, y }: { marker: Marker; x: number; y: number }) {
  if (marker === "circle") return <circle cx={x} cy={y} r={2.6} />;
  if (marker === "square") return <rect x={x - 2.4} y={y - 2.4} width={4.8} height={4.8} />;
  if (marker === "triangle") return <polygon points={`${x},${y - 3} ${x - 3},${y + 2.4} ${x + 3},${y + 2.4}`} />;
  return <polygon points={`${x},${y - 3.2} ${x + 3.2},${y} ${x},${y + 3.2} ${x - 3.2},${y}`} />;
}

/** A line chart with labelled axes, ticks and grid lines; x is epochs from 1 to `lastEpoch`. */
function Chart({ title, yTitle, lines, lastEpoch, y }: { title: string; yTitle: string; lines: Line[]; lastEpoch: number; y: Axis }) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const px = (epoch: number) => PAD.left + (lastEpoch <= 1 ? plotWidth / 2 : ((epoch - 1) / (lastEpoch - 1)) * plotWidth);
  const py = (value: number) => PAD.top + (1 - (value - y.low) / (y.high - y.low || 1)) * plotHeight;
  const bottom = HEIGHT - PAD.bottom;
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium text-stone-700">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${yTitle} by epoch`} className="w-full max-w-md rounded border border-stone-200 bg-white" data-chart={title}>
        <g data-axis="y" fontSize="10" fill="#57534e" textAnchor="end">
          {y.ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={py(tick)} y2={py(tick)} stroke="#e7e5e4" />
              <line x1={PAD.left - 4} x2={PAD.left} y1={py(tick)} y2={py(tick)} stroke="#78716c" />
              <text x={PAD.left - 6} y={py(tick) + 3}>
                {tickLabel(tick, y)}
              </text>
            </g>
          ))}
          <text transform={`translate(11 ${PAD.top + plotHeight / 2}) rotate(-90)`} textAnchor="middle">
            {yTitle}
          </text>
        </g>
        <g data-axis="x" fontSize="10" fill="#57534e" textAnchor="middle">
          {epochTicks(lastEpoch).map((tick) => (
            <g key={tick}>
              <line x1={px(tick)} x2={px(tick)} y1={bottom} y2={bottom + 4} stroke="#78716c" />
              <text x={px(tick)} y={bottom + 14}>
                {tick}
              </text>
            </g>
          ))}
          <text x={PAD.left + plotWidth / 2} y={HEIGHT - 4}>
            epoch
          </text>
        </g>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={bottom} y2={bottom} stroke="#78716c" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={bottom} stroke="#78716c" />
        {lines.map((line, index) => {
          const style = styleOf(line.style);
          return (
            <g key={index} stroke={style.color} fill={style.color}>
              <polyline fill="none" strokeWidth="1.6" strokeDasharray={style.dash} points={line.points.map((point) => `${px(point.x)},${py(point.y)}`).join(" ")} />
              {(line.points.length <= MARKERS_UP_TO ? line.points : line.points.slice(-1)).map((point) => (
                <MarkerShape key={point.x} marker={style.marker} x={px(point.x)} y={py(point.y)} />
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Each training of each run as its own line (budgets that cannot share a run train separately). */
function epochLines(runs: readonly CurveRun[], value: (point: EpochPoint) => number): Line[] {
  return runs.flatMap((run, style) => {
    const trainings = [...new Set(run.epochs.map((point) => point.runEpochs))].sort((a, b) => a - b);
    return trainings.map((runEpochs) => ({
      style,
      points: run.epochs.filter((point) => point.runEpochs === runEpochs).map((point) => ({ x: point.epoch, y: value(point) })),
    }));
  });
}

function Legend({ runs }: { runs: readonly CurveRun[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-700" aria-label="Runs in the charts">
      {runs.map((run, index) => {
        const style = styleOf(index);
        return (
          <li key={run.key} className="flex items-center gap-1.5">
            <svg width="28" height="10" aria-hidden="true" stroke={style.color} fill={style.color}>
              <line x1="1" x2="27" y1="5" y2="5" strokeWidth="1.6" strokeDasharray={style.dash} />
              <MarkerShape marker={style.marker} x={14} y={5} />
            </svg>
            {run.label}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Train loss, train accuracy and learning rate per epoch, and the test accuracy at each budget
 * checkpoint, for one or more runs of an entry drawn over each other: re-verifications and extra
 * seeds show their drift. Pure markup: rendered on the server, and live in a running run's card.
 */
export function LearningCurves({ runs, testLabel = "Test accuracy (%)" }: { runs: readonly CurveRun[]; testLabel?: string }) {
  const shown = runs.filter((run) => run.epochs.length > 0 || run.checkpoints.length > 0);
  if (shown.length === 0) return null;
  const lastEpoch = Math.max(1, ...shown.flatMap((run) => [...run.epochs.map((point) => point.runEpochs), ...run.checkpoints.map((c) => c.budget)]));
  const loss = epochLines(shown, (point) => point.trainLoss);
  const accuracy = epochLines(shown, (point) => point.trainAccuracy * 100);
  const rate = epochLines(shown, (point) => point.lr);
  const tests: Line[] = shown.map((run, style) => ({ style, points: run.checkpoints.map((c) => ({ x: c.budget, y: c.accuracy * 100 })) }));
  const values = (lines: Line[]) => lines.flatMap((line) => line.points.map((point) => point.y));
  return (
    <div className="space-y-3" data-testid="training-curves">
      {shown.length > 1 && <Legend runs={shown} />}
      <div className="grid gap-4 md:grid-cols-2">
        {loss.length > 0 && <Chart title="Train loss" yTitle="loss" lines={loss} lastEpoch={lastEpoch} y={niceAxis(values(loss), { fromZero: true })} />}
        {accuracy.length > 0 && <Chart title="Train accuracy" yTitle="accuracy (%)" lines={accuracy} lastEpoch={lastEpoch} y={niceAxis(values(accuracy))} />}
        {rate.length > 0 && <Chart title="Learning rate" yTitle="learning rate" lines={rate} lastEpoch={lastEpoch} y={niceAxis(values(rate), { fromZero: true })} />}
        {values(tests).length > 0 && <Chart title={testLabel} yTitle="accuracy (%)" lines={tests} lastEpoch={lastEpoch} y={niceAxis(values(tests))} />}
      </div>
    </div>
  );
}
