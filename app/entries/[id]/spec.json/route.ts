import { getCurrentUser } from "@/lib/auth";
import { getEntry } from "@/lib/entries/entry";
import { specFileName } from "@/lib/entries/spec-file";
import { specText } from "@/lib/spec/key-order";

/**
 * The entry's normalised spec as a file, keys in the reference's order (ROUTE_RULES: "entry"):
 * 404 when the entry is missing or hidden from the viewer.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const entry = await getEntry(id, await getCurrentUser());
  if (!entry) return Response.json({ message: `id: there is no entry ${id}.` }, { status: 404 });
  return new Response(specText(entry.spec), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${specFileName(entry.name)}"`,
    },
  });
}
