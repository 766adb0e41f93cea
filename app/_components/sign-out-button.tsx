"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/" })} className="text-stone-600 hover:text-stone-900">
      Sign out
    </button>
  );
}
