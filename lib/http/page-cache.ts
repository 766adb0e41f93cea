/**
 * Anonymous views of the read-mostly pages, served from memory: when a new record lands, the
 * community opens the boards at once, and every anonymous visitor would otherwise make the
 * server render the same page again.
 *
 * - Only a GET with no session cookie, no Authorization header and no client-router headers is
 *   served from here; a signed-in visitor's page (it names them) is always rendered for them.
 * - A page is rendered once by fetching it from this same server (marked, so that the fetch is
 *   rendered normally) and kept with the data generation it was rendered under:
 *   the boards' generation for the boards, and for pages that show runs also every run change
 *   (progress alone at most every PROGRESS_STEP_MS: their live streams show it as it comes).
 *   Both come from the database's notifications (lib/boards/cache, lib/runs/listen), so a
 *   change, not a timer, makes the next visitor get a fresh rendering.
 * - Each response still gets its own script nonce: the one the page was rendered with is replaced
 *   by the response's fresh one, so no two responses share a nonce.
 * - A page behind by progress alone is served to everyone while its new rendering is made. One
 *   behind by a change is not: every visitor waits for the one rendering under way, so nobody who
 *   arrives after a new result sees the page from before it.
 * - Next removes its router's own headers (RSC, Next-Router-State-Tree, Next-Router-Prefetch) and
 *   the `_rsc` parameter before the proxy sees a request, so the router's fetches are told apart by
 *   what it leaves: a browser marks every fetch `Sec-Fetch-Dest: empty` (a navigation is
 *   `document`; curl and load generators send none), and the router sends `Next-Url`. Given a
 *   page's HTML instead of its RSC payload, the router would fall back to a full navigation.
 */
import { boardsGeneration } from "@/lib/boards/cache";
import { canonicalLoopbackUrl } from "@/lib/auth/canonical-host";
import type { CatwalkEnv } from "@/lib/env";
import { subscribeToRuns } from "@/lib/runs/listen";
import { hasSessionCookie } from "./cross-site";

type PageCacheEnv = Pick<CatwalkEnv, "CATWALK_SELF_ORIGIN" | "NEXTAUTH_URL">;

/** Which data a page shows: `boards` pages change with the boards; `runs` pages also with every run change. */
type PageKind = "boards" | "runs";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const CACHEABLE: readonly [RegExp, PageKind][] = [
  [/^\/$/, "boards"],
  [/^\/boards\/(5|20|50)$/, "boards"],
  [/^\/api\/boards\/(5|20|50)$/, "boards"],
  [new RegExp(`^/entries/${UUID}$`), "runs"],
  [new RegExp(`^/participants/${UUID}$`), "runs"],
  [/^\/queue$/, "runs"],
];

const MAX_PAGES = 300;
/** A backstop only; changes invalidate at once. */
const MAX_AGE_MS = 60_000;
/** Progress alone (a running run's step) renews the run pages at most this often; a state change renews them at once. */
const PROGRESS_STEP_MS = 2_000;
/** Marks the cache's own rendering requests, which are rendered as usual (a visitor who sends it only bypasses the cache). */
const INTERNAL_HEADER = "x-catwalk-render";
/** Requests rendered for their sender: the router's (the first three only where Next leaves them), server actions, API tokens. */
const CLIENT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-url", "next-action", "authorization"];

type Stored = {
  /** The rendered bytes, cut where its nonce was: a response is these with its own nonce between them. */
  parts: Buffer[];
  status: number;
  headers: Record<string, string>;
  generation: string;
  settled: string;
  storedAt: number;
};
/** The rendered response's headers a copy keeps (the proxy adds the security headers to every response). */
const KEPT_HEADERS = ["content-type", "cache-control", "vary"];
type Slot = { stored: Stored | null; rendering: { generation: string; settled: string; done: Promise<Stored | null> } | null };

type State = {
  pages: Map<string, Slot>;
  runTransitions: number;
  runProgress: number;
  progressCountedAt: number;
  subscribed: boolean;
};
const SHARED = Symbol.for("catwalk.http.pageCache");
const holder = globalThis as { [SHARED]?: State };
const state = (holder[SHARED] ??= {
  pages: new Map(),
  runTransitions: 0,
  runProgress: 0,
  progressCountedAt: 0,
  subscribed: false,
});

/**
 * The generation a page of this kind is current for (null while changes cannot be heard yet: then
 * nothing is cached). `settled` leaves progress out: a page that differs from the current one by
 * progress alone may still be served while its new rendering is made.
 */
function generationOf(kind: PageKind): { full: string; settled: string } | null {
  if (!state.subscribed) {
    state.subscribed = true;
    // Run changes share the listening connection with the boards' (lib/db/notifications).
    subscribeToRuns((change) => {
      if (change.kind !== "progress") return void (state.runTransitions += 1);
      // A live view's open stream shows progress as it happens; the page itself follows it at most PROGRESS_STEP_MS late.
      const now = Date.now();
      if (now - state.progressCountedAt < PROGRESS_STEP_MS) return;
      state.progressCountedAt = now;
      state.runProgress += 1;
    });
  }
  const boards = boardsGeneration();
  if (boards === null) return null;
  if (kind === "boards") return { full: `b${boards}`, settled: `b${boards}` };
  const settled = `b${boards}t${state.runTransitions}`;
  return { full: `${settled}p${state.runProgress}`, settled };
}

/** The kind of page this request may be served from memory as, or null when it must be rendered for it. */
export function cacheableKind(request: Request, env: PageCacheEnv): PageKind | null {
  if (request.method !== "GET" || !env.CATWALK_SELF_ORIGIN) return null;
  const url = new URL(request.url);
  if (url.searchParams.has("_rsc") || hasSessionCookie(request.headers)) return null;
  // The rendering requests this cache makes itself are rendered as usual.
  if (CLIENT_ROUTER_HEADERS.some((name) => request.headers.has(name)) || request.headers.has(INTERNAL_HEADER)) return null;
  // A browser's fetch of a page is the client router's (a script's fetch of the board API may be served).
  const destination = request.headers.get("sec-fetch-dest");
  if (destination && destination !== "document" && !url.pathname.startsWith("/api/")) return null;
  // A visitor on this machine's other loopback name is moved to the canonical one while rendering.
  if (canonicalLoopbackUrl(request.headers.get("host"), url.pathname + url.search, env)) return null;
  return CACHEABLE.find(([pattern]) => pattern.test(url.pathname))?.[1] ?? null;
}

async function render(request: Request, env: PageCacheEnv, generation: { full: string; settled: string }): Promise<Stored | null> {
  const url = new URL(request.url);
  const response = await fetch(new URL(url.pathname + url.search, env.CATWALK_SELF_ORIGIN), {
    // fetch sends the self origin's Host, and no Accept of a page navigation, so the rendering is never moved to the
    // canonical host (a visitor who should be was ruled out above); no page depends on either beyond that.
    headers: { [INTERNAL_HEADER]: "1" },
    redirect: "manual",
  });
  const body = await response.text();
  if (response.status !== 200 || response.headers.has("set-cookie")) return null;
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? null;
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
  const parts = (nonce ? body.split(nonce) : [body]).map((part) => Buffer.from(part));
  return { parts, status: response.status, headers, generation: generation.full, settled: generation.settled, storedAt: Date.now() };
}

function remember(key: string, slot: Slot): void {
  state.pages.delete(key);
  state.pages.set(key, slot);
  while (state.pages.size > MAX_PAGES) state.pages.delete(state.pages.keys().next().value!);
}

function respond(stored: Stored, nonce: string, hit: boolean): Response {
  const fresh = Buffer.from(nonce);
  const body = Buffer.concat(stored.parts.flatMap((part, index) => (index === 0 ? [part] : [fresh, part])));
  return new Response(body, { status: stored.status, headers: { ...stored.headers, "x-catwalk-cache": hit ? "hit" : "miss" } });
}

/** The page from memory (rendered now if it must be), with `nonce` as its scripts' nonce; null to render it as usual. */
export async function cachedPage(request: Request, nonce: string, env: PageCacheEnv): Promise<Response | null> {
  const kind = cacheableKind(request, env);
  if (!kind) return null;
  const url = new URL(request.url);
  const key = `${request.headers.get("host")}${url.pathname}${url.search}`;
  const generation = generationOf(kind);
  if (generation === null) return null;
  const slot = state.pages.get(key) ?? { stored: null, rendering: null };
  remember(key, slot);
  const { stored } = slot;
  const young = stored !== null && Date.now() - stored.storedAt < MAX_AGE_MS;
  if (stored && young && stored.generation === generation.full) return respond(stored, nonce, true);
  // One rendering of a page at a time while only progress moves on: a page slower to render than progress comes must not pile up renderings.
  const current = slot.rendering && (slot.rendering.generation === generation.full || slot.rendering.settled === generation.settled);
  const rendering = current ? slot.rendering!.done : startRendering(slot, request, env, generation);
  // Behind by progress alone: what there is will do meanwhile. Behind by a change: wait for the rendering under way.
  if (stored && young && stored.settled === generation.settled) return respond(stored, nonce, true);
  const fresh = await rendering;
  return fresh ? respond(fresh, nonce, false) : null;
}

function startRendering(slot: Slot, request: Request, env: PageCacheEnv, generation: { full: string; settled: string }): Promise<Stored | null> {
  const done = render(request, env, generation).catch(() => null);
  slot.rendering = { generation: generation.full, settled: generation.settled, done };
  void done.then((fresh) => {
    if (slot.rendering?.done === done) slot.rendering = null;
    // Not a 200 any more (an entry hidden since): the page is no longer public, so its copy goes.
    if (!fresh) slot.stored = null;
    else if (!slot.stored || slot.stored.storedAt <= fresh.storedAt) slot.stored = fresh;
  });
  return done;
}
