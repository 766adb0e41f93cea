import { getCachedBoard } from "@/lib/boards/cache";
import { BUDGETS, parseBudget } from "@/lib/boards/format";
import { parseBoardOptions, parsePage } from "@/lib/boards/options";

export const dynamic = "force-dynamic";

/** GET /api/boards/5|20|50[?rows=best|all&sort=accuracy|params|date&page=N]: one page of the board as the site shows it. */
export async function GET(request: Request, { params }: { params: Promise<{ budget: string }> }) {
  const { budget: raw } = await params;
  const budget = parseBudget(raw);
  if (budget === null) {
    return Response.json({ error: `budget: must be one of ${BUDGETS.join(", ")}; got ${JSON.stringify(raw)}` }, { status: 400 });
  }
  const query = new URL(request.url).searchParams;
  const parsed = parseBoardOptions(query);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const page = parsePage(query);
  if (!page.ok) return Response.json({ error: page.error }, { status: 400 });
  return Response.json(await getCachedBoard(budget, parsed.options, page.page));
}
