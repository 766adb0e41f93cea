"use client";

import { useActionState, useState } from "react";
import { createTokenAction, revokeTokenAction, type TokenActionState } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50";

function Feedback({ state }: { state: TokenActionState }) {
  if (state.error) return <p role="alert" className="text-sm text-red-700">{state.error}</p>;
  if (state.done) return <p role="status" className="text-sm text-emerald-700">{state.done}</p>;
  return null;
}

function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
      <label className="block text-sm font-medium">
        Your new token
        <input readOnly value={token} data-testid="new-token" onFocus={(event) => event.currentTarget.select()} className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-1.5 font-mono text-sm" />
      </label>
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}
        className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}
      >
        {copied ? "Copied" : "Copy to clipboard"}
      </button>
    </div>
  );
}

/** `maxNameLength` comes from the server module (which a client bundle must not import). */
export function CreateTokenForm({ maxNameLength }: { maxNameLength: number }) {
  const [state, action, pending] = useActionState(createTokenAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          Token name
          <input name="name" required maxLength={maxNameLength} placeholder="e.g. laptop script" className="mt-1 block w-64 max-w-full rounded border border-stone-300 px-3 py-1.5 font-normal" />
        </label>
        <button type="submit" disabled={pending} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      <Feedback state={state} />
      {state.token && <NewToken token={state.token} />}
    </div>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, {});
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${name}`} className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.error && <span role="alert" className="text-xs text-red-700">{state.error}</span>}
    </form>
  );
}
