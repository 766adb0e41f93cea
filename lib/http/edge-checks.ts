import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import type { CatwalkEnv } from "@/lib/env";
import { clientIp } from "./client-ip";
import { contentTypeRefusal, crossSiteRefusal, hasSessionCookie } from "./cross-site";
import { isLoopbackHost } from "./host";
import { edgeLimits } from "./limits";
import { apiRateRefusal, rateLimitRefusal } from "./rate-limits";
import type { Refusal } from "./refusal";
import { isApiRequest, isSignInRequest, signInBuckets, type Sender } from "./request-buckets";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** The signed-in account's id from next-auth's session token (its signature checked), or null. */
async function sessionUserId(request: NextRequest, env: CatwalkEnv): Promise<string | null> {
  if (!hasSessionCookie(request.headers)) return null;
  try {
    const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET });
    return typeof token?.sub === "string" ? token.sub : null;
  } catch {
    return null;
  }
}

/** The name typed into the name-only sign-in, the account that attempt aims at. */
async function typedSignInName(request: NextRequest): Promise<string | null> {
  if (request.nextUrl.pathname !== "/api/auth/callback/local") return null;
  try {
    return new URLSearchParams(await request.clone().text()).get("name");
  } catch {
    return null;
  }
}

function siteOrigin(request: NextRequest, env: CatwalkEnv): string {
  return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : request.nextUrl.origin;
}

/**
 * What the edge refuses before any page or route runs: a foreign `Host` while the name-only sign-in
 * is on, a cross-site or non-JSON write to the API, and requests over a rate limit. Null lets it through.
 */
export async function edgeRefusal(request: NextRequest, env: CatwalkEnv): Promise<Refusal | null> {
  const { method } = request;
  const { pathname } = request.nextUrl;
  const host = request.headers.get("host");
  if (env.CATWALK_LOCAL_SIGNIN && !isLoopbackHost(host)) {
    return {
      status: 421,
      message: `Host: this Catwalk runs with the local sign-in and answers only on localhost, 127.0.0.1 or [::1], not ${JSON.stringify(host ?? "")}.`,
    };
  }

  const signIn = isSignInRequest(method, pathname);
  const api = isApiRequest(pathname);
  if (!signIn && !api) return null;
  const limits = edgeLimits(env);
  const ip = clientIp(request.headers, env);
  if (signIn) return rateLimitRefusal(signInBuckets({ ip, userId: null }, await typedSignInName(request), limits), "sign-in attempts");

  if (!READ_METHODS.has(method)) {
    const refusal =
      (hasSessionCookie(request.headers) ? crossSiteRefusal(request.headers, siteOrigin(request, env)) : null) ??
      (BODY_METHODS.has(method) ? contentTypeRefusal(request.headers) : null);
    if (refusal) return refusal;
  }
  const sender: Sender = { ip, userId: await sessionUserId(request, env) };
  // A bearer token's account is unknown here (the edge reads no database): the route that resolves it counts it.
  return apiRateRefusal(sender, limits, method === "POST" && pathname === "/api/entries");
}
