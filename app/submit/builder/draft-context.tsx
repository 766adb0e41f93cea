"use client";

import { createContext, useContext } from "react";
import { getAt, type Json, type Path } from "../draft";

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
  /** True while the JSON text does not parse: editing then would overwrite the user's text. */
  readOnly: boolean;
}

const DraftContext = createContext<DraftEditor>({ draft: undefined, normalized: undefined, current: false, update: () => {}, readOnly: true });

export const DraftProvider = DraftContext.Provider;

export function useDraft(): DraftEditor {
  return useContext(DraftContext);
}

/** The draft value at `path`, what the builder shows when it is absent (the default), and a setter. */
export function useDraftValue(path: Path) {
  const { draft, normalized, current, update, readOnly } = useDraft();
  return {
    value: getAt(draft, path),
    fallback: getAt(normalized as Json | undefined, path),
    current,
    set: (value: Json | undefined) => update(path, value),
    readOnly,
  };
}
