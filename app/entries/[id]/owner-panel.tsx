import { getCurrentUser } from "@/lib/auth";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import type { EntryView } from "@/lib/entries/entry";
import { withdrawnAt } from "@/lib/entries/owner";
import { formatTime } from "@/lib/text/time";
import { EditEntryForm, WithdrawEntryForm } from "./owner-controls";

/** The withdrawal notice for everyone; for the owner of an entry still in play, editing and withdrawing it. */
export async function OwnerPanel({ entry }: { entry: EntryView }) {
  const withdrawn = await withdrawnAt(entry.id);
  if (withdrawn) {
    return (
      <p role="note" className="rounded border border-stone-300 bg-stone-100 px-3 py-2 text-sm text-stone-800" data-testid="withdrawn">
        Withdrawn by its owner on {formatTime(withdrawn)}: it is no longer on the boards and its runs were cancelled.
      </p>
    );
  }
  const owned = { ownerId: entry.owner.id };
  const viewer = await getCurrentUser();
  if (!decide(ACTION_RULES["entries/[id]/actions.ts#editEntryAction"], viewer, owned).allowed) return null;
  return (
    <section aria-label="Your entry" className="flex flex-wrap gap-x-8 gap-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <EditEntryForm entryId={entry.id} name={entry.name} description={entry.description} />
      {decide(ACTION_RULES["entries/[id]/actions.ts#withdrawEntryAction"], viewer, owned).allowed && <WithdrawEntryForm entryId={entry.id} />}
    </section>
  );
}
