"use client";

import dynamic from "next/dynamic";
import type { UnreadableText } from "@/lib/spec/json-text";
import type { Issue } from "@/lib/submission/fields";

// CodeMirror is most of this page's script: it loads after the form, in the browser only.
const JsonEditorView = dynamic(() => import("./json-editor-view").then((module) => module.JsonEditorView), {
  ssr: false,
  loading: () => <p className="p-2 text-sm text-stone-500">Loading the JSON editor…</p>,
});

interface JsonEditorProps {
  /** The id the builder links to ("Fix it in the JSON editor"). */
  id: string;
  text: string;
  onChange: (text: string) => void;
  /** Why the text does not parse, when it does not (then `issues` is empty). */
  parseError: UnreadableText | undefined;
  /** Every issue of the spec, paths relative to the spec. */
  issues: readonly Issue[];
}

/** The spec as JSON text: the same spec the builder edits, with every problem marked in it and listed under it. */
export function JsonEditor({ id, text, onChange, parseError, issues }: JsonEditorProps) {
  const labelId = `${id}-label`;
  const problemsId = `${id}-problems`;
  const invalid = parseError !== undefined || issues.length > 0;
  return (
    <div id={id} className="flex flex-col gap-1">
      <span id={labelId} className="font-semibold">
        Entry spec (JSON)
      </span>
      {/* What the form posts: the editor is no form control. */}
      <input type="hidden" name="spec" value={text} />
      <div className="h-[28rem] resize-y overflow-hidden rounded border border-stone-300 bg-white data-[invalid=true]:border-red-600" data-invalid={invalid}>
        <JsonEditorView text={text} onChange={onChange} labelledBy={labelId} describedBy={problemsId} invalid={invalid} parseError={parseError} issues={issues} />
      </div>
      <div id={problemsId} role="alert" className="text-sm text-red-700">
        {parseError !== undefined && <p>{parseError.message}. The builder is paused until the JSON parses.</p>}
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
