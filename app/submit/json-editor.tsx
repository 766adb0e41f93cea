"use client";

import type { Issue } from "@/lib/submission/fields";

interface JsonEditorProps {
  id: string;
  text: string;
  onChange: (text: string) => void;
  /** The JSON parse error, when the text does not parse. */
  parseError: string | undefined;
  /** Every issue of the spec, paths relative to the spec. */
  issues: readonly Issue[];
}

/** The spec as JSON text: the same spec the builder edits, with every problem listed under it. */
export function JsonEditor({ id, text, onChange, parseError, issues }: JsonEditorProps) {
  const problemsId = `${id}-problems`;
  const invalid = parseError !== undefined || issues.length > 0;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        Entry spec (JSON)
      </label>
      <textarea
        id={id}
        name="spec"
        value={text}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        rows={20}
        className="w-full resize-y rounded border border-stone-300 p-2 font-mono text-xs aria-[invalid=true]:border-red-600"
        aria-invalid={invalid}
        aria-describedby={invalid ? problemsId : undefined}
      />
      <div id={problemsId} role="alert" className="text-sm text-red-700">
        {parseError !== undefined && <p>{parseError}. The builder is paused until the JSON parses.</p>}
        {issues.length > 0 && (
          <ul className="space-y-0.5" aria-label="Spec problems">
            {issues.map((issue, i) => (
              <li key={i}>
                <code className="font-mono">{issue.path || "(spec)"}</code>: {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
