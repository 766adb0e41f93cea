/**
 * The form's unsent draft in the browser's local storage, so that signing in, a reload or a closed
 * tab never loses it. Local storage is this browser's own: nothing here reaches the server until
 * the participant submits, and what is read back is checked like any other typed input.
 */
import type { EntryFieldValues } from "./entry-fields";

export interface SavedDraft {
  text: string;
  fields: EntryFieldValues;
  parent: { id: string; name: string } | undefined;
  /** What "Start from" last loaded (`example:slug`, `entry:id`), or "" for none. */
  loaded: string;
  savedAt: string;
}

const KEY = "catwalk:submit-draft:v1";

const isString = (value: unknown): value is string => typeof value === "string";

function parse(raw: string | null): SavedDraft | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<SavedDraft> | null;
    const fields = value?.fields;
    const parent = value?.parent;
    if (!value || !isString(value.text) || !isString(value.savedAt) || !isString(value.loaded) || !fields) return null;
    if (!isString(fields.name) || !isString(fields.description) || !isString(fields.trainLimit)) return null;
    if (parent !== undefined && (!isString(parent?.id) || !isString(parent?.name))) return null;
    const { text, loaded, savedAt } = value;
    return { text, fields: { name: fields.name, description: fields.description, trainLimit: fields.trainLimit }, parent, loaded, savedAt };
  } catch {
    return null;
  }
}

/** Storage may be switched off or full (private windows): the form then works as before, without a saved draft. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(): SavedDraft | null {
  return parse(storage()?.getItem(KEY) ?? null);
}

export function saveDraft(draft: Omit<SavedDraft, "savedAt">): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // Over quota: the draft stays in the page only.
  }
}

export function clearDraft(): void {
  storage()?.removeItem(KEY);
}
