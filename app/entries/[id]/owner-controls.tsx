"use client";

import { useActionState } from "react";
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from "@/lib/submission/fields";
import { editEntryAction, withdrawEntryAction } from "./actions";
import { Feedback } from "./entry-controls";

const input = "mt-1 block w-full rounded border border-stone-300 px-3 py-1.5 font-normal";
const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50";

export function EditEntryForm({ entryId, name, description }: { entryId: string; name: string; description: string }) {
  const [state, action, pending] = useActionState(editEntryAction, {});
  return (
    <details className="w-full">
      <summary className="cursor-pointer text-sm font-medium">Edit name and description</summary>
      <form action={action} className="mt-2 max-w-2xl space-y-2">
        <input type="hidden" name="entryId" value={entryId} />
        <label className="block text-sm font-medium">
          Name
          <input name="name" required maxLength={NAME_MAX_LENGTH} defaultValue={name} className={input} />
        </label>
        <label className="block text-sm font-medium">
          Description
          <textarea name="description" rows={4} maxLength={DESCRIPTION_MAX_LENGTH} defaultValue={description} className={input} />
        </label>
        <button type="submit" disabled={pending} className={`${button} bg-stone-900 text-white hover:bg-stone-700`}>
          {pending ? "Saving…" : "Save"}
        </button>
        <Feedback state={state} />
      </form>
    </details>
  );
}

/** Withdrawing asks first: a second step inside <details>, which works without JavaScript. */
export function WithdrawEntryForm({ entryId }: { entryId: string }) {
  const [state, action, pending] = useActionState(withdrawEntryAction, {});
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-red-700">Withdraw this entry…</summary>
      <form action={action} className="mt-2 max-w-2xl space-y-2">
        <input type="hidden" name="entryId" value={entryId} />
        <p className="text-sm text-stone-700">
          A withdrawn entry leaves the boards for good and its queued or running run is cancelled; its page stays, marked as withdrawn. This cannot be undone.
        </p>
        <button type="submit" disabled={pending} className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}>
          {pending ? "Withdrawing…" : "Yes, withdraw this entry"}
        </button>
        <Feedback state={state} />
      </form>
    </details>
  );
}
