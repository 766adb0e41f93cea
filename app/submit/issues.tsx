"use client";

import { createContext, useContext } from "react";
import type { Issue } from "@/lib/submission/fields";
import { pathKey, type Path } from "./draft";

/** Issues of the spec being edited, with paths relative to the spec (`model.layers.0.filters`). */
const IssuesContext = createContext<readonly Issue[]>([]);

export const IssuesProvider = IssuesContext.Provider;

export function useIssuesAt(path: Path): Issue[] {
  const key = pathKey(path);
  return useContext(IssuesContext).filter((issue) => issue.path === key);
}

/** Issues for keys of the object at `path` that have no field of their own in the builder (unknown keys, say). */
export function useIssuesUnder(path: Path, shownKeys: readonly string[]): Issue[] {
  const prefix = path.length === 0 ? "" : `${pathKey(path)}.`;
  return useContext(IssuesContext).filter((issue) => {
    if (!issue.path.startsWith(prefix)) return false;
    const rest = issue.path.slice(prefix.length).split(".");
    return rest.length === 1 && !shownKeys.includes(rest[0] ?? "");
  });
}

/** The messages shown beside one field; its id is what the field's aria-describedby points at. */
export function IssueMessages({ id, issues }: { id?: string; issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} role="alert" className="mt-1 space-y-0.5 text-sm text-red-700">
      {issues.map((issue, i) => (
        <li key={i}>{issue.message}</li>
      ))}
    </ul>
  );
}
