"use client";

import { useEffect, useRef, useState } from "react";
import { clearDraft, loadDraft, saveDraft, type SavedDraft } from "./saved-draft";

type Snapshot = Omit<SavedDraft, "savedAt">;

/**
 * Keeps the form's draft in local storage from the first edit on, brings it back when the form
 * opens (unless it opens on an entry to fork), and forgets it once a submission went through: the
 * form then leaves for the new entry's page without an answer (`answer` is the server's last one).
 */
export function useSavedDraft(snapshot: Snapshot, answer: unknown, restoreOnOpen: boolean, restore: (saved: SavedDraft) => void) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const edited = useRef(false);
  const awaitingAnswer = useRef(false);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  useEffect(() => {
    // After hydration: the server renders the form without the browser's storage.
    const saved = restoreOnOpen ? loadDraft() : null;
    if (!saved) return;
    restoreRef.current(saved);
    setRestoredAt(saved.savedAt);
  }, [restoreOnOpen]);

  const { text, fields, parent, loaded } = snapshot;
  useEffect(() => {
    if (edited.current) saveDraft({ text, fields, parent, loaded });
  }, [text, fields, parent, loaded]);

  useEffect(() => {
    awaitingAnswer.current = false;
  }, [answer]);

  useEffect(
    () => () => {
      if (awaitingAnswer.current) clearDraft();
    },
    [],
  );

  return {
    restoredAt,
    edited: () => void (edited.current = true),
    submitted: () => void (awaitingAnswer.current = true),
    forget: () => {
      clearDraft();
      edited.current = false;
      setRestoredAt(null);
    },
  };
}
