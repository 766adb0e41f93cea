import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { getEntry } from "@/lib/entries/entry";
import { getEntryRuns } from "@/lib/entries/runs";
import { runsForViewer } from "@/lib/entries/run-visibility";

/**
 * An entry with the runs the viewer may see (newest first), each with its epochs and per-budget
 * results; 404 when missing or hidden from the viewer (ROUTE_RULES: "entry").
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<NextResponse> {
  const { id } = await params;
  const viewer = await getCurrentUser();
  const entry = await getEntry(id, viewer);
  if (!entry) return NextResponse.json({ message: `There is no entry ${id}.` }, { status: 404 });
  const runs = runsForViewer(await getEntryRuns(entry.id), { ownerId: entry.owner.id }, viewer);
  return NextResponse.json({ ...entry, runs });
}
