"use client";

import { useId, useState, type ReactNode } from "react";
import { type SchemaNode, allowedValues, fixedChoices } from "@/lib/spec/field-meta";
import type { Json, Path } from "../draft";
import { IssueMessages, useIssuesAt } from "../issues";
import { inputClass } from "../styles";
import { useDraftValue, useFieldMeta } from "./draft-context";

/** A field is named by its path; its label, help and allowed values come from the schema's metadata. */
interface FieldProps {
  path: Path;
}

/** The field's description, read out with it (and shown on hover); `hint` is shown under it, such as a range. */
function FieldHelp({ id, field, hint }: { id: string; field: SchemaNode; hint?: string }) {
  return (
    <p id={id} className="text-xs text-stone-500">
      {hint}
      {field.description && <span className="sr-only">{hint ? ". " : ""}{field.description}</span>}
    </p>
  );
}

function useFieldIds(path: Path) {
  const inputId = useId();
  const issues = useIssuesAt(path);
  const issuesId = `${inputId}-issues`;
  const helpId = `${inputId}-help`;
  return {
    inputId,
    issuesId,
    helpId,
    aria: { "aria-invalid": issues.length > 0, "aria-describedby": issues.length > 0 ? `${helpId} ${issuesId}` : helpId },
  };
}

function FieldShell({ field, ids, path, hint, children }: { field: SchemaNode; ids: ReturnType<typeof useFieldIds>; path: Path; hint?: string; children: ReactNode }) {
  const issues = useIssuesAt(path);
  return (
    <div className="flex flex-col text-sm" data-field={path.join(".")} title={field.description}>
      <label htmlFor={ids.inputId} className="font-medium text-stone-700">
        {field.title}
      </label>
      {children}
      <FieldHelp id={ids.helpId} field={field} hint={hint} />
      <IssueMessages id={ids.issuesId} issues={issues} />
    </div>
  );
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
 * A number input bound to the draft, with the values it allows under it. A text input, not a
 * number input: it keeps the text as typed ("0.", "1e-", or "same" for a conv's padding) while that
 * text still means the draft's value, and shows the draft's value once something else changed it.
 */
export function NumberField({ path }: FieldProps) {
  const field = useFieldMeta(path);
  const { value, fallback, set } = useDraftValue(path);
  const ids = useFieldIds(path);
  const [text, setText] = useState(displayOf(value));
  if (!field) return null;
  const shown = parseNumberText(text) === value || (text === "" && value === undefined) ? text : displayOf(value);
  return (
    <FieldShell field={field} ids={ids} path={path} hint={allowedValues(field)}>
      <input
        id={ids.inputId}
        type="text"
        inputMode="decimal"
        className={`w-28 ${inputClass}`}
        value={shown}
        placeholder={displayOf(fallback)}
        onChange={(event) => {
          setText(event.target.value);
          set(parseNumberText(event.target.value));
        }}
        {...ids.aria}
      />
    </FieldShell>
  );
}

export interface Choice {
  value: Json;
  label: string;
}

/**
 * A select over fixed choices (by default the values the schema allows, null shown as "none");
 * the "(default)" choice removes the key so the spec's default applies.
 */
export function SelectField({ path, choices, allowDefault = true }: FieldProps & { choices?: readonly Choice[]; allowDefault?: boolean }) {
  const field = useFieldMeta(path);
  const { value, fallback, current, set } = useDraftValue(path);
  const ids = useFieldIds(path);
  if (!field) return null;
  const options = choices ?? fixedChoices(field).map((choice) => ({ value: choice as Json, label: choice === null ? "none" : String(choice) }));
  const matching = (target: Json | undefined) => options.findIndex((choice) => JSON.stringify(choice.value) === JSON.stringify(target));
  // A value written differently from a choice (defaults left out) still matches it once normalised.
  const index = value === undefined ? -1 : matching(value) >= 0 ? matching(value) : current ? matching(fallback) : -1;
  const unknown = value !== undefined && index < 0;
  const fallbackLabel = options[matching(fallback)]?.label;
  return (
    <FieldShell field={field} ids={ids} path={path}>
      <select
        id={ids.inputId}
        className={inputClass}
        value={unknown ? "unknown" : value === undefined ? "default" : String(index)}
        onChange={(event) => {
          const picked = event.target.value;
          if (picked === "default") set(undefined);
          else if (picked !== "unknown") set(options[Number(picked)]?.value);
        }}
        {...ids.aria}
      >
        {allowDefault && <option value="default">{fallbackLabel ? `default (${fallbackLabel})` : "default"}</option>}
        {unknown && <option value="unknown">{displayOf(value)}</option>}
        {options.map((choice, i) => (
          <option key={choice.label} value={String(i)}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ path }: FieldProps) {
  const field = useFieldMeta(path);
  const { value, fallback, set } = useDraftValue(path);
  const ids = useFieldIds(path);
  const issues = useIssuesAt(path);
  if (!field) return null;
  const checked = typeof value === "boolean" ? value : fallback === true;
  return (
    <div className="flex flex-col text-sm" data-field={path.join(".")} title={field.description}>
      <label className="flex items-center gap-2 font-medium text-stone-700">
        <input id={ids.inputId} type="checkbox" checked={checked} onChange={(event) => set(event.target.checked)} {...ids.aria} />
        {field.title}
      </label>
      <FieldHelp id={ids.helpId} field={field} />
      <IssueMessages id={ids.issuesId} issues={issues} />
    </div>
  );
}

/** Choices built from a list of names, each shown as itself. */
export function named(names: readonly string[]): Choice[] {
  return names.map((name) => ({ value: name, label: name }));
}
