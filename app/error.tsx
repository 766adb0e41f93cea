"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1>Something went wrong</h1>
      <p className="text-stone-600">
        The page could not be shown{error.digest ? ` (reference ${error.digest})` : ""}. The server log has the details.
      </p>
      <button type="button" onClick={reset} className="rounded bg-stone-900 px-3 py-1.5 text-sm text-white">
        Try again
      </button>
    </div>
  );
}
