"use client";

import { useActionState } from "react";
import { verifyExtraSeedsAction } from "./seed-actions";

/** Admins only (the page shows it to them, the action checks again). */
export function ExtraSeedsForm({ entryId }: { entryId: string }) {
  const [state, action, pending] = useActionState(verifyExtraSeedsAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="entryId" value={entryId} />
      <p className="text-sm text-stone-700">Seed variance: train this entry again with its seed + 1 and + 2, behind participants&apos; runs.</p>
      <button type="submit" disabled={pending} className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100 disabled:opacity-50">
        {pending ? "Queueing…" : "Verify extra seeds"}
      </button>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      {state.done && <p role="status" className="text-sm text-emerald-700">{state.done}</p>}
    </form>
  );
}
