import { expect, test } from "vitest";
import { bestPerParticipant, rankRows, sortRows, type Rankable } from "./ranking";

const row = (participantId: string, entryName: string, accuracy: number, verifiedAt: string, params: number | null = null): Rankable & { params: number | null } => ({
  participantId,
  entryName,
  accuracy,
  verifiedAt,
  params,
});

test("a participant's best entry wins; at equal accuracy the earlier verification", () => {
  const rows = [row("a", "later", 0.9, "2026-12-02"), row("a", "earlier", 0.9, "2026-12-01"), row("b", "b1", 0.8, "2026-12-01")];
  expect(bestPerParticipant(rows).map((r) => r.entryName)).toEqual(["earlier", "b1"]);
});

test("ties are judged against the leader's interval, not the row above", () => {
  // 91.0 overlaps 90.4 (gap 0.6 < 0.56 + 0.58) and 90.4 overlaps 89.8, but 89.8 does not overlap 91.0.
  const ranked = rankRows([row("a", "a", 0.91, "1"), row("b", "b", 0.904, "1"), row("c", "c", 0.898, "1")], "all");
  expect(ranked.map((r) => [r.rank, r.tiedWithLeader])).toEqual([
    [1, false],
    [2, true],
    [3, false],
  ]);
});

test("sorting by parameters puts the smallest first and unknown counts last, ranks unchanged", () => {
  const ranked = rankRows([row("a", "big", 0.92, "1", 1000), row("b", "unknown", 0.91, "2"), row("c", "small", 0.9, "3", 10)], "all");
  expect(sortRows(ranked, "params").map((r) => [r.entryName, r.rank])).toEqual([
    ["small", 3],
    ["big", 1],
    ["unknown", 2],
  ]);
  expect(sortRows(ranked, "date").map((r) => r.entryName)).toEqual(["small", "unknown", "big"]);
});
