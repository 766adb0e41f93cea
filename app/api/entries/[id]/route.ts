import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { canSeeEntry, getEntry } from "@/lib/entries/entry";
import { getEntryRuns } from "@/lib/entries/runs";

/** An entry with its runs (newest first), each with its epochs and per-budget results; 404 when missing or hidden from the viewer. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<NextResponse> {
  const { id } = await params;
  const [entry, viewer] = await Promise.all([getEntry(id), getCurrentUser()]);
  if (!entry || !canSeeEntry(entry, viewer)) return NextResponse.json({ message: `There is no entry ${id}.` }, { status: 404 });
  const runs = await getEntryRuns(entry.id);
  return NextResponse.json({ ...entry, runs });
}
