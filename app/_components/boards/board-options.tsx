import Link from "next/link";
import { boardOptionsHref, type BoardOptions, type BoardSort, type RowMode } from "@/lib/boards/options";

const ROW_LABELS: Record<RowMode, string> = { best: "Best entry per participant", all: "All entries" };
const SORT_LABELS: Record<BoardSort, string> = { accuracy: "Accuracy", params: "Fewest parameters", date: "Newest verification" };

function Choice({ href, current, children }: { href: string; current: boolean; children: string }) {
  return current ? (
    <span aria-current="true" className="rounded bg-stone-800 px-2 py-1 font-medium text-white">
      {children}
    </span>
  ) : (
    <Link href={href} className="rounded px-2 py-1 ring-1 ring-stone-300 ring-inset">
      {children}
    </Link>
  );
}

/** Plain links, so that the boards' views work without JavaScript and can be shared. */
export function BoardOptionsNav({ options, path = "/" }: { options: BoardOptions; path?: string }) {
  return (
    <nav aria-label="Board view" className="flex flex-wrap gap-x-6 gap-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-stone-600">Rows:</span>
        {(Object.keys(ROW_LABELS) as RowMode[]).map((rows) => (
          <Choice key={rows} href={boardOptionsHref({ ...options, rows }, path)} current={options.rows === rows}>
            {ROW_LABELS[rows]}
          </Choice>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-stone-600">Sort by:</span>
        {(Object.keys(SORT_LABELS) as BoardSort[]).map((sort) => (
          <Choice key={sort} href={boardOptionsHref({ ...options, sort }, path)} current={options.sort === sort}>
            {SORT_LABELS[sort]}
          </Choice>
        ))}
      </div>
    </nav>
  );
}
