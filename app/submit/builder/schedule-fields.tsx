"use client";

import { useState } from "react";
import type { EntrySpec } from "@/lib/spec/schema";
import { getAt, isObject, type Json, type Path } from "../draft";
import { LrPlot } from "../lr-plot";
import { CheckboxField, NumberField, SelectField } from "./fields";
import { useDraft } from "./draft-context";
import { inputClass } from "../styles";
import { KindSelect } from "./kind-select";

const BASE_TEMPLATES: Record<string, Json> = {
  constant: { type: "constant", lr: 0.001 },
  step: { type: "step", lr: 0.1, gamma: 0.1, stepSize: 1875 },
  exponential: { type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850 },
  cosine: { type: "cosine", lr: 0.01 },
  onecycle: { type: "onecycle", maxLr: 0.01 },
};
const TEMPLATES: Record<string, Json> = {
  ...BASE_TEMPLATES,
  warmup: { type: "warmup", steps: 500, then: { type: "cosine", lr: 0.01 } },
};

function ScheduleKindFields({ path, templates }: { path: Path; templates: Record<string, Json> }) {
  const { draft, normalized } = useDraft();
  const own = getAt(draft, path);
  const type = (isObject(own) ? own.type : undefined) ?? getAt(normalized as Json, [...path, "type"]);
  const at = (key: string): Path => [...path, key];
  return (
    <div className="flex flex-wrap items-end gap-3">
      <KindSelect path={path} templates={templates} />
      {(type === "constant" || type === "step" || type === "exponential" || type === "cosine") && <NumberField path={at("lr")} />}
      {type === "step" && (
        <>
          <NumberField path={at("gamma")} />
          <NumberField path={at("stepSize")} />
        </>
      )}
      {type === "exponential" && (
        <>
          <NumberField path={at("decayRate")} />
          <NumberField path={at("transitionSteps")} />
          <CheckboxField path={at("staircase")} />
        </>
      )}
      {type === "cosine" && <NumberField path={at("finalLr")} />}
      {type === "onecycle" && (
        <>
          <NumberField path={at("maxLr")} />
          <NumberField path={at("pctStart")} />
          <NumberField path={at("divFactor")} />
          <NumberField path={at("finalDivFactor")} />
          <SelectField
            path={at("momentumCycle")}
            choices={[
              { value: null, label: "none" },
              { value: { base: 0.85, max: 0.95 }, label: "0.95 → 0.85 → 0.95 (PyTorch's default)" },
            ]}
          />
        </>
      )}
      {type === "warmup" && (
        <>
          <NumberField path={at("steps")} />
          <NumberField path={at("startFactor")} />
          <div className="basis-full border-l-2 border-indigo-200 pl-3">
            <ScheduleKindFields path={at("then")} templates={BASE_TEMPLATES} />
          </div>
        </>
      )}
    </div>
  );
}

/** The schedule's fields and, once the spec is valid, a plot of the learning rate over a chosen budget. */
export function ScheduleFields({ stepsPerEpoch }: { stepsPerEpoch: number | undefined }) {
  const { normalized, current } = useDraft();
  const spec = normalized as EntrySpec | undefined;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const budgets = spec?.budgets ?? [];
  const epochs = chosen !== undefined && budgets.includes(chosen as EntrySpec["budgets"][number]) ? chosen : budgets[budgets.length - 1];
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 font-semibold">Learning-rate schedule</legend>
      <ScheduleKindFields path={["schedule"]} templates={TEMPLATES} />
      {spec && epochs !== undefined && stepsPerEpoch !== undefined ? (
        <div className={`space-y-1 ${current ? "" : "opacity-50"}`}>
          <label className="flex items-center gap-2 text-sm">
            Plot over
            <select className={inputClass} value={epochs} onChange={(event) => setChosen(Number(event.target.value))}>
              {budgets.map((budget) => (
                <option key={budget} value={budget}>
                  {budget} epochs
                </option>
              ))}
            </select>
          </label>
          <LrPlot schedule={spec.schedule} epochs={epochs} stepsPerEpoch={stepsPerEpoch} />
          {!current && <p className="text-xs text-stone-500">Plotted from the last valid spec.</p>}
        </div>
      ) : (
        <p className="text-sm text-stone-500">The plot appears when the spec is valid.</p>
      )}
    </fieldset>
  );
}
