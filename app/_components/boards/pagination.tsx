import Link from "next/link";
import { boardOptionsHref } from "@/lib/boards/options";
import type { Board } from "@/lib/boards/query";

/** Previous/next links between a board's pages, plain links so they work without JavaScript. */
export function Pagination({ board }: { board: Board }) {
  if (board.pageCount <= 1) return null;
  const path = `/boards/${board.budget}`;
  const first = (board.page - 1) * board.pageSize + 1;
  const last = first + board.rows.length - 1;
  return (
    <nav aria-label={`Pages of the ${board.budget}-epoch board`} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {board.page > 1 && (
        <Link href={boardOptionsHref(board.options, path, board.page - 1)} rel="prev">
          ← Previous
        </Link>
      )}
      <span className="text-stone-700">
        Rows {first}–{last} of {board.total} (page {board.page} of {board.pageCount})
      </span>
      {board.page < board.pageCount && (
        <Link href={boardOptionsHref(board.options, path, board.page + 1)} rel="next">
          Next →
        </Link>
      )}
    </nav>
  );
}
