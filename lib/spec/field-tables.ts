/**
 * docs/spec.md's field tables, generated from the schema's metadata (`npm run docs:spec`). Each
 * table sits between `<!-- generated:fields NAME -->` and `<!-- /generated:fields -->`; the prose
 * around them is written by hand.
 */
import { type FieldPath, type SchemaNode, allowedValues, branches, deref, either, fieldAt, kindOf, numberRange } from "./field-meta";

interface TableSource {
  /** Where in the spec the table's object (or union of objects) is. */
  path: FieldPath;
  /** The first column's heading for a union: which kind each row belongs to. */
  kind?: string;
  /** List the fields of nested objects too (`init.weight`), except these fields (a warm-up's `then` has its own table). */
  nested: boolean;
  except?: readonly string[];
}

const TABLES: Record<string, TableSource> = {
  "top-level": { path: [], nested: false },
  layers: { path: ["model", "layers", 0], kind: "layer", nested: true },
  loss: { path: ["loss"], nested: true },
  optimizer: { path: ["optimizer"], kind: "optimizer", nested: true },
  schedule: { path: ["schedule"], kind: "schedule", nested: true, except: ["then"] },
  data: { path: ["data"], nested: true },
  augmentations: { path: ["data", "augment", 0], kind: "augmentation", nested: true },
};

interface Row {
  kinds: string[];
  cells: [field: string, value: string, range: string, fallback: string, description: string];
}

const code = (text: string) => `\`${text}\``;
const json = (value: unknown) => JSON.stringify(value).replace(/([,:])(?=["{[\w-])/g, "$1 ");

/** A union of objects told apart by one fixed field, in words: object with `type` `"sgd"`, `"adam"` or `"adamw"`. */
function kindsText(options: SchemaNode[]): string | undefined {
  const kinds = options.map(kindOf);
  const [key, ...others] = Object.keys(kinds[0] ?? {});
  if (options.length < 2 || key === undefined || others.length > 0 || !kinds.every((kind) => Object.keys(kind).join() === key)) return undefined;
  return `object with ${code(key)} ${either(kinds.map((kind) => code(json(kind[key]))))}`;
}

function valueText(node: SchemaNode): string {
  const kinds = kindsText(branches(node));
  if (kinds) return kinds;
  const parts = branches(node).flatMap((option) => {
    if ("const" in option) return code(json(option.const));
    if (option.enum) return option.enum.map((value) => code(json(value)));
    if (option.type === "null") return code("null");
    if (option.type === "array") {
      if (Array.isArray(option.items)) return `[${option.items.map(valueText).join(", ")}]`;
      const items = option.items && deref(option.items);
      return items?.title ? `list of ${items.title.toLowerCase()}s` : `list of ${items ? valueText(items) : "values"}`;
    }
    if (option.type === "object") {
      const kinds = Object.entries(kindOf(option));
      return kinds.length > 0 ? `object with ${kinds.map(([key, value]) => `${code(key)} ${code(json(value))}`).join(", ")}` : "object";
    }
    return option.type ?? "";
  });
  return either(parts);
}

function rangeText(node: SchemaNode): string {
  return branches(node)
    .map((option) => {
      if (option.type !== "array") return numberRange(option);
      if (Array.isArray(option.items)) {
        const ends = [...new Set(option.items.map(allowedValues))];
        return ends.length === 1 ? `each ${ends[0]}` : ends.join(", ");
      }
      if (option.minItems !== undefined && option.maxItems !== undefined) return `${option.minItems} … ${option.maxItems} items`;
      if (option.minItems !== undefined) return `at least ${option.minItems} item${option.minItems === 1 ? "" : "s"}`;
      if (option.maxItems !== undefined) return `at most ${option.maxItems} items`;
      return "";
    })
    .filter((text) => text !== "")
    .join("; ");
}

const objectBranches = (node: SchemaNode) => branches(node).filter((option) => option.type === "object" && option.properties);
const isPlainObject = (node: SchemaNode) => branches(node).length === 1 && objectBranches(node).length === 1;

/** The rows of one field: its own, then (for a table with nested fields) its object's fields, `init.weight`. */
function fieldRows(key: string, node: SchemaNode, required: boolean, source: TableSource): Row["cells"][] {
  const fallback = required ? "required" : "default" in node ? code(json(node.default)) : "—";
  const own: Row["cells"] = [code(key), valueText(node), rangeText(node), fallback, node.description ?? ""];
  if (!source.nested || source.except?.includes(key)) return [own];
  const nested = objectBranches(node).flatMap((option) => objectRows(option, `${key}.`, source, true));
  return isPlainObject(node) ? nested : [own, ...nested];
}

/** The rows of an object's fields; with `kindless`, not those that name a union member's kind (a layer's `type`). */
function objectRows(object: SchemaNode, prefix: string, source: TableSource, kindless: boolean): Row["cells"][] {
  const kind = kindOf(object);
  return Object.entries(object.properties ?? {}).flatMap(([key, node]) => {
    const required = object.required?.includes(key) ?? false;
    return kindless && required && key in kind ? [] : fieldRows(`${prefix}${key}`, node, required, source);
  });
}

/** The rows of a table; a field that several kinds share alike is one row naming them all. */
function tableRows(source: TableSource): Row[] {
  const node = fieldAt(source.path, () => undefined);
  if (!node) throw new Error(`no schema at ${source.path.join(".") || "the top level"}`);
  const rows = new Map<string, Row>();
  for (const option of objectBranches(node)) {
    const kinds = source.kind ? Object.values(kindOf(option)).map(String) : [];
    // An activation layer's kind is its `type` and its `fn`: `activation` (`leaky_relu`).
    const label = kinds.map((kind, index) => (index === 0 ? code(kind) : ` (${code(kind)})`)).join("");
    for (const cells of objectRows(option, "", source, source.kind !== undefined)) {
      const same = rows.get(JSON.stringify(cells));
      if (same) same.kinds.push(label);
      else rows.set(JSON.stringify(cells), { kinds: [label], cells });
    }
  }
  return [...rows.values()];
}

const escapeCell = (text: string) => text.replaceAll("|", "\\|");

/** The Markdown table named `name`. */
export function fieldTable(name: string): string {
  const source = TABLES[name];
  if (!source) throw new Error(`no field table named "${name}"; the tables are ${Object.keys(TABLES).join(", ")}`);
  const heading = ["field", "value", "range", "default", "description"];
  const lines = (cells: string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  const head = source.kind ? [source.kind, ...heading] : heading;
  const body = tableRows(source).map((row) => lines(source.kind ? [row.kinds.join(", "), ...row.cells] : row.cells));
  return [lines(head), lines(head.map(() => "---")), ...body].join("\n");
}

const REGION = /(<!-- generated:fields ([\w-]+) [^\n]*-->\n)[\s\S]*?(<!-- \/generated:fields -->)/g;

/** The document with every generated region rewritten from the schema; the rest is kept as is. */
export function regenerateFieldTables(document: string): string {
  return document.replace(REGION, (_, open: string, name: string, close: string) => `${open}\n${fieldTable(name)}\n\n${close}`);
}

/** The names of the document's generated regions, in order. */
export function fieldTableNames(document: string): string[] {
  return [...document.matchAll(REGION)].map((match) => match[2]!);
}

export const FIELD_TABLE_NAMES = Object.keys(TABLES);
