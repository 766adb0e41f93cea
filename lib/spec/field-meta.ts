/**
 * The spec's field metadata, read from the JSON Schema that zod generates from `schema.ts`:
 * each field's title, description, default and allowed values. The builder labels its fields
 * with it and docs/spec.md's field tables are generated from it, so neither keeps a copy.
 */
import { z } from "zod";
import { specJsonSchema } from "./json-schema";
import { entrySpecSchema } from "./schema";

/** The part of a draft-07 JSON Schema that zod writes for the spec. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaNode | SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  definitions?: Record<string, SchemaNode>;
}

export type FieldPath = readonly (string | number)[];

let root: SchemaNode | undefined;

const CHILD_KEYS = ["properties", "items", "anyOf", "oneOf", "definitions"] as const;

/**
 * Copies into `input` the defaults zod leaves out of the input JSON Schema where a transform
 * follows (the budgets', a shortcut's), from the output JSON Schema of the same structure.
 */
function addOutputDefaults(input: SchemaNode, output: SchemaNode | undefined): void {
  if (!output) return;
  if (!("default" in input) && "default" in output) input.default = output.default;
  for (const key of CHILD_KEYS) {
    const inner = input[key] as Record<string, SchemaNode> | SchemaNode | undefined;
    const outer = output[key] as Record<string | number, SchemaNode | undefined> | undefined;
    if (!inner || !outer) continue;
    if (key === "items" && !Array.isArray(inner)) addOutputDefaults(inner as SchemaNode, outer as SchemaNode);
    else for (const [name, node] of Object.entries(inner)) addOutputDefaults(node, outer[name]);
  }
}

/** The JSON Schema of the spec as participants write it (defaults optional), with every default, made once. */
export function specSchema(): SchemaNode {
  if (!root) {
    root = specJsonSchema() as SchemaNode;
    addOutputDefaults(root, z.toJSONSchema(entrySpecSchema, { io: "output", target: "draft-7", unrepresentable: "any" }) as SchemaNode);
  }
  return root;
}

/** The node a `$ref` points at (zod refers only into its own `definitions`). */
export function deref(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace(/^#\/definitions\//, "");
  const target = specSchema().definitions?.[name];
  if (!target) throw new Error(`unknown reference ${node.$ref}`);
  return target;
}

/** The alternatives a value may take, nested unions flattened: `[node]` for a node that is no union. */
export function branches(node: SchemaNode): SchemaNode[] {
  const resolved = deref(node);
  const options = resolved.oneOf ?? resolved.anyOf;
  return options ? options.flatMap(branches) : [resolved];
}

/** The fields of an object alternative whose value is fixed (`type`, an activation's `fn`): they say which kind it is. */
export function kindOf(branch: SchemaNode): Record<string, unknown> {
  return Object.fromEntries(Object.entries(branch.properties ?? {}).flatMap(([key, field]) => ("const" in field ? [[key, field.const]] : [])));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A union's object alternatives that the value's fixed fields fit (a conv2d layer's, not a dense one's); all of a plain object's. */
function alternatives(node: SchemaNode, value: unknown): SchemaNode[] {
  const options = branches(node);
  const objects = options.filter((option) => option.properties !== undefined);
  if (options.length === 1) return objects;
  return objects.filter((option) => isRecord(value) && Object.entries(kindOf(option)).every(([key, fixed]) => value[key] === fixed));
}

function child(node: SchemaNode, key: string | number, value: unknown): SchemaNode | undefined {
  if (typeof key === "string") return alternatives(node, value).find((option) => option.properties && key in option.properties)?.properties?.[key];
  const list = branches(node).find((option) => option.type === "array" && option.items !== undefined);
  const items = list?.items;
  if (!Array.isArray(items)) return items;
  const item = items[key];
  // A pair's ends share the pair's description.
  return item && { description: node.description, ...item };
}

/**
 * The schema of the field at `path` in a spec, choosing among a union's alternatives by the value
 * `valueAt` gives for each enclosing object; undefined where that kind of object has no such field.
 */
export function fieldAt(path: FieldPath, valueAt: (prefix: FieldPath) => unknown): SchemaNode | undefined {
  let node: SchemaNode | undefined = specSchema();
  for (let index = 0; index < path.length && node; index += 1) node = child(node, path[index]!, valueAt(path.slice(0, index)));
  return node;
}

/** The field names the object at `path` may have, for its kind. */
export function fieldNamesAt(path: FieldPath, valueAt: (prefix: FieldPath) => unknown): string[] {
  const node = fieldAt(path, valueAt);
  return node ? alternatives(node, valueAt(path)).flatMap((option) => Object.keys(option.properties ?? {})) : [];
}

/** A number as the docs and the builder write it: large integers with thousands separators. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) >= 10_000 ? value.toLocaleString("en-US") : String(value);
}

/** A number range such as `1 … 1024`, `0 ≤ x < 1` or `> 0`; "" when unbounded. */
export function numberRange(node: SchemaNode): string {
  // ±Number.MAX_VALUE only says "finite", ±MAX_SAFE_INTEGER "a safe integer".
  const bound = (value: number | undefined) => (value === undefined || Math.abs(value) === Number.MAX_VALUE || Math.abs(value) === Number.MAX_SAFE_INTEGER ? undefined : value);
  const low = bound(node.exclusiveMinimum ?? node.minimum);
  const high = bound(node.exclusiveMaximum ?? node.maximum);
  const lowSign = node.exclusiveMinimum === undefined ? "≤" : "<";
  const highSign = node.exclusiveMaximum === undefined ? "≤" : "<";
  if (low !== undefined && high !== undefined) {
    return lowSign === "≤" && highSign === "≤" ? `${formatNumber(low)} … ${formatNumber(high)}` : `${formatNumber(low)} ${lowSign} x ${highSign} ${formatNumber(high)}`;
  }
  if (low !== undefined) return `${lowSign === "≤" ? "≥" : ">"} ${formatNumber(low)}`;
  if (high !== undefined) return `${highSign} ${formatNumber(high)}`;
  return "";
}

const isNumeric = (node: SchemaNode) => node.type === "number" || node.type === "integer";

/** The values a field's alternatives allow, in words: `"same", "valid" or 0 … 5`, `> 0 or null`. */
export function allowedValues(node: SchemaNode): string {
  const parts = branches(node).flatMap((option) => {
    if ("const" in option) return JSON.stringify(option.const);
    if (option.enum) return option.enum.map((value) => JSON.stringify(value));
    if (isNumeric(option)) return numberRange(option) || `any ${option.type}`;
    if (option.type === "boolean") return "true or false";
    return option.type ?? "";
  });
  return either(parts);
}

/** Joined with commas and a final "or": `a, b or c`. */
export const either = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}` : (parts[0] ?? ""));

/** The choices of a field with fixed values (an enum, a constant, null), in order; [] for any other field. */
export function fixedChoices(node: SchemaNode): unknown[] {
  const options = branches(node);
  const fixed = options.map((option) => ("const" in option ? [option.const] : option.enum ? option.enum : option.type === "null" ? [null] : undefined));
  return fixed.every((values) => values !== undefined) ? fixed.flat() : [];
}
