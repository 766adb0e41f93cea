"use client";

import { ACTIVATION_NAMES, type LayerType } from "@/lib/spec/schema";
import type { Path } from "../draft";
import { useDraftValue, useFieldMeta, useFieldNames } from "./draft-context";
import { CheckboxField, NumberField, SelectField, named } from "./fields";

/** A sensible starting point for a layer kind when it is added or its kind is changed; other kinds start from their defaults. */
const LAYER_TEMPLATES: Partial<Record<LayerType, Record<string, unknown>>> = {
  conv2d: { type: "conv2d", filters: 32, kernel: 3, activation: "relu" },
  maxpool: { type: "maxpool", size: 2 },
  avgpool: { type: "avgpool", size: 2 },
  dense: { type: "dense", units: 10 },
  dropout: { type: "dropout", rate: 0.25 },
  activation: { type: "activation", fn: "relu" },
  residual: { type: "residual", body: [{ type: "conv2d", filters: 32, kernel: 3, activation: "relu" }, { type: "conv2d", filters: 32, kernel: 3 }], activation: "relu" },
};

export const layerTemplate = (type: LayerType): Record<string, unknown> => LAYER_TEMPLATES[type] ?? { type };

/** One field of a kind without a form of its own, as the schema types it. */
function SchemaField({ path }: { path: Path }) {
  const field = useFieldMeta(path);
  if (field?.type === "boolean") return <CheckboxField path={path} />;
  if (field?.enum) return <SelectField path={path} />;
  return <NumberField path={path} />;
}

function InitFields({ path }: { path: Path }) {
  const weight = useDraftValue([...path, "init", "weight"]);
  const chosen = weight.value ?? weight.fallback;
  return (
    <>
      <SelectField path={[...path, "init", "weight"]} />
      <SelectField path={[...path, "init", "bias"]} />
      {/* leak is a field of He weight inits only */}
      {(chosen === "he_uniform" || chosen === "he_normal") && <NumberField path={[...path, "init", "leak"]} />}
    </>
  );
}

/** The fields of one layer of a known kind, except a residual block's body (the layer list renders that). */
export function LayerFields({ type, path }: { type: LayerType; path: Path }) {
  const at = (key: string): Path => [...path, key];
  switch (type) {
    case "conv2d":
      return (
        <>
          <NumberField path={at("filters")} />
          <NumberField path={at("kernel")} />
          <NumberField path={at("stride")} />
          <NumberField path={at("padding")} />
          <NumberField path={at("dilation")} />
          <NumberField path={at("groups")} />
          <CheckboxField path={at("bias")} />
          <SelectField path={at("activation")} />
          <InitFields path={path} />
        </>
      );
    case "dense":
      return (
        <>
          <NumberField path={at("units")} />
          <CheckboxField path={at("bias")} />
          <SelectField path={at("activation")} />
          <InitFields path={path} />
        </>
      );
    case "activation":
      return (
        <>
          <SelectField path={at("fn")} choices={named([...ACTIVATION_NAMES, "general_relu"])} allowDefault={false} />
          <NumberField path={at("negativeSlope")} />
          <NumberField path={at("subtract")} />
          <NumberField path={at("max")} />
        </>
      );
    case "residual":
      return (
        <>
          <SelectField
            path={[...path, "shortcut"]}
            choices={[
              { value: { type: "identity" }, label: "identity" },
              { value: { type: "projection", batchnorm: false }, label: "1×1 conv projection" },
              { value: { type: "projection", batchnorm: true }, label: "1×1 conv projection + batch norm" },
              { value: { type: "projection", pool: "avg", bias: true }, label: "average pool + 1×1 conv with bias (the course's ResBlock)" },
            ]}
          />
          <SelectField path={at("activation")} />
        </>
      );
    default:
      return <SchemaFields path={path} />;
  }
}

/** The fields of a layer kind the builder has no form of its own for (layernorm, flatten, …), in the schema's order. */
function SchemaFields({ path }: { path: Path }) {
  const names = useFieldNames(path).filter((name) => name !== "type");
  return (
    <>
      {names.map((name) => (
        <SchemaField key={name} path={[...path, name]} />
      ))}
    </>
  );
}
