import { getCurrentUser } from "@/lib/auth";
import { canSeeRunDetails, decide, ROUTE_RULES } from "@/lib/auth/policy";
import { getEntry } from "@/lib/entries/entry";
import { getRunSnapshot } from "@/lib/entries/runs";
import { runForViewer } from "@/lib/entries/run-visibility";
import { isActiveRunState } from "@/lib/entries/types";
import { runListenerReady, subscribeToRun } from "@/lib/runs/listen";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for one run: its snapshot on connect and after every change (coalesced, so a
 * burst of progress notifications costs one read), comment heartbeats, and the end of the stream
 * once the run is terminal.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  const first = await getRunSnapshot(id);
  const entry = first && (await getEntry(first.entryId, viewer));
  const owned = entry && { ownerId: entry.owner.id, hidden: entry.hidden };
  if (!first || !owned || !decide(ROUTE_RULES["GET /api/runs/[id]/events"], viewer, { ...owned, run: first }).allowed) {
    return Response.json({ error: `id: there is no run ${id}` }, { status: 404 });
  }
  const details = canSeeRunDetails(owned, viewer);

  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        cleanup();
        closed = true;
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };

      let reading = false;
      let again = false;
      const sendSnapshot = async () => {
        if (reading) return void (again = true);
        reading = true;
        try {
          do {
            again = false;
            const snapshot = await getRunSnapshot(id);
            if (!snapshot || closed) return;
            write(`event: snapshot\ndata: ${JSON.stringify(runForViewer(snapshot, { details }))}\n\n`);
            if (!isActiveRunState(snapshot.state)) return close();
          } while (again);
        } catch (error) {
          // The database may be restarting; the next change or heartbeat tries again.
          console.error(`[runs] snapshot of ${id} failed:`, error instanceof Error ? error.message : error);
        } finally {
          reading = false;
        }
      };

      // Subscribe before the first read so no change between the two is missed.
      const unsubscribe = subscribeToRun(id, () => void sendSnapshot());
      const heartbeat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      request.signal.addEventListener("abort", close);

      write("retry: 3000\n\n");
      await Promise.race([runListenerReady().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await sendSnapshot();
    },
    cancel() {
      cleanup();
      closed = true;
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
