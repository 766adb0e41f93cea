"use client";

import { useEffect, useRef } from "react";
import { clearDraft, saveDraft, type SavedDraft } from "./saved-draft";

type Snapshot = Omit<SavedDraft, "savedAt">;

/**
 * Keeps the form's draft in local storage from the first edit on, and forgets it once a submission
 * went through: the form then leaves for the new entry's page without an answer (`answer` is the
 * server's last one).
 */
export function useSavedDraft(snapshot: Snapshot, answer: unknown) {
  const edited = useRef(false);
  const awaitingAnswer = useRef(false);

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
    edited: () => void (edited.current = true),
    submitted: () => void (awaitingAnswer.current = true),
    forget: () => {
      clearDraft();
      edited.current = false;
    },
  };
}
