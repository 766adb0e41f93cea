"use client";

import { useMemo, useSyncExternalStore } from "react";
import { loadDraft } from "./saved-draft";
import { SubmitForm, type SubmitFormProps } from "./submit-form";

const subscribeToNothing = () => () => {};

/**
 * The form, opened on the draft this browser saved (unless it opens on an entry to fork). The server
 * renders it without the browser's storage; once in the browser, a saved draft replaces that render.
 */
export function DraftedSubmitForm(props: Omit<SubmitFormProps, "saved">) {
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const restoring = inBrowser && !props.parent;
  const saved = useMemo(() => (restoring ? loadDraft() : null), [restoring]);
  return <SubmitForm key={saved ? "saved" : "fresh"} {...props} saved={saved} />;
}
