"use client";

import Link from "next/link";
import { startTransition, useActionState, useId, useState, type FormEvent } from "react";
import { checkSpec, type CheckResult, type SpecExample } from "@/lib/spec";
import type { MeasuredSpeed } from "@/lib/spec/estimate";
import { formatTime } from "@/lib/text/time";
import { readJsonText, type UnreadableText } from "@/lib/spec/json-text";
import type { Issue } from "@/lib/submission/fields";
import { requestFromFormFields } from "@/lib/submission/form-data";
import type { ForkSource } from "@/lib/submission/fork-sources";
import { checkFields } from "@/lib/submission/validate";
import { submitEntryAction } from "./actions";
import { AnalysisPanel } from "./analysis-panel";
import { SpecBuilder } from "./builder/spec-builder";
import { formatJson, setAt, type Json, type Path } from "./draft";
import { EntryFields, type EntryFieldValues } from "./entry-fields";
import { INITIAL_FORM_STATE, type SubmitFormState } from "./form-state";
import { IssuesProvider } from "./issues";
import { JsonEditor } from "./json-editor";
import type { SavedDraft } from "./saved-draft";
import { StartFrom } from "./start-from";
import { useSavedDraft } from "./use-saved-draft";

export interface SubmitFormProps {
  initialSpec: unknown;
  /** The entry this one forks (from /submit?from=…). */
  parent: { id: string; name: string } | undefined;
  examples: readonly SpecExample[];
  entries: readonly ForkSource[];
  devLimits: boolean;
  /** This site's measured training speed, for the estimates; null before any run finished. */
  speed: MeasuredSpeed | null;
  /** The draft this browser saved, to open the form on; null opens it on `initialSpec`. */
  saved: SavedDraft | null;
}

const SPEC_PREFIX = "spec.";
const isSpecPath = (path: string) => path === "spec" || path.startsWith(SPEC_PREFIX);

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface SpecState {
  /** The JSON editor's text: the one truth both editors change. */
  text: string;
  /** The last text that parsed, as a value: what the builder shows. */
  draft: Json | undefined;
  parseError: UnreadableText | undefined;
  check: CheckResult;
  /** The last check that passed, so the analysis stays in view (dimmed) while the spec is broken. */
  lastValid: Extract<CheckResult, { ok: true }> | undefined;
}

function fromDraft(draft: Json | undefined, previous: SpecState | undefined, text = formatJson(draft)): SpecState {
  const check = checkSpec(draft);
  return { text, draft, parseError: undefined, check, lastValid: check.ok ? check : previous?.lastValid };
}

function fromText(text: string, previous: SpecState): SpecState {
  const read = readJsonText(text);
  if (read.ok) return fromDraft(read.value as Json, previous, text);
  return { ...previous, text, parseError: { message: read.issue.message, at: read.at } };
}

/** Owns the form's state: the spec (edited by both editors), the fields, and what the server said. */
export function SubmitForm({ initialSpec, parent: initialParent, examples, entries, devLimits, speed, saved: savedDraft }: SubmitFormProps) {
  const initialFields = { name: initialParent ? `${initialParent.name} (fork)` : "", description: "", trainLimit: "" };
  const initialExample = examples.find((example) => example.spec === initialSpec);
  const initialLoaded = initialParent ? `entry:${initialParent.id}` : initialExample ? `example:${initialExample.slug}` : "";
  const [spec, setSpec] = useState(() => {
    const opened = fromDraft(initialSpec as Json, undefined);
    return savedDraft ? fromText(savedDraft.text, opened) : opened;
  });
  const [parent, setParent] = useState(savedDraft ? savedDraft.parent : initialParent);
  const [fields, setFields] = useState<EntryFieldValues>(savedDraft?.fields ?? initialFields);
  const [loaded, setLoaded] = useState(savedDraft?.loaded ?? initialLoaded);
  const [restoredAt, setRestoredAt] = useState(savedDraft?.savedAt ?? null);
  const [fieldsTouched, setFieldsTouched] = useState(false);
  const [serverState, formAction, pending] = useActionState(submitEntryAction, INITIAL_FORM_STATE);
  // The server's answer is shown until the next edit; the live checks take over from there.
  const [answered, setAnswered] = useState<SubmitFormState>(INITIAL_FORM_STATE);
  const serverIssues = serverState !== answered && serverState.status === "invalid" ? serverState.issues : [];
  const editorId = useId();

  const saved = useSavedDraft({ text: spec.text, fields, parent, loaded }, serverState);

  const { check, lastValid, parseError } = spec;
  const request = requestFromFormFields((name) => (name === "spec" ? spec.text : name === "parentId" ? parent?.id : fields[name as keyof EntryFieldValues]));
  const liveFieldIssues = fieldsTouched ? checkFields(request, { devLimits }).issues.filter((issue) => issue.path !== "spec") : [];
  const fieldIssues = dedupe([...liveFieldIssues, ...serverIssues.filter((issue) => !isSpecPath(issue.path))]);
  const specIssues = dedupe([
    ...(check.ok ? [] : check.issues),
    ...serverIssues.filter((issue) => isSpecPath(issue.path)).map((issue) => ({ ...issue, path: issue.path.slice(SPEC_PREFIX.length) })),
  ]);

  const edited = () => {
    saved.edited();
    setAnswered(serverState);
  };
  const editText = (text: string) => {
    edited();
    setSpec((previous) => fromText(text, previous));
  };
  const editDraft = (path: Path, value: Json | undefined) => {
    edited();
    setSpec((previous) => fromDraft(setAt(previous.draft, path, value), previous));
  };
  const startFromExample = (example: SpecExample) => {
    setParent(undefined);
    setLoaded(`example:${example.slug}`);
    editText(formatJson(example.spec as Json));
  };
  const startOver = () => {
    saved.forget();
    setRestoredAt(null);
    setSpec(fromDraft(initialSpec as Json, undefined));
    setParent(initialParent);
    setFields(initialFields);
    setLoaded(initialLoaded);
    setFieldsTouched(false);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    // Called directly (not through <form action>) so React does not reset the form after the action.
    event.preventDefault();
    if (pending) return;
    setFieldsTouched(true);
    saved.submitted();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  return (
    <form action={formAction} onSubmit={submit} className="space-y-6" aria-label="Submit an entry">
      {restoredAt && (
        <p role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="draft-restored">
          <span>Your unsent draft from {formatTime(restoredAt)} is back (kept in this browser).</span>
          <button type="button" onClick={startOver} className="rounded border border-indigo-300 bg-white px-2 py-0.5 text-xs hover:bg-indigo-100">
            Start over
          </button>
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
        <EntryFields
          values={fields}
          onChange={(values) => {
            edited();
            setFieldsTouched(true);
            setFields(values);
          }}
          issues={fieldIssues}
          devLimits={devLimits}
        />
        <div className="min-w-0 space-y-2">
          <StartFrom examples={examples} entries={entries} parentId={parent?.id} loaded={loaded} onExample={startFromExample} />
          {parent && (
            <p className="text-sm" data-testid="fork-of">
              Forking <Link href={`/entries/${parent.id}`}>{parent.name}</Link>
              <input type="hidden" name="parentId" value={parent.id} />
            </p>
          )}
          <IssueList issues={fieldIssues.filter((issue) => issue.path === "parentId" || issue.path === "")} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <IssuesProvider value={specIssues}>
          <SpecBuilder
            draft={spec.draft}
            normalized={lastValid?.spec}
            current={check.ok}
            stepsPerEpoch={lastValid?.analysis.stepsPerEpoch}
            update={editDraft}
            parseError={parseError?.message}
            editorId={editorId}
          />
        </IssuesProvider>
        <div className="min-w-0 space-y-4">
          <JsonEditor id={editorId} text={spec.text} onChange={editText} parseError={parseError} issues={parseError === undefined ? specIssues : []} />
          <AnalysisPanel analysis={lastValid?.analysis} stale={!check.ok || parseError !== undefined} speed={speed} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-stone-900 px-4 py-2 font-medium text-white disabled:opacity-50">
          {pending ? "Submitting…" : "Submit entry"}
        </button>
        <SubmitAnswer state={serverState} visible={serverState !== answered} />
      </div>
    </form>
  );
}

function IssueList({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul role="alert" className="text-sm text-red-700">
      {issues.map((issue, i) => (
        <li key={i}>{issue.message}</li>
      ))}
    </ul>
  );
}

function SubmitAnswer({ state, visible }: { state: SubmitFormState; visible: boolean }) {
  if (!visible) return null;
  switch (state.status) {
    case "idle":
      return null;
    case "invalid":
      return (
        <p role="alert" className="text-sm text-red-700">
          Not submitted: fix the problems marked above.
        </p>
      );
    case "signed_out":
      return (
        <p role="alert" className="text-sm text-red-700">
          {state.message} <Link href="/signin?callbackUrl=%2Fsubmit">Sign in</Link>
        </p>
      );
    case "refused":
      return (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      );
    case "duplicate":
      return (
        <p role="alert" className="text-sm text-amber-800" data-testid="duplicate">
          {state.message} <Link href={`/entries/${state.entryId}`}>Open that entry</Link>
        </p>
      );
  }
}
