import { NextResponse } from "next/server";
import { getApiCaller } from "@/lib/auth";
import { decide, ROUTE_RULES } from "@/lib/auth/policy";
import { env } from "@/lib/env";
import { edgeLimits } from "@/lib/http/limits";
import { apiRateRefusal } from "@/lib/http/rate-limits";
import { readJsonBody } from "@/lib/submission/request-body";
import { submitSubmission } from "@/lib/submission/submit";

/**
 * Submits an entry: `{ name, description?, spec, parentId?, trainLimit? }` (trainLimit with CATWALK_DEV_LIMITS=1:
 * a development run, evaluated on the training set's development slice; any other field, testLimit included, is a 422).
 * The caller is the signed-in browser or, with `Authorization: Bearer <token>`, a personal API token's owner.
 * 201 `{ entryId, runId, duplicate: false }`; 409 `{ error, entryId, runId }` when the same spec was just submitted;
 * 401 signed out or an unknown or revoked token; 413 body over 64 KiB; 422 `{ issues: [{ path, message }] }`;
 * 429 `{ message }` over a quota or a rate limit.
 */
export async function POST(request: Request): Promise<NextResponse> {
  const caller = await getApiCaller(request);
  if ("invalid_token" in caller) {
    return NextResponse.json(
      { message: "Authorization: this API token is unknown or has been revoked; create a new one on /settings/tokens." },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
    );
  }
  const { user, via } = caller;
  if (!decide(ROUTE_RULES["POST /api/entries"], user).allowed) return NextResponse.json({ message: "Sign in to submit an entry." }, { status: 401 });
  // The edge counted a token's request by address only: its account is known from here on.
  const limited = via === "token" && user ? apiRateRefusal({ ip: null, userId: user.id }, edgeLimits(env()), true) : null;
  if (limited) return NextResponse.json({ message: limited.message }, { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds ?? 1) } });
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
