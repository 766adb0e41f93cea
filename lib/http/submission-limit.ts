// Reads the request headers of a server action.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { edgeLimits } from "./limits";
import type { Refusal } from "./refusal";
import { rateLimitRefusal } from "./rate-limits";
import { submissionBuckets } from "./request-buckets";

/** The submit form's share of the submission limit: the same buckets POST /api/entries counts in at the proxy. */
export async function submissionRateRefusal(userId: string | null): Promise<Refusal | null> {
  const settings = env();
  const sender = { ip: clientIp(await headers(), settings), userId };
  return rateLimitRefusal(submissionBuckets(sender, edgeLimits(settings)), "submissions");
}
