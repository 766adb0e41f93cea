// Reads the request's headers.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { canonicalLoopbackUrl, isPageNavigation, REQUEST_PATH_HEADER } from "./canonical-host";

/**
 * Sends a browser that opened a page on this machine's other loopback name to NEXTAUTH_URL's host
 * (see canonicalLoopbackUrl). Done while rendering rather than in proxy.ts: Next rewrites a proxy
 * redirect to the server's own address into a relative one, which would send it back where it came from.
 */
export async function moveToCanonicalHost(): Promise<void> {
  const asked = await headers();
  if (!isPageNavigation("GET", asked)) return;
  const target = canonicalLoopbackUrl(asked.get("host"), asked.get(REQUEST_PATH_HEADER) ?? "/", env());
  if (target) redirect(target);
}
