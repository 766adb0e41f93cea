import Link from "next/link";
import type { EntryView } from "@/lib/entries/entry";

/** "Compare with…": another entry's id or link (a plain GET form, so it works without JavaScript), and the parent when forked. */
export function CompareForm({ entry }: { entry: EntryView }) {
  return (
    <section className="space-y-2" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare</h2>
      <form action="/compare" method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="a" value={entry.id} />
        <label className="block text-sm font-medium">
          Compare with… (another entry&apos;s id or link)
          <input name="b" required className="mt-1 block w-80 max-w-full rounded border border-stone-300 px-3 py-1.5 font-normal" placeholder="https://…/entries/… or an entry id" />
        </label>
        <button type="submit" className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100">
          Compare
        </button>
      </form>
      {entry.parent && (
        <p className="text-sm">
          <Link href={`/compare?a=${entry.parent.id}&b=${entry.id}`}>Compare with the parent, {entry.parent.name}</Link>
        </p>
      )}
    </section>
  );
}
