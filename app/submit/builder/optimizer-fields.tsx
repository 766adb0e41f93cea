"use client";

import { getAt, isObject, type Json } from "../draft";
import { CheckboxField, NumberField } from "./fields";
import { useDraft } from "./draft-context";
import { KindSelect } from "./kind-select";

const PATH = ["optimizer"] as const;
const OPTIMIZER_TEMPLATES: Record<string, Json> = {
  sgd: { type: "sgd", momentum: 0.9 },
  adam: { type: "adam" },
  adamw: { type: "adamw" },
};

export function OptimizerFields() {
  const { draft, normalized } = useDraft();
  const own = getAt(draft, PATH);
  const type = (isObject(own) ? own.type : undefined) ?? getAt(normalized as Json, [...PATH, "type"]);
  const at = (key: string) => [...PATH, key];
  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="mb-1 font-semibold">Optimizer</legend>
      <KindSelect path={PATH} templates={OPTIMIZER_TEMPLATES} keep={["weightDecay", "gradClipNorm"]} />
      {type === "sgd" && (
        <>
          <NumberField path={at("momentum")} />
          <CheckboxField path={at("nesterov")} />
        </>
      )}
      {(type === "adam" || type === "adamw") && (
        <>
          <NumberField path={at("beta1")} />
          <NumberField path={at("beta2")} />
          <NumberField path={at("eps")} />
        </>
      )}
      <NumberField path={at("weightDecay")} />
      <NumberField path={at("gradClipNorm")} />
    </fieldset>
  );
}
