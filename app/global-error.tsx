"use client";

/** Replaces the root layout when the layout itself fails (say, the database is down while the header reads the user). */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Catwalk is having trouble</h1>
        <p>The page could not be shown{error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
