"use client";

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { defaultHighlightStyle, ensureSyntaxTree, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { UnreadableText } from "@/lib/spec/json-text";
import type { Issue } from "@/lib/submission/fields";
import { rangeOfPath } from "./json-path-ranges";

export interface JsonEditorViewProps {
  text: string;
  onChange: (text: string) => void;
  /** The content's accessible name and description, and whether it is marked invalid. */
  labelledBy: string;
  describedBy: string;
  invalid: boolean;
  parseError: UnreadableText | undefined;
  issues: readonly Issue[];
}

/** Marks a change that came from the form (the builder, an example), not from typing here. */
const fromForm = Annotation.define<boolean>();

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "0.75rem" },
  "&.cm-focused": { outline: "2px solid #4f46e5", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", overflow: "auto" },
});

function contentAttributes({ labelledBy, describedBy, invalid }: Pick<JsonEditorViewProps, "labelledBy" | "describedBy" | "invalid">) {
  return EditorView.contentAttributes.of({
    "aria-labelledby": labelledBy,
    "aria-describedby": describedBy,
    "aria-invalid": String(invalid),
    spellcheck: "false",
    // Editable content is in the tab order already; saying so lets checkers (axe) see that the scrolling region has a keyboard way in.
    tabindex: "0",
  });
}

/** The smallest change that turns `from` into `to`, so the cursor and the scroll stay where they were. */
function changeBetween(from: string, to: string) {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start += 1;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end += 1;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}

function diagnostics(state: EditorState, parseError: UnreadableText | undefined, issues: readonly Issue[]): Diagnostic[] {
  if (parseError) return parseError.at ? [{ ...parseError.at, severity: "error", message: parseError.message }] : [];
  const text = state.doc.toString();
  // At most 64 KiB of JSON: the whole tree is ready well within the time allowed.
  const tree = ensureSyntaxTree(state, state.doc.length, 1000);
  if (!tree) return [];
  return issues.flatMap((issue) => {
    const range = rangeOfPath(tree, text, issue.path);
    return range ? [{ ...range, severity: "error" as const, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message }] : [];
  });
}

/**
 * The CodeMirror view of the spec's JSON: highlighted, with the syntax error or every issue of the
 * spec marked where it is. The form owns the text; edits typed here go to `onChange`.
 */
export function JsonEditorView({ text, onChange, labelledBy, describedBy, invalid, parseError, issues }: JsonEditorViewProps) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const attributes = useRef(new Compartment());
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const created = new EditorView({
      parent: parent.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          json(),
          syntaxHighlighting(defaultHighlightStyle),
          EditorView.lineWrapping,
          theme,
          attributes.current.of(contentAttributes({ labelledBy, describedBy, invalid })),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((transaction) => transaction.annotation(fromForm))) {
              latestOnChange.current(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Created once; the effects below bring the props in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(contentAttributes({ labelledBy, describedBy, invalid })) });
  }, [labelledBy, describedBy, invalid]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const shown = current.state.doc.toString();
    if (shown !== text) current.dispatch({ changes: changeBetween(shown, text), annotations: fromForm.of(true) });
    current.dispatch(setDiagnostics(current.state, diagnostics(current.state, parseError, issues)));
  }, [text, parseError, issues]);

  return <div ref={parent} className="h-full" />;
}
