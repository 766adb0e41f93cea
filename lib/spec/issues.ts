import type { z } from "zod";

/** One problem with a spec. `path` is dotted from the spec's root (`model.layers.2.filters`); "" is the whole document. */
export interface SpecIssue {
  path: string;
  message: string;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

export function issueAt(path: readonly PropertyKey[] | string, message: string): SpecIssue {
  return { path: typeof path === "string" ? path : joinPath(path), message };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a string" : JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a non-finite number";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, small: boolean): string {
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === "array") return small ? `must have at least ${limit} item(s)` : `must have at most ${limit} item(s)`;
  if (issue.origin === "string") return small ? `must be at least ${limit} characters` : `must be at most ${limit} characters`;
  if (small) return issue.inclusive === false ? `must be greater than ${limit}` : `must be at least ${limit}`;
  return issue.inclusive === false ? `must be less than ${limit}` : `must be at most ${limit}`;
}

/** A message a participant can act on, for every kind of zod issue the spec schema produces. */
function messageFor(issue: z.core.$ZodRawIssue): string {
  const got = describe(issue.input);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `required (${issue.expected})`;
      if (issue.expected === "int") return `must be an integer, got ${got}`;
      return `must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}, got ${got}`;
    case "too_small":
      return `${bound(issue, true)}, got ${issue.origin === "array" ? `${(issue.input as unknown[]).length}` : got}`;
    case "too_big":
      return `${bound(issue, false)}, got ${issue.origin === "array" ? `${(issue.input as unknown[]).length}` : got}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${listOf(issue.values)}, got ${got}`
        : `must be one of ${listOf(issue.values)}, got ${got}`;
    case "invalid_union": {
      const union = issue as { discriminator?: string; options?: unknown[] };
      if (union.discriminator !== undefined) {
        // The issue's input is the whole object; its path already ends at the discriminator.
        const value = typeof issue.input === "object" && issue.input !== null ? (issue.input as Record<string, unknown>)[union.discriminator] : undefined;
        const options = listOf(union.options ?? []);
        return value === undefined ? `required: one of ${options}` : `unknown ${union.discriminator} ${describe(value)}; expected one of ${options}`;
      }
      return `invalid value ${got}`;
    }
    case "unrecognized_keys":
      return "unknown field";
    default:
      return issue.message ?? `invalid value ${got}`;
  }
}

/** Zod error map for parsing specs: used per parse, so it never changes zod's global configuration. */
export const specErrorMap: z.core.$ZodErrorMap = (issue) => messageFor(issue);

/** Zod issues to SpecIssues; an unknown-keys issue becomes one issue per key, at that key's path. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): SpecIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => issueAt([...issue.path, key], `unknown field "${key}"`));
    }
    return [issueAt(issue.path, issue.message)];
  });
}
