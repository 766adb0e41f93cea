"use client";

import { BUDGETS } from "@/lib/spec/schema";
import { getAt, type Json } from "../draft";
import { IssueMessages, useIssuesAt } from "../issues";
import { NumberField } from "./fields";
import { useDraft, useFieldMeta } from "./draft-context";

/** Budgets to run (a subset of 5/20/50) and the seed. */
export function RunFields() {
  const { draft, normalized, update } = useDraft();
  const own = getAt(draft, ["budgets"]);
  const chosen = (Array.isArray(own) ? own : (getAt(normalized as Json, ["budgets"]) as Json[] | undefined)) ?? [...BUDGETS];
  const issues = useIssuesAt(["budgets"]);
  const field = useFieldMeta(["budgets"]);
  const toggle = (budget: number, on: boolean) => {
    const next = on ? [...chosen.filter((b) => b !== budget), budget] : chosen.filter((b) => b !== budget);
    update(["budgets"], [...next].sort((a, b) => Number(a) - Number(b)));
  };
  return (
    <fieldset className="flex flex-wrap items-end gap-4">
      <legend className="mb-1 font-semibold">Budgets and seed</legend>
      <div className="text-sm">
        <span className="font-medium text-stone-700" title={field?.description}>
          {field?.title}
        </span>
        <div className="flex gap-3">
          {BUDGETS.map((budget) => (
            <label key={budget} className="flex items-center gap-1">
              <input type="checkbox" checked={chosen.includes(budget)} onChange={(event) => toggle(budget, event.target.checked)} />
              {budget}
            </label>
          ))}
        </div>
        <IssueMessages issues={issues} />
      </div>
      <NumberField path={["seed"]} />
    </fieldset>
  );
}
