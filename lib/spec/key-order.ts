/**
 * The spec's keys in the order the reference declares them (the zod schema's declaration order,
 * which docs/spec.md follows), whatever order they were stored in: PostgreSQL's jsonb keeps keys
 * sorted by length, so a spec read back from the database starts with "seed" and "data".
 * Only the order changes; values and unknown keys are kept (unknown keys last, as they were).
 */
import type { z } from "zod";
import { entrySpecSchema } from "./schema";

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
  items?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under defaults, nullability, transforms and lazy getters. */
function unwrap(schema: z.ZodType): Def {
  let def = defOf(schema);
  for (;;) {
    if (def.innerType) def = defOf(def.innerType);
    else if (def.type === "pipe" && def.in) def = defOf(def.in);
    else if (def.type === "lazy" && def.getter) def = defOf(def.getter());
    else return def;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether `value` could be this option of a union: its literal and enum fields agree and it has no other keys. */
function fits(def: Def, value: Record<string, unknown>): boolean {
  if (def.type === "union") return (def.options ?? []).some((option) => fits(unwrap(option), value));
  if (def.type !== "object" || !def.shape) return false;
  const shape = def.shape;
  if (!Object.keys(value).every((key) => key in shape)) return false;
  return Object.entries(shape).every(([key, field]) => !(key in value) || admitsChoice(field, value[key]));
}

/** Whether a literal or enum field (what tells a union's options apart) admits `value`; other fields admit anything. */
function admitsChoice(field: z.ZodType, value: unknown): boolean {
  const def = defOf(field);
  if (def.type === "nullable" && value === null) return true;
  if (def.innerType) return admitsChoice(def.innerType, value);
  if (def.type === "literal") return (def.values ?? []).includes(value);
  if (def.type === "enum") return Object.values(def.entries ?? {}).includes(value);
  return true;
}

function ordered(schema: z.ZodType, value: unknown): unknown {
  const def = unwrap(schema);
  if (Array.isArray(value)) {
    if (def.type === "array" && def.element) return value.map((item) => ordered(def.element!, item));
    if (def.type === "tuple" && def.items) return value.map((item, index) => (def.items![index] ? ordered(def.items![index], item) : item));
    return value;
  }
  if (!isRecord(value)) return value;
  if (def.type === "union") {
    const option = (def.options ?? []).find((candidate) => fits(unwrap(candidate), value));
    return option ? ordered(option, value) : value;
  }
  if (def.type !== "object" || !def.shape) return value;
  const shape = def.shape;
  const declared = Object.keys(shape).filter((key) => key in value);
  const unknown = Object.keys(value).filter((key) => !(key in shape));
  return Object.fromEntries([...declared.map((key) => [key, ordered(shape[key]!, value[key])]), ...unknown.map((key) => [key, value[key]])]);
}

/** `spec` with its keys in the reference's order at every level. */
export function inReferenceOrder<T>(spec: T): T {
  return ordered(entrySpecSchema, spec) as T;
}

/** The spec as people read and download it: reference key order, two-space indentation. */
export function specText(spec: unknown): string {
  return `${JSON.stringify(inReferenceOrder(spec), null, 2)}\n`;
}
