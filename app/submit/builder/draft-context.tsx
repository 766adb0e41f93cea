"use client";

import { createContext, useContext } from "react";
import { type SchemaNode, fieldAt, fieldNamesAt } from "@/lib/spec/field-meta";
import { getAt, isObject, type Json, type Path } from "../draft";

interface DraftEditor {
  /** The last spec JSON that parsed: what the builder shows. */
  draft: Json | undefined;
  /**
   * The normalised spec (defaults filled in): its values are the builder's placeholders. While the
   * draft is invalid it is the last valid spec's, which almost always has the same structure.
   */
  normalized: unknown;
  /** Whether `normalized` is the draft's own (false: it is the last valid spec's). */
  current: boolean;
  update: (path: Path, value: Json | undefined) => void;
}

const DraftContext = createContext<DraftEditor>({ draft: undefined, normalized: undefined, current: false, update: () => {} });

export const DraftProvider = DraftContext.Provider;

export function useDraft(): DraftEditor {
  return useContext(DraftContext);
}

/**
 * Whether the last valid spec's defaults still describe `path`: the nearest enclosing object with a
 * `type` (a layer, the optimizer, the schedule) is of the same kind in both. A layer inserted or
 * retyped in the JSON makes them differ, and then the other kind's defaults would mislead.
 */
function sameKind(draft: Json | undefined, normalized: Json | undefined, path: Path): boolean {
  for (let length = path.length - 1; length >= 0; length -= 1) {
    const own = getAt(draft, path.slice(0, length));
    if (isObject(own) && "type" in own) {
      const last = getAt(normalized, path.slice(0, length));
      return isObject(last) && last.type === own.type;
    }
  }
  return true;
}

/** Reads the draft at a path, or the last valid spec where the draft has nothing (a default). */
function useValueAt() {
  const { draft, normalized } = useDraft();
  return (prefix: Path) => getAt(draft, prefix) ?? getAt(normalized as Json | undefined, prefix);
}

/**
 * The schema's metadata for the field at `path` (title, description, allowed values) for the kinds
 * the draft has chosen; undefined where an object of that kind has no such field.
 */
export function useFieldMeta(path: Path): SchemaNode | undefined {
  return fieldAt(path, useValueAt());
}

/** The field names the schema allows in the object at `path`, for its kind. */
export function useFieldNames(path: Path): string[] {
  return fieldNamesAt(path, useValueAt());
}

/** The draft value at `path`, what the builder shows when it is absent (the default, when known), and a setter. */
export function useDraftValue(path: Path) {
  const { draft, normalized, current, update } = useDraft();
  const known = current || sameKind(draft, normalized as Json | undefined, path);
  return {
    value: getAt(draft, path),
    fallback: known ? getAt(normalized as Json | undefined, path) : undefined,
    current,
    set: (value: Json | undefined) => update(path, value),
  };
}
