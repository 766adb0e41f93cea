"use client";

import { ACTIVATION_NAMES, INIT_NAMES, type LayerType } from "@/lib/spec/schema";
import type { Path } from "../draft";
import { useDraftValue } from "./draft-context";
import { CheckboxField, NumberField, SelectField, named, type Choice } from "./fields";

export const ACTIVATION_CHOICES: Choice[] = [{ value: null, label: "none (linear)" }, ...named(ACTIVATION_NAMES)];

/** A sensible starting point for each layer kind when it is added or its kind is changed. */
export const LAYER_TEMPLATES: Record<LayerType, Record<string, unknown>> = {
  conv2d: { type: "conv2d", filters: 32, kernel: 3, activation: "relu" },
  maxpool: { type: "maxpool", size: 2 },
  avgpool: { type: "avgpool", size: 2 },
  globalavgpool: { type: "globalavgpool" },
  flatten: { type: "flatten" },
  dense: { type: "dense", units: 10 },
  dropout: { type: "dropout", rate: 0.25 },
  batchnorm: { type: "batchnorm" },
  layernorm: { type: "layernorm" },
  activation: { type: "activation", fn: "relu" },
  residual: { type: "residual", body: [{ type: "conv2d", filters: 32, kernel: 3, activation: "relu" }, { type: "conv2d", filters: 32, kernel: 3 }], activation: "relu" },
};

/** The keys each kind has a builder field for; issues about any other key are shown on the layer itself. */
export const LAYER_FIELD_KEYS: Record<LayerType, readonly string[]> = {
  conv2d: ["type", "filters", "kernel", "stride", "padding", "dilation", "groups", "bias", "activation", "init"],
  maxpool: ["type", "size", "stride", "padding"],
  avgpool: ["type", "size", "stride", "padding"],
  globalavgpool: ["type"],
  flatten: ["type"],
  dense: ["type", "units", "bias", "activation", "init"],
  dropout: ["type", "rate"],
  batchnorm: ["type", "momentum", "eps"],
  layernorm: ["type", "eps"],
  activation: ["type", "fn", "negativeSlope", "subtract", "max"],
  residual: ["type", "body", "shortcut", "activation"],
};

function InitFields({ path }: { path: Path }) {
  const weight = useDraftValue([...path, "init", "weight"]);
  const chosen = weight.value ?? weight.fallback;
  return (
    <>
      <SelectField path={[...path, "init", "weight"]} label="Weight init" choices={named(INIT_NAMES)} />
      <SelectField path={[...path, "init", "bias"]} label="Bias init" choices={named(INIT_NAMES)} />
      {/* leak is a field of He weight inits only */}
      {(chosen === "he_uniform" || chosen === "he_normal") && <NumberField path={[...path, "init", "leak"]} label="Leak (slope of the leaky ReLU)" />}
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
          <NumberField path={at("filters")} label="Filters" />
          <NumberField path={at("kernel")} label="Kernel" />
          <NumberField path={at("stride")} label="Stride" />
          <NumberField path={at("padding")} label="Padding (same, valid or 0–5)" />
          <NumberField path={at("dilation")} label="Dilation" />
          <NumberField path={at("groups")} label="Groups" />
          <CheckboxField path={at("bias")} label="Bias" />
          <SelectField path={at("activation")} label="Activation" choices={ACTIVATION_CHOICES} />
          <InitFields path={path} />
        </>
      );
    case "maxpool":
    case "avgpool":
      return (
        <>
          <NumberField path={at("size")} label="Size" />
          <NumberField path={at("stride")} label="Stride" />
          <NumberField path={at("padding")} label="Padding" />
        </>
      );
    case "dense":
      return (
        <>
          <NumberField path={at("units")} label="Units" />
          <CheckboxField path={at("bias")} label="Bias" />
          <SelectField path={at("activation")} label="Activation" choices={ACTIVATION_CHOICES} />
          <InitFields path={path} />
        </>
      );
    case "dropout":
      return <NumberField path={at("rate")} label="Rate" />;
    case "batchnorm":
      return (
        <>
          <NumberField path={at("momentum")} label="Momentum" />
          <NumberField path={at("eps")} label="Epsilon" />
        </>
      );
    case "layernorm":
      return <NumberField path={at("eps")} label="Epsilon" />;
    case "activation":
      return (
        <>
          <SelectField path={at("fn")} label="Function" choices={named([...ACTIVATION_NAMES, "general_relu"])} allowDefault={false} />
          <NumberField path={at("negativeSlope")} label="Negative slope (leaky_relu, general_relu)" />
          <NumberField path={at("subtract")} label="Subtract (general_relu)" />
          <NumberField path={at("max")} label="Cap (general_relu)" />
        </>
      );
    case "residual":
      return (
        <>
          <SelectField
            path={[...path, "shortcut"]}
            label="Shortcut"
            choices={[
              { value: { type: "identity" }, label: "identity" },
              { value: { type: "projection", batchnorm: false }, label: "1×1 conv projection" },
              { value: { type: "projection", batchnorm: true }, label: "1×1 conv projection + batch norm" },
              { value: { type: "projection", pool: "avg", bias: true }, label: "average pool + 1×1 conv with bias (the course's ResBlock)" },
            ]}
          />
          <SelectField path={at("activation")} label="Activation after the sum" choices={ACTIVATION_CHOICES} />
        </>
      );
    case "globalavgpool":
    case "flatten":
      return null;
  }
}
