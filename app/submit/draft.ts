/**
 * The builder edits the spec as plain parsed JSON (a "draft"): it may be incomplete or invalid,
 * so every helper here copes with any value and never mutates its input.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = readonly (string | number)[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The dotted form used in issue paths: `["model", "layers", 2, "filters"]` → `model.layers.2.filters`. */
export function pathKey(path: Path): string {
  return path.join(".");
}

/**
 * How the form names a layer, from its dotted path: `model.layers.3.body.1` → `layers.3.body.1`.
 * Counted from 0 like the JSON and the problems' paths, in the builder and the layer-shapes table alike.
 */
export function layerLabel(key: string): string {
  return key.replace(/^model\./, "");
}

export function getAt(root: Json | undefined, path: Path): Json | undefined {
  let current: Json | undefined = root;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isObject(current) && typeof key === "string") current = current[key];
    else return undefined;
  }
  return current;
}

/** Returns a copy of `root` with the value at `path` replaced; `undefined` removes the key (the default applies). */
export function setAt(root: Json | undefined, path: Path, value: Json | undefined): Json | undefined {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === "number") {
    const array = Array.isArray(root) ? [...root] : [];
    const next = setAt(array[key], rest, value);
    if (next === undefined) array.splice(key, 1);
    else array[key] = next;
    return array;
  }
  const object: JsonObject = isObject(root) ? { ...root } : {};
  const next = setAt(object[key], rest, value);
  if (next === undefined) delete object[key];
  else object[key] = next;
  return object;
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [moved] = copy.splice(from, 1);
  if (moved !== undefined) copy.splice(to, 0, moved);
  return copy;
}

export function formatJson(value: Json | undefined): string {
  return JSON.stringify(value ?? null, null, 2);
}
