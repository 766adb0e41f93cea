/**
 * THE entry point for checking a spec: the form (live, in the browser), the API, the
 * worker and the CLI all call these. They never throw.
 */
import { type SpecAnalysis, analyzeSpec } from "./analyze";
import { inputBoundsIssue } from "./input-bounds";
import { type SpecIssue, fromZodIssues, issueAt, specErrorMap } from "./issues";
import { readJsonText } from "./json-text";
import { type EntrySpec, SUPPORTED_SPEC_VERSIONS, entrySpecSchema } from "./schema";

export type CheckResult = { ok: true; spec: EntrySpec; analysis: SpecAnalysis } | { ok: false; issues: SpecIssue[] };

const rejected = (issues: SpecIssue[]): CheckResult => ({ ok: false, issues });

/** An unsupported version is the only thing worth saying: the rest of the document follows another format. */
function versionIssue(input: unknown): SpecIssue | null {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return null;
  const supported = `supported versions: ${SUPPORTED_SPEC_VERSIONS.join(", ")}`;
  if (!Object.hasOwn(input, "version")) return issueAt("version", `required: the spec format version (${supported})`);
  const version: unknown = (input as { version: unknown }).version;
  if (typeof version === "number" && SUPPORTED_SPEC_VERSIONS.includes(version)) return null;
  const shown = typeof version === "string" && version.length <= 20 ? JSON.stringify(version) : String(typeof version === "number" ? version : typeof version);
  return issueAt("version", `unsupported spec version ${shown}; ${supported}`);
}

function check(input: unknown): CheckResult {
  const bounds = inputBoundsIssue(input);
  if (bounds) return rejected([bounds]);
  const version = versionIssue(input);
  if (version) return rejected([version]);
  const parsed = entrySpecSchema.safeParse(input, { error: specErrorMap });
  if (!parsed.success) return rejected(fromZodIssues(parsed.error.issues));
  const { analysis, issues } = analyzeSpec(parsed.data);
  return issues.length > 0 ? rejected(issues) : { ok: true, spec: parsed.data, analysis };
}

function unexpected(error: unknown): CheckResult {
  const reason = error instanceof Error ? error.message : String(error);
  return rejected([issueAt("", `the spec could not be checked (${reason.slice(0, 200)})`)]);
}

/** Validates and normalises a spec value, then analyses it. */
export function checkSpec(input: unknown): CheckResult {
  try {
    return check(input);
  } catch (error) {
    return unexpected(error);
  }
}

/** Like checkSpec, for JSON text: size and nesting are limited before parsing. */
export function checkSpecText(text: string): CheckResult {
  try {
    if (typeof text !== "string") return rejected([issueAt("", "the spec must be JSON text")]);
    const read = readJsonText(text);
    return read.ok ? check(read.value) : rejected([read.issue]);
  } catch (error) {
    return unexpected(error);
  }
}
