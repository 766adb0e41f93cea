"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import type { SpecExample } from "@/lib/spec";
import type { ForkSource } from "@/lib/submission/fork-sources";
import { inputClass, smallButtonClass } from "./styles";

/**
 * Replaces the spec with an example's, or opens the form on an existing entry's spec (a fork), and
 * keeps showing what was loaded (`example:slug`, `entry:id`; "" once a saved draft replaced it).
 */
export function StartFrom({
  examples,
  entries,
  parentId,
  loaded,
  onExample,
}: {
  examples: readonly SpecExample[];
  entries: readonly ForkSource[];
  parentId: string | undefined;
  loaded: string;
  onExample: (example: SpecExample) => void;
}) {
  const router = useRouter();
  const id = useId();
  const choose = (value: string) => {
    const [kind, key] = value.split(":");
    if (kind === "example") {
      const example = examples.find((candidate) => candidate.slug === key);
      if (example) onExample(example);
    } else if (kind === "entry" && key) {
      router.push(`/submit?from=${encodeURIComponent(key)}`);
    }
  };
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        Start from
      </label>
      <div className="flex gap-2">
        <select id={id} className={`min-w-0 flex-1 ${inputClass}`} value={loaded} onChange={(event) => choose(event.target.value)}>
          <option value="" disabled>
            {loaded === "" ? "Your draft (pick an example or an entry to replace it)" : "Pick an example or an existing entry…"}
          </option>
          <optgroup label="Examples">
            {examples.map((example) => (
              <option key={example.slug} value={`example:${example.slug}`} title={example.description}>
                {example.title}
              </option>
            ))}
          </optgroup>
          {entries.length > 0 && (
            <optgroup label="Existing entries (fork)">
              {entries.map((entry) => (
                <option key={entry.id} value={`entry:${entry.id}`} disabled={entry.id === parentId}>
                  {entry.name} — {entry.ownerName}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {loaded.startsWith("example:") && (
          <button type="button" className={smallButtonClass} onClick={() => choose(loaded)} title="Replace the spec with this example again">
            Reload
          </button>
        )}
      </div>
    </div>
  );
}
