"use client";

import { useId } from "react";
import { getAt, isObject, type Json, type Path } from "../draft";
import { IssueMessages, useIssuesAt } from "../issues";
import { useDraft, useFieldMeta } from "./draft-context";
import { inputClass } from "../styles";

/**
 * Picks the `type` of a tagged object (optimizer, schedule, augmentation). Switching kind replaces
 * the object with the new kind's template, keeping only the fields listed in `keep` that it has.
 * Labelled with the object's title in the schema, unless `label` says otherwise.
 */
export function KindSelect({ path, label, templates, keep = [] }: { path: Path; label?: string; templates: Record<string, Json>; keep?: readonly string[] }) {
  const { draft, normalized, update } = useDraft();
  const field = useFieldMeta(path);
  const id = useId();
  const current = getAt(draft, path);
  const type = (isObject(current) ? current.type : undefined) ?? (getAt(normalized as Json | undefined, [...path, "type"]) as Json | undefined);
  const known = typeof type === "string" && type in templates ? type : undefined;
  const issues = useIssuesAt([...path, "type"]);
  const change = (next: string) => {
    const template = templates[next];
    if (!isObject(template)) return;
    const kept = Object.fromEntries(keep.flatMap((key) => (isObject(current) && current[key] !== undefined ? [[key, current[key]]] : [])));
    update(path, { ...template, ...kept });
  };
  return (
    <div className="flex flex-col text-sm">
      <label htmlFor={id} className="font-medium text-stone-700">
        {label ?? field?.title}
      </label>
      <select
        id={id}
        className={inputClass}
        value={known ?? "unknown"}
       
        onChange={(event) => change(event.target.value)}
        aria-invalid={issues.length > 0}
      >
        {!known && <option value="unknown">{JSON.stringify(type ?? null)}</option>}
        {Object.keys(templates).map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <IssueMessages issues={issues} />
    </div>
  );
}
