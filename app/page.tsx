import { getBoards } from "@/lib/boards/query";
import { BoardTable } from "./_components/board-table";

export const dynamic = "force-dynamic";

export default async function BoardsPage() {
  const boards = await getBoards();
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1>The Fashion-MNIST boards</h1>
        <p className="max-w-3xl text-sm text-stone-600">
          Each entry is trained from scratch by Catwalk under a fixed budget of 5, 20 or 50 epochs and measured on the
          10,000 test images; the boards rank each entry&apos;s latest verified run. Credits read{" "}
          <code>Name: 5/20/50</code> in percent. The ± is the 95% interval of a test accuracy on 10,000 images.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {boards.map((board) => (
          <BoardTable key={board.budget} board={board} />
        ))}
      </div>
    </div>
  );
}
