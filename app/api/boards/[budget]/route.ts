import { BUDGETS, parseBudget } from "@/lib/boards/format";
import { getBoard } from "@/lib/boards/query";

export const dynamic = "force-dynamic";

/** GET /api/boards/5|20|50: the board's ranking as the page shows it. */
export async function GET(_request: Request, { params }: { params: Promise<{ budget: string }> }) {
  const { budget: raw } = await params;
  const budget = parseBudget(raw);
  if (budget === null) {
    return Response.json({ error: `budget: must be one of ${BUDGETS.join(", ")}; got ${JSON.stringify(raw)}` }, { status: 400 });
  }
  return Response.json(await getBoard(budget));
}
