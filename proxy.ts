import { NextResponse, type NextRequest } from "next/server";
import { canonicalLoopbackUrl, isPageNavigation } from "@/lib/auth/canonical-host";
import { edgeRefusal } from "@/lib/http/edge-checks";
import type { Refusal } from "@/lib/http/refusal";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";

function refusalResponse({ status, message, retryAfterSeconds }: Refusal): NextResponse {
  return NextResponse.json({ message }, { status, headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {} });
}

/**
 * Every request passes here first (Next 16's proxy, Node.js runtime): refused at the edge when it
 * must be, otherwise sent on with a fresh script nonce in the request's Content-Security-Policy,
 * which Next reads to put the nonce on its own scripts; the response gets the security headers.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const headers = securityHeaders(createNonce(), process.env);
  const refusal = await edgeRefusal(request, process.env);
  const canonical = isPageNavigation(request.method, request.headers)
    ? canonicalLoopbackUrl(request.headers.get("host"), request.nextUrl.pathname + request.nextUrl.search, process.env)
    : null;
  let response: NextResponse;
  if (refusal) {
    response = refusalResponse(refusal);
  } else if (canonical) {
    response = NextResponse.redirect(canonical, 307);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
