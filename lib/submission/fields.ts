import { z } from "zod";
import type { SpecIssue } from "@/lib/spec";
import { DEV_TRAIN_LIMIT_MAX } from "@/lib/spec/estimate";
import { userTextSchema } from "@/lib/text/user-text";

/** One problem with a submission, located by a dotted path such as `name` or `spec.model.layers.2.filters`. */
export type Issue = SpecIssue;

export const NAME_MAX_LENGTH = 100;
export const DESCRIPTION_MAX_LENGTH = 2000;
/** A development run trains on at most the training images before the development evaluation slice. */
function trainLimitField() {
  const message = `trainLimit must be a whole number of images from 1 to ${DEV_TRAIN_LIMIT_MAX}`;
  return z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(DEV_TRAIN_LIMIT_MAX, { error: message });
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
    trainLimit: trainLimitField().nullish(),
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
