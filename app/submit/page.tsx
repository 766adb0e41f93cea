import type { Metadata } from "next";
import { EXAMPLES, SEAN_SPEC } from "@/lib/spec";
import { formatDuration } from "@/lib/text/duration";
import { measuredSpeed } from "@/lib/runs/measured-speed";
import { readRunSettings } from "@/lib/runs/settings";
import { env } from "@/lib/env";
import { getCurrentUser } from "@/lib/auth";
import { getEntry } from "@/lib/entries/entry";
import { listForkSources } from "@/lib/submission/fork-sources";
import { DraftedSubmitForm } from "./drafted-submit-form";

export const metadata: Metadata = { title: "Submit an entry" };
// Reads the database and the environment on every request.
export const dynamic = "force-dynamic";

export default async function SubmitPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const { from } = await searchParams;
  const fromId = typeof from === "string" ? from : undefined;
  const viewer = await getCurrentUser();
  // A hidden entry is no fork source for anyone but its owner and admins: getEntry returns null.
  const [source, forkSources, speed] = await Promise.all([fromId ? getEntry(fromId, viewer) : null, listForkSources(), measuredSpeed()]);
  const here = fromId ? `/submit?from=${encodeURIComponent(fromId)}` : "/submit";
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">Submit an entry</h1>
        <p className="text-sm text-stone-600">
          Build the model and its training in the builder or write the spec as JSON (see <a href="/spec">the spec reference</a>); both edit the same
          spec. Catwalk trains it on Fashion-MNIST for each budget and ranks the verified results.
        </p>
        <p className="text-sm text-stone-600">
          Each budget may train for at most {formatDuration(readRunSettings().budgetTimeLimitSeconds)}; a run over that limit ends as timed out.
        </p>
        {!viewer && (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sign-in-needed">
            Submitting needs an account: <a href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>sign in</a> first, or build your entry
            now and sign in before you submit. Your draft is kept in this browser meanwhile.
          </p>
        )}
        {fromId && !source && (
          <p role="alert" className="text-sm text-amber-800">
            There is no entry {fromId} to fork; the form starts from Sean&apos;s entry instead.
          </p>
        )}
      </header>
      <DraftedSubmitForm
        key={source?.id ?? "new"}
        initialSpec={source?.spec ?? SEAN_SPEC}
        parent={source ? { id: source.id, name: source.name } : undefined}
        examples={EXAMPLES}
        entries={forkSources}
        devLimits={env().CATWALK_DEV_LIMITS}
        speed={speed}
      />
    </div>
  );
}
