import { checkSpec, checkSpecText, type SpecAnalysis } from "@/lib/spec";
import type { EntrySpec } from "@/lib/spec/schema";
import { issuesFromZod, submissionRequestSchema, type Issue, type SubmissionRequest } from "./fields";

/** How the request carries its spec: JSON text (the form's editor) or an already parsed value (the API's body). */
export type SpecFormat = "text" | "value";

export interface ValidSubmission extends Omit<SubmissionRequest, "spec"> {
  /** The normalised spec: what is hashed, stored and trained. */
  spec: EntrySpec;
  analysis: SpecAnalysis;
}

export type ValidationResult = { ok: true; submission: ValidSubmission } | { ok: false; issues: Issue[] };

function asObject(raw: unknown): Record<string, unknown> {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * Everything but the spec's content: name, description, parentId, the development limit
 * (refused unless enabled) and the presence of a spec. The form runs this live in the browser too.
 */
export function checkFields(raw: unknown, options: { devLimits: boolean }): { data?: SubmissionRequest; issues: Issue[] } {
  const fields = submissionRequestSchema.safeParse(raw);
  const issues = fields.success ? [] : issuesFromZod(fields.error);
  if (!options.devLimits && asObject(raw).trainLimit != null) {
    issues.push({ path: "trainLimit", message: "trainLimit is accepted only when the server runs with CATWALK_DEV_LIMITS=1 (development runs, never ranked)" });
  }
  return { data: fields.success ? fields.data : undefined, issues };
}

function checkSubmittedSpec(spec: unknown, format: SpecFormat) {
  if (format === "value") return checkSpec(spec);
  if (typeof spec !== "string") return { ok: false as const, issues: [{ path: "", message: "must be JSON text" }] };
  return checkSpecText(spec);
}

/** Spec issue paths are relative to the spec; in a submission they sit under `spec`. */
export const underSpec = (issue: Issue): Issue => ({ path: issue.path === "" ? "spec" : `spec.${issue.path}`, message: issue.message });

/** Checks a whole submission and reports every problem at once, the spec's under `spec.`. */
export function validateSubmission(raw: unknown, format: SpecFormat, options: { devLimits: boolean }): ValidationResult {
  const fields = checkFields(raw, options);
  const specValue = asObject(raw).spec;
  // A missing spec is reported by checkFields; a present one is checked by lib/spec.
  const spec = specValue === undefined ? undefined : checkSubmittedSpec(specValue, format);
  const issues = spec && !spec.ok ? [...fields.issues, ...spec.issues.map(underSpec)] : fields.issues;
  if (issues.length > 0 || !fields.data || !spec?.ok) return { ok: false, issues };
  return { ok: true, submission: { ...fields.data, spec: spec.spec, analysis: spec.analysis } };
}
