import { getCachedBoards } from "@/lib/boards/cache";
import { boardOptionsOrDefaults } from "@/lib/boards/options";
import { BoardTable } from "./_components/board-table";
import { BoardOptionsNav } from "./_components/boards/board-options";

export const dynamic = "force-dynamic";

/** Rows of each board on the home page; each board's own page lists them all. */
const HOME_ROWS = 10;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BoardsPage({ searchParams }: Props) {
  const options = boardOptionsOrDefaults(await searchParams);
  const boards = await getCachedBoards(options, HOME_ROWS);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1>The Fashion-MNIST boards</h1>
        <p className="max-w-3xl text-sm text-stone-700">
          Catwalk trains each entry from scratch under a fixed budget of 5, 20 or 50 epochs and measures it on the 10,000 test images. Only these
          verified results are ranked, each entry by its latest verified run with its own seed; the challenge&apos;s self-reported results are
          listed apart, under each ranking. Credits read <code>Name: 5/20/50</code> in percent.
        </p>
        <BoardOptionsNav options={options} />
      </div>
      <div className="space-y-6">
        {boards.map((board) => (
          <BoardTable key={board.budget} board={board} now={now} />
        ))}
      </div>
    </div>
  );
}
