import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { EXAMPLES } from "@/lib/spec";
import { MarkdownDocument, sections } from "./document";

export const metadata: Metadata = {
  title: "The entry spec",
  description: "Every field of a Catwalk entry, with its semantics, defaults and limits.",
};

/** docs/spec.md is the contract the site and the engine implement; this page renders it as is. */
const SPEC_DOCUMENT = path.join(process.cwd(), "docs", "spec.md");

export default async function SpecPage() {
  const source = await readFile(SPEC_DOCUMENT, "utf8");
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 text-stone-800">
      <aside className="mb-6 space-y-2 rounded border border-stone-200 bg-stone-50 p-4 text-sm">
        <p>
          Machine-readable: <a href="/spec/schema.json" className="underline">JSON Schema</a> of the spec as you write it. Check a file
          before submitting with <code className="font-mono">npm run spec -- check FILE</code>, or paste it into the{" "}
          <Link href="/submit" className="underline">submit form</Link>, which checks it as you type.
        </p>
        <nav aria-label="Sections">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {sections(source)
              .filter((section) => section.depth === 2)
              .map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`} className="underline">
                    {section.title}
                  </a>
                </li>
              ))}
            <li>
              <a href="#examples" className="underline">Examples</a>
            </li>
          </ul>
        </nav>
      </aside>
      <article>
        <MarkdownDocument source={source} />
      </article>
      <section aria-labelledby="examples" className="mt-10">
        <h2 id="examples" className="border-b border-stone-200 pb-1 text-xl font-semibold">
          Examples
        </h2>
        <p className="my-3">The shipped examples, each a valid spec; the submit form can start from any of them.</p>
        {EXAMPLES.map((example) => (
          <details key={example.slug} className="my-2 rounded border border-stone-200 p-3">
            <summary className="cursor-pointer font-medium">{example.title}</summary>
            <p className="my-2 text-sm">{example.description}</p>
            <pre className="overflow-x-auto rounded bg-stone-900 p-3 text-xs text-stone-100">
              <code>{JSON.stringify(example.spec, null, 2)}</code>
            </pre>
          </details>
        ))}
      </section>
    </main>
  );
}
