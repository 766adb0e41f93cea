/**
 * The site's boards, read from the database once per change rather than once per request.
 *
 * Every write that can change a board (a run becoming verified, an entry hidden, withdrawn or
 * renamed, a participant renamed, a reported result) announces itself on `catwalk_boards`,
 * from database triggers (migration 0005), whoever makes it: this process, a worker elsewhere, a
 * script. A notification marks every cached board stale; the next reader reads it again, and
 * readers arriving meanwhile wait for that one read. Notifications sent while the listening
 * connection was down are lost, so a reconnect marks everything stale too, and no board is kept
 * longer than MAX_AGE_MS in any case.
 */
import { listenTo, notificationsReady, onListenerReconnect } from "@/lib/db/notifications";
import { BUDGETS, type Budget } from "./format";
import { DEFAULT_BOARD_OPTIONS, type BoardOptions } from "./options";
import { boardPage, loadBoardData, type Board, type BoardData } from "./query";

const BOARD_CHANNEL = "catwalk_boards";

/** A backstop only: changes invalidate at once; this bounds the harm of a notification lost some other way. */
const MAX_AGE_MS = 5 * 60_000;
/** How long a first reader waits for the listening connection before reading without caching. */
const LISTEN_WAIT_MS = 2_000;

type Cached = { generation: number; loadedAt: number; data: Promise<BoardData> };

type CacheState = {
  /** Bumped by every change notification; a board read under an older generation is stale. */
  generation: number;
  listening: boolean;
  subscribed: boolean;
  boards: Map<Budget, Cached>;
};

// Pages, route handlers and server actions may be bundled apart; they share one cache per process.
const SHARED = Symbol.for("catwalk.boards.cache");
const holder = globalThis as { [SHARED]?: CacheState };
const state = (holder[SHARED] ??= { generation: 0, listening: false, subscribed: false, boards: new Map() });

/** Marks every cached board stale (a change notification, a reconnect). */
function boardsChanged(): void {
  state.generation += 1;
}

/** Until the listening connection is up, changes go unheard: `listening` turns true once it is (retried while it is not). */
function awaitListening(): Promise<unknown> {
  return notificationsReady().then(
    () => (state.listening = true),
    () => undefined,
  );
}

function subscribe(): void {
  if (state.subscribed) return;
  state.subscribed = true;
  listenTo(BOARD_CHANNEL, boardsChanged);
  onListenerReconnect(boardsChanged);
}

async function ensureListening(): Promise<boolean> {
  subscribe();
  if (!state.listening) await Promise.race([awaitListening(), new Promise((resolve) => setTimeout(resolve, LISTEN_WAIT_MS))]);
  return state.listening;
}

/** The boards' generation, for caches of pages built from them; null while changes cannot be heard yet (cache nothing then). */
export function boardsGeneration(): number | null {
  subscribe();
  if (!state.listening) void awaitListening();
  return state.listening ? state.generation : null;
}

async function boardData(budget: Budget): Promise<BoardData> {
  // Until changes can be heard, nothing is cached: every reader reads.
  if (!(await ensureListening())) return loadBoardData(budget);
  const cached = state.boards.get(budget);
  if (cached && cached.generation === state.generation && Date.now() - cached.loadedAt < MAX_AGE_MS) return cached.data;
  const entry: Cached = { generation: state.generation, loadedAt: Date.now(), data: loadBoardData(budget) };
  state.boards.set(budget, entry);
  // A failed read is not kept: the next reader tries again.
  entry.data.catch(() => state.boards.get(budget) === entry && state.boards.delete(budget));
  return entry.data;
}

/** One page of one board, as the site shows it. */
export async function getCachedBoard(budget: Budget, options: BoardOptions = DEFAULT_BOARD_OPTIONS, page = 1, pageSize?: number): Promise<Board> {
  return boardPage(await boardData(budget), options, page, pageSize);
}

/** The first `pageSize` rows of each of the three boards. */
export async function getCachedBoards(options: BoardOptions = DEFAULT_BOARD_OPTIONS, pageSize?: number): Promise<Board[]> {
  return Promise.all(BUDGETS.map((budget) => getCachedBoard(budget, options, 1, pageSize)));
}
