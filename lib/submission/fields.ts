import { z } from "zod";
import type { SpecIssue } from "@/lib/spec";
import { userTextSchema } from "@/lib/text/user-text";

/** One problem with a submission, located by a dotted path such as `name` or `spec.model.layers.2.filters`. */
export type Issue = SpecIssue;

export const NAME_MAX_LENGTH = 100;
export const DESCRIPTION_MAX_LENGTH = 2000;
/** Development limits cannot ask for more images than the datasets hold. */
export const TRAIN_LIMIT_MAX = 60_000;
export const TEST_LIMIT_MAX = 10_000;

function limitField(field: string, max: number) {
  const message = `${field} must be a whole number of images from 1 to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(max, { error: message });
}

/**
 * The request every front door (the form's server action, POST /api/entries) reduces to.
 * `spec` is checked separately by lib/spec, so here it is only required to be present.
 */
export const submissionRequestSchema = z.strictObject(
  {
    name: userTextSchema("name", { max: NAME_MAX_LENGTH }),
    description: userTextSchema("description", { max: DESCRIPTION_MAX_LENGTH, multiline: true, optional: true }).default(""),
    spec: z.unknown().refine((value) => value !== undefined, { error: "spec is required" }),
    parentId: z.uuid({ error: "parentId must be an entry id (a UUID)" }).nullish(),
    trainLimit: limitField("trainLimit", TRAIN_LIMIT_MAX).nullish(),
    testLimit: limitField("testLimit", TEST_LIMIT_MAX).nullish(),
  },
  { error: "the request must be a JSON object" },
);

export type SubmissionRequest = z.infer<typeof submissionRequestSchema>;

/** Flattens zod's issues into `{ path, message }`, one per unknown key so each names its field. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...base, key].join("."), message: `${key} is not a known field` }));
    }
    return [{ path: base.join("."), message: issue.message }];
  });
}
