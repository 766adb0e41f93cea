"use client";

import { useActionState } from "react";
import { REASON_MAX_LENGTH } from "@/lib/text/user-text";
import { cancelRunAction, reverifyAction, setHiddenAction, type ActionState } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50";

function Feedback({ state }: { state: ActionState }) {
  if (state.error) return <p role="alert" className="text-sm text-red-700">{state.error}</p>;
  if (state.done) return <p role="status" className="text-sm text-emerald-700">{state.done}</p>;
  return null;
}

export function CancelRunButton({ entryId, runId }: { entryId: string; runId: string }) {
  const [state, action, pending] = useActionState(cancelRunAction, {});
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="runId" value={runId} />
      <button type="submit" disabled={pending} className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}>
        {pending ? "Cancelling…" : "Cancel run"}
      </button>
      <Feedback state={state} />
    </form>
  );
}

export function ReverifyForm({ entryId, firstVerification }: { entryId: string; firstVerification: boolean }) {
  const [state, action, pending] = useActionState(reverifyAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="entryId" value={entryId} />
      <label className="block text-sm font-medium">
        {firstVerification ? "Reason for verification" : "Reason for re-verification"}
        <input
          name="reason"
          required
          defaultValue={firstVerification ? "first verification" : ""}
          maxLength={REASON_MAX_LENGTH}
          placeholder="e.g. engine upgraded; verify the seed entry"
          className="mt-1 block w-full rounded border border-stone-300 px-3 py-1.5 font-normal"
        />
      </label>
      <button type="submit" disabled={pending} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>
        {pending ? "Queueing…" : firstVerification ? "Verify" : "Re-verify"}
      </button>
      <Feedback state={state} />
    </form>
  );
}

export function HideEntryButton({ entryId, hidden }: { entryId: string; hidden: boolean }) {
  const [state, action, pending] = useActionState(setHiddenAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="hidden" value={hidden ? "false" : "true"} />
      <label className="block text-sm font-medium">
        Reason (optional, kept in the audit log)
        <input name="reason" maxLength={REASON_MAX_LENGTH} className="mt-1 block w-full rounded border border-stone-300 px-3 py-1.5 font-normal" />
      </label>
      <button type="submit" disabled={pending} className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}>
        {hidden ? "Unhide entry" : "Hide entry"}
      </button>
      <Feedback state={state} />
    </form>
  );
}
