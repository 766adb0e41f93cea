"use client";

import { useId, useState, type ReactNode } from "react";
import type { Json, Path } from "../draft";
import { IssueMessages, useIssuesAt } from "../issues";
import { inputClass } from "../styles";
import { useDraftValue } from "./draft-context";

interface FieldProps {
  path: Path;
  label: string;
}

function FieldShell({ label, inputId, issuesId, path, children }: { label: string; inputId: string; issuesId: string; path: Path; children: ReactNode }) {
  const issues = useIssuesAt(path);
  return (
    <div className="flex flex-col text-sm" data-field={path.join(".")}>
      <label htmlFor={inputId} className="font-medium text-stone-700">
        {label}
      </label>
      {children}
      <IssueMessages id={issuesId} issues={issues} />
    </div>
  );
}

function useFieldIds(path: Path) {
  const inputId = useId();
  const issues = useIssuesAt(path);
  const issuesId = `${inputId}-issues`;
  return {
    inputId,
    issuesId,
    aria: { "aria-invalid": issues.length > 0, "aria-describedby": issues.length > 0 ? issuesId : undefined },
  };
}


function displayOf(value: Json | undefined): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Text that reads as a number becomes one; anything else is kept as typed so the spec check can name the field. */
function parseNumberText(text: string): Json | undefined {
  if (text.trim() === "") return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/**
 * A number input bound to the draft. It keeps the text as typed ("0.", "1e-") while that text
 * still means the draft's value, and shows the draft's value once something else changed it.
 */
export function NumberField({ path, label }: FieldProps) {
  const { value, fallback, set} = useDraftValue(path);
  const { inputId, issuesId, aria } = useFieldIds(path);
  const [text, setText] = useState(displayOf(value));
  const shown = parseNumberText(text) === value || (text === "" && value === undefined) ? text : displayOf(value);
  return (
    <FieldShell label={label} inputId={inputId} issuesId={issuesId} path={path}>
      <input
        id={inputId}
        type="text"
        inputMode="decimal"
        className={`w-28 ${inputClass}`}
        value={shown}
        placeholder={displayOf(fallback)}
       
        onChange={(event) => {
          setText(event.target.value);
          set(parseNumberText(event.target.value));
        }}
        {...aria}
      />
    </FieldShell>
  );
}

export interface Choice {
  value: Json;
  label: string;
}

/** A select over fixed choices; the "(default)" choice removes the key so the spec's default applies. */
export function SelectField({ path, label, choices, allowDefault = true }: FieldProps & { choices: readonly Choice[]; allowDefault?: boolean }) {
  const { value, fallback, current, set} = useDraftValue(path);
  const { inputId, issuesId, aria } = useFieldIds(path);
  const matching = (target: Json | undefined) => choices.findIndex((choice) => JSON.stringify(choice.value) === JSON.stringify(target));
  // A value written differently from a choice (defaults left out) still matches it once normalised.
  const index = value === undefined ? -1 : matching(value) >= 0 ? matching(value) : current ? matching(fallback) : -1;
  const unknown = value !== undefined && index < 0;
  const fallbackLabel = choices[matching(fallback)]?.label;
  return (
    <FieldShell label={label} inputId={inputId} issuesId={issuesId} path={path}>
      <select
        id={inputId}
        className={inputClass}
        value={unknown ? "unknown" : value === undefined ? "default" : String(index)}
       
        onChange={(event) => {
          const picked = event.target.value;
          if (picked === "default") set(undefined);
          else if (picked !== "unknown") set(choices[Number(picked)]?.value);
        }}
        {...aria}
      >
        {allowDefault && <option value="default">{fallbackLabel ? `default (${fallbackLabel})` : "default"}</option>}
        {unknown && <option value="unknown">{displayOf(value)}</option>}
        {choices.map((choice, i) => (
          <option key={choice.label} value={String(i)}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ path, label }: FieldProps) {
  const { value, fallback, set} = useDraftValue(path);
  const { inputId, issuesId, aria } = useFieldIds(path);
  const issues = useIssuesAt(path);
  const checked = typeof value === "boolean" ? value : fallback === true;
  return (
    <div className="flex flex-col text-sm" data-field={path.join(".")}>
      <label className="flex items-center gap-2 font-medium text-stone-700">
        <input id={inputId} type="checkbox" checked={checked} onChange={(event) => set(event.target.checked)} {...aria} />
        {label}
      </label>
      <IssueMessages id={issuesId} issues={issues} />
    </div>
  );
}

/** Choices built from a list of names, each shown as itself. */
export function named(names: readonly string[]): Choice[] {
  return names.map((name) => ({ value: name, label: name }));
}
