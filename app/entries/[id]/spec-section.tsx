import Link from "next/link";
import type { EntryView } from "@/lib/entries/entry";
import { specText } from "@/lib/spec/key-order";

/** The normalised spec, keys in the reference's order, with its download. */
export function SpecSection({ entry }: { entry: EntryView }) {
  return (
    <section className="space-y-3" aria-labelledby="spec-heading">
      <h2 id="spec-heading">Spec</h2>
      <p className="text-xs text-stone-600">
        Normalised spec (defaults filled in, keys in the order of the <Link href="/spec">spec reference</Link>), hash <code className="break-all">{entry.specHash}</code>.{" "}
        <a href={`/entries/${entry.id}/spec.json`} download>
          Download it as JSON
        </a>
        .
      </p>
      <pre className="max-h-[32rem] overflow-auto rounded-lg border border-stone-200 bg-stone-900 p-4 text-xs text-stone-100" data-testid="spec-json" tabIndex={0} aria-label="Spec JSON">
        {specText(entry.spec)}
      </pre>
    </section>
  );
}
