"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";

export function OAuthButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn(id, { callbackUrl })}
      className="w-full rounded border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-100"
    >
      Sign in with {name}
    </button>
  );
}

export function LocalSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    void signIn("local", { name, callbackUrl });
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block text-sm font-medium">
        Name or email
        <input
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={80}
          autoComplete="username"
          className="mt-1 block w-full rounded border border-stone-300 px-3 py-2 font-normal"
        />
      </label>
      <button
        type="submit"
        disabled={pending || name.trim() === ""}
        className="w-full rounded bg-stone-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
