"use client";

import { useId } from "react";
import { DEV_EVAL_IMAGES, DEV_TRAIN_LIMIT_MAX } from "@/lib/spec/estimate";
import type { Issue } from "@/lib/submission/fields";
import { IssueMessages } from "./issues";
import { inputClass } from "./styles";

export interface EntryFieldValues {
  name: string;
  description: string;
  trainLimit: string;
}


function TextField({
  name,
  label,
  value,
  issues,
  onChange,
  multiline = false,
  hint,
}: {
  name: keyof EntryFieldValues;
  label: string;
  value: string;
  issues: readonly Issue[];
  onChange: (value: string) => void;
  multiline?: boolean;
  hint?: string;
}) {
  const id = useId();
  const mine = issues.filter((issue) => issue.path === name);
  const aria = { "aria-invalid": mine.length > 0, "aria-describedby": mine.length > 0 ? `${id}-issues` : undefined };
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} name={name} rows={3} className={inputClass} value={value} onChange={(event) => onChange(event.target.value)} {...aria} />
      ) : (
        <input id={id} name={name} className={inputClass} value={value} onChange={(event) => onChange(event.target.value)} {...aria} />
      )}
      {hint && <p className="text-xs text-stone-500">{hint}</p>}
      <IssueMessages id={`${id}-issues`} issues={mine} />
    </div>
  );
}

/** Name, description and, where the server allows development runs, the data limits. */
export function EntryFields({
  values,
  onChange,
  issues,
  devLimits,
}: {
  values: EntryFieldValues;
  onChange: (values: EntryFieldValues) => void;
  issues: readonly Issue[];
  devLimits: boolean;
}) {
  const set = (key: keyof EntryFieldValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <div className="space-y-3">
      <TextField name="name" label="Name" value={values.name} issues={issues} onChange={set("name")} />
      <TextField name="description" label="Description" value={values.description} issues={issues} onChange={set("description")} multiline />
      {devLimits && (
        <div className="flex flex-wrap gap-4">
          <TextField
            name="trainLimit"
            label="Train limit"
            value={values.trainLimit}
            issues={issues}
            onChange={set("trainLimit")}
            hint={`Development run: trains on the first N training images (at most ${DEV_TRAIN_LIMIT_MAX.toLocaleString("en-US")}) and is evaluated on a fixed slice of the training set (its last ${DEV_EVAL_IMAGES.toLocaleString("en-US")} images), never on the test set; never ranked`}
          />
        </div>
      )}
    </div>
  );
}
