"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action-state";
import { REASON_MAX_LENGTH } from "@/lib/text/user-text";
import { cancelRunAction, requeueRunAction, reverifyAction, setHiddenAction } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50";
const dangerButton = `${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`;
const summary = "cursor-pointer rounded text-sm font-medium";

export function Feedback({ state }: { state: ActionState }) {
  const link = state.link && (
    <>
      {" "}
      <Link href={state.link.href}>{state.link.label}</Link>
    </>
  );
  if (state.error) return <p role="alert" className="text-sm text-red-700">{state.error}{link}</p>;
  if (state.done) return <p role="status" className="text-sm text-emerald-700">{state.done}{link}</p>;
  return null;
}

/** Cancelling asks first: a second step inside <details>, which works without JavaScript. */
export function CancelRunButton({ entryId, runId }: { entryId: string; runId: string }) {
  const [state, action, pending] = useActionState(cancelRunAction, {});
  return (
    <div className="space-y-1 text-right">
      <details className="inline-block text-left">
        <summary className={`${summary} text-red-700`}>Cancel run…</summary>
        <form action={action} className="mt-2 flex flex-wrap items-center gap-2">
          <input type="hidden" name="entryId" value={entryId} />
          <input type="hidden" name="runId" value={runId} />
          <span className="text-sm text-stone-700">Its training so far is lost.</span>
          <button type="submit" disabled={pending} className={dangerButton}>
            {pending ? "Cancelling…" : "Yes, cancel this run"}
          </button>
        </form>
      </details>
      <Feedback state={state} />
    </div>
  );
}

export function RequeueRunButton({ entryId, runId }: { entryId: string; runId: string }) {
  const [state, action, pending] = useActionState(requeueRunAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="runId" value={runId} />
      <button type="submit" disabled={pending} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>
        {pending ? "Queueing…" : "Re-queue this run"}
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
