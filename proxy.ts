import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/canonical-host";
import { env } from "@/lib/env";
import { edgeRefusal } from "@/lib/http/edge-checks";
import { cachedPage } from "@/lib/http/page-cache";
import type { Refusal } from "@/lib/http/refusal";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";

function refusalResponse({ status, message, retryAfterSeconds }: Refusal): NextResponse {
  return NextResponse.json({ message }, { status, headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {} });
}

/**
 * Every request passes here first (Next 16's proxy, Node.js runtime): refused at the edge when it
 * must be, otherwise sent on with a fresh script nonce in the request's Content-Security-Policy,
 * which Next reads to put the nonce on its own scripts; an anonymous view of a read-mostly page may
 * come from memory instead (lib/http/page-cache). Every response gets the security headers.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const settings = env();
  const nonce = createNonce();
  const headers = securityHeaders(nonce, settings);
  const refusal = await edgeRefusal(request, settings);
  let response: NextResponse;
  const cached = refusal ? null : await cachedPage(request, nonce, settings);
  if (refusal) {
    response = refusalResponse(refusal);
  } else if (cached) {
    response = new NextResponse(cached.body, cached);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    // Pages learn the path asked for from here (the root layout moves requests to the canonical host).
    forwarded.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
