import Link from "next/link";
import { formatAccuracy, formatCompact } from "@/lib/boards/format";
import type { BoardSort } from "@/lib/boards/options";
import type { BoardRow } from "@/lib/boards/query";
import { formatDate, formatTime } from "@/lib/text/time";
import { Badge } from "./badge";

const exact = (value: number | null) => (value === null ? "spec no longer passes today's checks" : value.toLocaleString("en-US"));

function sortedBy(column: BoardSort, sort: BoardSort): "ascending" | "descending" | undefined {
  if (column !== sort) return undefined;
  return column === "params" ? "ascending" : "descending";
}

function Row({ row, leaderEntryId }: { row: BoardRow; leaderEntryId: string | undefined }) {
  return (
    <tr data-kind={row.kind} data-tied={row.tiedWithLeader} className="border-t border-stone-100 align-top">
      <td className="py-2 pr-2 text-stone-600 tabular-nums">{row.rank}</td>
      <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">
        <span className="font-semibold">{formatAccuracy(row.accuracy)}</span>
        <span className="text-xs text-stone-600"> ±{row.ci95.toFixed(2)}</span>
        {row.seeds && (
          <div className="text-xs text-stone-600" data-testid="seed-spread" title={`mean ± sample standard deviation across ${row.seeds.n} seeds`}>
            {row.seeds.n} seeds: {formatAccuracy(row.seeds.mean)} ± {(row.seeds.sd * 100).toFixed(2)}
          </div>
        )}
      </td>
      <td className="py-2 pr-3 pl-1">
        <Link href={`/entries/${row.entryId}`}>{row.creditText}</Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-stone-600">
          <span>{row.entryName}</span>
          <Badge tone="verified" title="trained and measured by Catwalk">
            verified
          </Badge>
          {row.tiedWithLeader && (
            <Badge tone="tied" title="its 95% interval overlaps the leader's">
              tied with #1
            </Badge>
          )}
          {leaderEntryId && leaderEntryId !== row.entryId && (
            <Link href={`/compare?a=${leaderEntryId}&b=${row.entryId}`} className="underline">
              compare with #1
            </Link>
          )}
        </div>
      </td>
      <td className="py-2 pr-3 text-right tabular-nums" title={exact(row.params)}>
        {formatCompact(row.params)}
      </td>
      <td className="py-2 pr-3 text-right tabular-nums" title={exact(row.flops)}>
        {formatCompact(row.flops)}
      </td>
      <td className="py-2 whitespace-nowrap tabular-nums">
        <Link href={`/entries/${row.entryId}#run-${row.runId}`} title={`the run, verified ${formatTime(row.verifiedAt)}`}>
          {formatDate(row.verifiedAt)}
        </Link>
      </td>
    </tr>
  );
}

/** The ranking: verified results only. Scrolls sideways inside its card on a narrow screen. */
export function RankedTable({ rows, sort, caption, leaderEntryId }: { rows: BoardRow[]; sort: BoardSort; caption: string; leaderEntryId: string | null }) {
  const header = "py-1 pr-3 font-medium";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs tracking-wide text-stone-600 uppercase">
            <th scope="col" className="w-8 py-1 pr-2 font-medium" aria-sort={sortedBy("accuracy", sort)}>
              #
            </th>
            <th scope="col" className={`${header} text-right`}>
              Test accuracy
            </th>
            <th scope="col" className={header}>
              Entry
            </th>
            <th scope="col" className={`${header} text-right`} aria-sort={sortedBy("params", sort)}>
              Params
            </th>
            <th scope="col" className={`${header} text-right`}>
              FLOPs / image
            </th>
            <th scope="col" className="py-1 font-medium" aria-sort={sortedBy("date", sort)}>
              Verified
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.entryId} row={row} leaderEntryId={leaderEntryId ?? undefined} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
