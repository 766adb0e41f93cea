import { BUDGETS, parseBudget } from "@/lib/boards/format";
import { parseBoardOptions } from "@/lib/boards/options";
import { getBoard } from "@/lib/boards/query";

export const dynamic = "force-dynamic";

/** GET /api/boards/5|20|50[?rows=best|all&sort=accuracy|params|date]: the board as the page shows it. */
export async function GET(request: Request, { params }: { params: Promise<{ budget: string }> }) {
  const { budget: raw } = await params;
  const budget = parseBudget(raw);
  if (budget === null) {
    return Response.json({ error: `budget: must be one of ${BUDGETS.join(", ")}; got ${JSON.stringify(raw)}` }, { status: 400 });
  }
  const parsed = parseBoardOptions(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  return Response.json(await getBoard(budget, parsed.options));
}
