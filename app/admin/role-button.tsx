"use client";

import { useActionState } from "react";
import { setRoleAction } from "./actions";

export function RoleButton({ userId, role }: { userId: string; role: "participant" | "admin" }) {
  const [state, action, pending] = useActionState(setRoleAction, {});
  const makeAdmin = role !== "admin";
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={makeAdmin ? "admin" : "participant"} />
      <button type="submit" disabled={pending} className="rounded border border-stone-300 bg-white px-2 py-0.5 text-xs hover:bg-stone-100">
        {makeAdmin ? "Make admin" : "Revoke admin"}
      </button>
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
