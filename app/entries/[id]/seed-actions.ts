"use server";

import { revalidatePath } from "next/cache";
import { requireAllowed } from "@/lib/auth";
import { ACTION_RULES } from "@/lib/auth/policy";
import { RunRequestError } from "@/lib/runs/errors";
import { requestExtraSeeds } from "@/lib/runs/extra-seeds";

export type SeedActionState = { error?: string; done?: string };

/** An admin's "Verify extra seeds": queues the entry's missing extra seeds (lib/runs/extra-seeds.ts), audited. */
export async function verifyExtraSeedsAction(_previous: SeedActionState, form: FormData): Promise<SeedActionState> {
  const entryId = String(form.get("entryId") ?? "");
  const admin = await requireAllowed(ACTION_RULES["entries/[id]/seed-actions.ts#verifyExtraSeedsAction"], `/entries/${entryId}`);
  try {
    const { seeds, skipped } = await requestExtraSeeds({ entryId, adminId: admin.id });
    revalidatePath(`/entries/${entryId}`);
    revalidatePath("/queue");
    const queued = seeds.filter((seed) => !skipped.includes(seed));
    if (queued.length === 0) return { done: `Seeds ${seeds.join(" and ")} are already queued, running or verified: nothing new queued.` };
    return { done: `Queued seed${queued.length > 1 ? "s" : ""} ${queued.join(" and ")} at low priority.${skipped.length ? ` Seed ${skipped.join(", ")} was already there.` : ""}` };
  } catch (error) {
    if (error instanceof RunRequestError) return { error: error.message };
    throw error;
  }
}
