// The self-reported results linked to an entry (the challenge's history, before Catwalk).
import "server-only";
import { asc, eq } from "drizzle-orm";
import { reportedResults } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/runs/run-options";

export type ReportedResult = { participant: string; budget: number; accuracy: number; source: string; reportedOn: string | null };

export async function getReportedResults(entryId: string): Promise<ReportedResult[]> {
  if (!isUuid(entryId)) return [];
  return getDb()
    .select({
      participant: reportedResults.participant,
      budget: reportedResults.budget,
      accuracy: reportedResults.accuracy,
      source: reportedResults.source,
      reportedOn: reportedResults.reportedOn,
    })
    .from(reportedResults)
    .where(eq(reportedResults.entryId, entryId))
    .orderBy(asc(reportedResults.budget));
}
