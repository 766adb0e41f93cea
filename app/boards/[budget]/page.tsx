import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { BoardTable } from "@/app/_components/board-table";
import { BoardOptionsNav } from "@/app/_components/boards/board-options";
import { getCachedBoard } from "@/lib/boards/cache";
import { parseBudget } from "@/lib/boards/format";
import { boardOptionsHref, boardOptionsOrDefaults, pageOrFirst } from "@/lib/boards/options";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ budget: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const budget = parseBudget((await params).budget);
  return { title: budget === null ? "Board not found" : `${budget}-epoch board` };
}

/** One board, every ranked row, a page at a time. */
export default async function BoardPage({ params, searchParams }: Props) {
  const budget = parseBudget((await params).budget);
  if (budget === null) notFound();
  const query = await searchParams;
  const options = boardOptionsOrDefaults(query);
  const board = await getCachedBoard(budget, options, pageOrFirst(query));
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <p className="text-sm">
          <Link href={boardOptionsHref(options)}>← All three boards</Link>
        </p>
        <h1>The {budget}-epoch board</h1>
        <BoardOptionsNav options={options} path={`/boards/${budget}`} />
      </div>
      <BoardTable board={board} now={new Date()} paged />
    </div>
  );
}
