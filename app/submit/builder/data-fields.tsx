"use client";

import { getAt, isObject, moveItem, type Json, type Path } from "../draft";
import { IssueMessages, useIssuesAt } from "../issues";
import { CheckboxField, NumberField, SelectField, named } from "./fields";
import { smallButtonClass as buttonClass } from "../styles";
import { useDraft } from "./draft-context";
import { KindSelect } from "./kind-select";

const AUGMENT_TEMPLATES: Record<string, Json> = {
  flip: { type: "flip", axis: "cols" },
  crop: { type: "crop", padding: 4 },
  erase: { type: "erase" },
};

function AugmentationCard({ index, items }: { index: number; items: Json[] }) {
  const { draft, update } = useDraft();
  const path: Path = ["data", "augment", index];
  const item = getAt(draft, path);
  const type = isObject(item) ? item.type : undefined;
  const at = (...keys: (string | number)[]): Path => [...path, ...keys];
  const issues = useIssuesAt(path);
  return (
    <li className="rounded border border-stone-200 bg-white p-3" aria-label={`Augmentation ${index + 1}`}>
      <div className="flex flex-wrap items-end gap-3">
        <KindSelect path={path} label={`Augmentation ${index + 1}`} templates={AUGMENT_TEMPLATES} />
        {type === "flip" && (
          <>
            <SelectField path={at("axis")} allowDefault={false} />
            <NumberField path={at("p")} />
            <SelectField path={at("per")} />
          </>
        )}
        {type === "crop" && <NumberField path={at("padding")} />}
        {type === "erase" && (
          <>
            <NumberField path={at("p")} />
            <NumberField path={at("scale", 0)} />
            <NumberField path={at("scale", 1)} />
            <NumberField path={at("ratio", 0)} />
            <NumberField path={at("ratio", 1)} />
            <NumberField path={at("value")} />
          </>
        )}
        <SelectField path={at("redraw")} />
        <span className="ml-auto flex gap-1">
          <button type="button" className={buttonClass} disabled={index === 0} onClick={() => update(["data", "augment"], moveItem(items, index, index - 1))} aria-label={`Move augmentation ${index + 1} up`}>
            ↑
          </button>
          <button type="button" className={buttonClass} onClick={() => update(path, undefined)} aria-label={`Remove augmentation ${index + 1}`}>
            Remove
          </button>
        </span>
      </div>
      <IssueMessages issues={issues} />
    </li>
  );
}

export function DataFields() {
  const { draft, update } = useDraft();
  const value = getAt(draft, ["data", "augment"]);
  const items = Array.isArray(value) ? value : [];
  const listIssues = useIssuesAt(["data", "augment"]);
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 font-semibold">Data</legend>
      <div className="flex flex-wrap items-end gap-3">
        <NumberField path={["data", "batchSize"]} />
        <CheckboxField path={["data", "shuffle"]} />
        <SelectField path={["data", "normalize"]} choices={[...named(["scale", "standardize"]), { value: { mean: 0.28, std: 0.35 }, label: "(x − 0.28) / 0.35, the course's" }]} />
        <SelectField path={["data", "testTimeFlip"]} />
      </div>
      <ol className="space-y-2">
        {items.map((_, index) => (
          <AugmentationCard key={index} index={index} items={items} />
        ))}
      </ol>
      <IssueMessages issues={listIssues} />
      <button type="button" className={buttonClass} onClick={() => update(["data", "augment"], [...items, AUGMENT_TEMPLATES.flip as Json])}>
        Add augmentation
      </button>
    </fieldset>
  );
}
