import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { decide, ROUTE_RULES } from "@/lib/auth/policy";
import { readJsonBody } from "@/lib/submission/request-body";
import { submitSubmission } from "@/lib/submission/submit";

/**
 * Submits an entry: `{ name, description?, spec, parentId?, trainLimit? }` (trainLimit with CATWALK_DEV_LIMITS=1:
 * a development run, evaluated on the training set's development slice; any other field, testLimit included, is a 422).
 * 201 `{ entryId, runId, duplicate: false }`; 409 `{ error, entryId, runId }` when the same spec was just submitted; 401 signed out; 413 body over 64 KiB;
 * 422 `{ issues: [{ path, message }] }`; 429 `{ message }` over a quota.
 */
export async function POST(request: Request): Promise<NextResponse> {
  const user = await getCurrentUser();
  if (!decide(ROUTE_RULES["POST /api/entries"], user).allowed) return NextResponse.json({ message: "Sign in to submit an entry." }, { status: 401 });
  const body = await readJsonBody(request);
  if (!body.ok) {
    return body.status === 413
      ? NextResponse.json({ message: body.message }, { status: 413 })
      : NextResponse.json({ issues: body.issues }, { status: 422 });
  }
  const outcome = await submitSubmission(user, body.value, "value");
  switch (outcome.kind) {
    case "created":
      return NextResponse.json({ entryId: outcome.entryId, runId: outcome.runId, duplicate: false }, { status: 201 });
    case "duplicate":
      return NextResponse.json({ error: outcome.message, entryId: outcome.entryId, runId: outcome.runId }, { status: 409 });
    case "signed_out":
      return NextResponse.json({ message: outcome.message }, { status: 401 });
    case "invalid":
      return NextResponse.json({ issues: outcome.issues }, { status: 422 });
    case "refused":
      return NextResponse.json({ message: outcome.message }, { status: 429 });
  }
}
