import { getCurrentUser } from "@/lib/auth";
import { canSeeRunDetails, decide, ROUTE_RULES } from "@/lib/auth/policy";
import { getEntry } from "@/lib/entries/entry";
import { getRunSnapshot } from "@/lib/entries/runs";
import { runForViewer } from "@/lib/entries/run-visibility";
import type { RunSnapshot } from "@/lib/entries/types";
import { isActiveRunState } from "@/lib/runs/states";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { edgeLimits } from "@/lib/http/limits";
import { StreamSlots, streamSlotLimits } from "@/lib/http/stream-slots";
import { RunSnapshotFeed } from "@/lib/runs/listen";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
const STREAM_RETRY_AFTER_SECONDS = 15;

/** Every stream of a run shares one subscription and one (full) snapshot read per change. */
const feed = new RunSnapshotFeed(getRunSnapshot);
const slots = new StreamSlots();

/**
 * Server-sent events for one run: its snapshot on connect and after every change, comment
 * heartbeats, and the end of the stream once the run is terminal. A client (address, account) may
 * hold only so many streams at once: beyond that, 429 with Retry-After.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  const first = await feed.current(id);
  const entry = first && (await getEntry(first.entryId, viewer));
  const owned = entry && { ownerId: entry.owner.id, hidden: entry.hidden };
  if (!first || !owned || !decide(ROUTE_RULES["GET /api/runs/[id]/events"], viewer, { ...owned, run: first }).allowed) {
    return Response.json({ error: `id: there is no run ${id}` }, { status: 404 });
  }
  const details = canSeeRunDetails(owned, viewer);
  const settings = env();
  const sender = { ip: clientIp(request.headers, settings), userId: viewer?.id ?? null };
  const limits = edgeLimits(settings);
  const release = slots.acquire(streamSlotLimits(sender, limits));
  if (!release) {
    return Response.json(
      { message: `Too many live streams open: at most ${limits.streamsPerClient} per client; close one or try again in ${STREAM_RETRY_AFTER_SECONDS} s.` },
      { status: 429, headers: { "Retry-After": String(STREAM_RETRY_AFTER_SECONDS) } },
    );
  }

  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
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
      // The one place where this stream's copy of the shared snapshot is written.
      const send = (snapshot: RunSnapshot) => {
        write(`event: snapshot\ndata: ${JSON.stringify(runForViewer(snapshot, { details }))}\n\n`);
        if (!isActiveRunState(snapshot.state)) close();
      };

      write("retry: 3000\n\n");
      const unsubscribe = feed.subscribe(id, send);
      const heartbeat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        release();
      };
      request.signal.addEventListener("abort", close);
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
