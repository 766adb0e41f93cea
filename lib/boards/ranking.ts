/** Pure steps from an entry's ranked result to a board's rows: best per participant, ranks, ties, order. */
import { intervalsOverlap } from "./format";
import type { BoardSort, RowMode } from "./options";

export type Rankable = {
  participantId: string;
  entryName: string;
  accuracy: number;
  verifiedAt: string;
};

/** Better accuracy first; at equal accuracy the earlier verification, then the entry's name. */
export function byAccuracy(a: Rankable, b: Rankable): number {
  return b.accuracy - a.accuracy || a.verifiedAt.localeCompare(b.verifiedAt) || a.entryName.localeCompare(b.entryName);
}

/** Each participant's best row (by `byAccuracy`), in accuracy order. */
export function bestPerParticipant<T extends Rankable>(rows: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const row of [...rows].sort(byAccuracy)) if (!best.has(row.participantId)) best.set(row.participantId, row);
  return [...best.values()];
}

export type Ranked<T> = T & { rank: number; tiedWithLeader: boolean };

/** Ranks by accuracy (the rank stays the accuracy rank whatever the order shown) and marks rows statistically tied with #1. */
export function rankRows<T extends Rankable>(rows: readonly T[], mode: RowMode): Ranked<T>[] {
  const chosen = mode === "best" ? bestPerParticipant(rows) : [...rows].sort(byAccuracy);
  const leader = chosen[0];
  return chosen.map((row, index) => ({
    ...row,
    rank: index + 1,
    tiedWithLeader: index > 0 && leader !== undefined && intervalsOverlap(row.accuracy, leader.accuracy),
  }));
}

type Sortable = Ranked<Rankable> & { params: number | null };

const ORDERS: Record<BoardSort, (a: Sortable, b: Sortable) => number> = {
  accuracy: (a, b) => a.rank - b.rank,
  // Entries whose spec no longer passes today's checks have no parameter count: last.
  params: (a, b) => (a.params ?? Infinity) - (b.params ?? Infinity) || a.rank - b.rank,
  date: (a, b) => b.verifiedAt.localeCompare(a.verifiedAt) || a.rank - b.rank,
};

export function sortRows<T extends Sortable>(rows: readonly T[], sort: BoardSort): T[] {
  return [...rows].sort(ORDERS[sort]);
}
