import Link from "next/link";
import { formatAccuracy } from "@/lib/boards/format";
import { CHART, progressionChart } from "@/lib/boards/progression-chart";
import type { BoardRecord } from "@/lib/boards/records";
import { formatDate } from "@/lib/text/time";

function describe(budget: number, records: BoardRecord[]): string {
  const first = records[0]!;
  const last = records.at(-1)!;
  const count = records.length === 1 ? "one record" : `${records.length} records`;
  return `Best verified test accuracy on the ${budget}-epoch board over time, a step line with ${count}: from ${formatAccuracy(first.accuracy)} by ${first.participant} on ${formatDate(first.setAt)} to ${formatAccuracy(last.accuracy)} by ${last.participant} on ${formatDate(last.setAt)}.`;
}

/** Server-rendered SVG, no script; the list below it says the same in words. */
export function ProgressionChart({ budget, records, now }: { budget: number; records: BoardRecord[]; now: Date }) {
  const headingId = `records-${budget}`;
  const chart = progressionChart(records, now);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="text-sm font-semibold">
        The record&apos;s progression
      </h3>
      {chart === null ? (
        <p className="mt-1 text-sm text-stone-600">No verified record yet.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${CHART.width} ${CHART.height}`}
            role="img"
            aria-labelledby={`${headingId}-title ${headingId}-desc`}
            className="mt-2 h-auto w-full max-w-xl text-stone-600"
          >
            <title id={`${headingId}-title`}>{`Record progression, ${budget} epochs`}</title>
            <desc id={`${headingId}-desc`}>{describe(budget, records)}</desc>
            <g fontSize="11" fill="currentColor">
              {chart.yTicks.map((tick) => (
                <g key={tick.label}>
                  <line x1={CHART.left} x2={CHART.width - CHART.right} y1={tick.at} y2={tick.at} stroke="#e7e5e4" />
                  <text x={CHART.left - 6} y={tick.at + 4} textAnchor="end">
                    {tick.label}
                  </text>
                </g>
              ))}
              {chart.xTicks.map((tick, index) => (
                <g key={index}>
                  <line x1={tick.at} x2={tick.at} y1={CHART.height - CHART.bottom} y2={CHART.height - CHART.bottom + 4} stroke="currentColor" />
                  <text x={tick.at} y={CHART.height - CHART.bottom + 16} textAnchor={index === 0 ? "start" : index === chart.xTicks.length - 1 ? "end" : "middle"}>
                    {tick.label}
                  </text>
                </g>
              ))}
              <line x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={CHART.height - CHART.bottom} stroke="currentColor" />
              <line x1={CHART.left} x2={CHART.width - CHART.right} y1={CHART.height - CHART.bottom} y2={CHART.height - CHART.bottom} stroke="currentColor" />
              <text x={CHART.left + (CHART.width - CHART.left - CHART.right) / 2} y={CHART.height - 4} textAnchor="middle">
                time (UTC)
              </text>
              <text transform={`translate(11 ${CHART.top + (CHART.height - CHART.top - CHART.bottom) / 2}) rotate(-90)`} textAnchor="middle">
                accuracy %
              </text>
            </g>
            <path d={chart.path} fill="none" stroke="#4338ca" strokeWidth="2" />
            {chart.points.map((point) => (
              <circle key={point.record.runId} cx={point.x} cy={point.y} r="3.5" fill="#4338ca" />
            ))}
          </svg>
          <ol className="mt-2 space-y-1 text-xs text-stone-700" aria-label={`Records, ${budget} epochs`}>
            {records.map((record) => (
              <li key={record.runId}>
                <span className="tabular-nums">{formatDate(record.setAt)}</span>: <span className="font-semibold tabular-nums">{formatAccuracy(record.accuracy)}</span> by{" "}
                {record.participant} with{" "}
                <Link href={`/entries/${record.entryId}#run-${record.runId}`} className="underline">
                  {record.entryName}
                </Link>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
