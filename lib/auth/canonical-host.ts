import type { CatwalkEnv } from "@/lib/env";
import { isLoopbackHost } from "@/lib/http/host";

/** Set by proxy.ts on every request it passes on (overwriting any the client sent): the path and query asked for. */
export const REQUEST_PATH_HEADER = "x-catwalk-path";

/**
 * Where a page request on this machine's other loopback name belongs: NEXTAUTH_URL's origin with the
 * same path and query. Sign-in cookies are host-only and next-auth redirects to NEXTAUTH_URL after
 * signing in, so a visitor on http://127.0.0.1:3000 while NEXTAUTH_URL says http://localhost:3000
 * would be signed in on one host and sent to the other (seeing themselves signed out), and their
 * saved draft would live on another origin. Only loopback names on NEXTAUTH_URL's own port are
 * moved: a public deployment's Host is never rewritten here, so a proxy that changes Host cannot
 * make this loop. Null: the request is where it belongs.
 */
export function canonicalLoopbackUrl(host: string | null, pathAndQuery: string, env: Pick<CatwalkEnv, "NEXTAUTH_URL">): string | null {
  if (!host || !isLoopbackHost(host) || !env.NEXTAUTH_URL) return null;
  let site: URL;
  try {
    site = new URL(env.NEXTAUTH_URL);
  } catch {
    return null;
  }
  if (!isLoopbackHost(site.host)) return null;
  const asked = new URL(`http://${host}/`);
  if (asked.port !== site.port || asked.hostname === site.hostname) return null;
  return `${site.origin}${pathAndQuery.startsWith("/") ? pathAndQuery : "/"}`;
}

/**
 * A browser opening a page (not a script, an API call or a client-side fetch): only such requests
 * are moved, so an API client on the other loopback name gets its answer, not a redirect.
 */
export function isPageNavigation(method: string, headers: Headers): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const mode = headers.get("sec-fetch-mode");
  return mode !== null ? mode === "navigate" : (headers.get("accept") ?? "").includes("text/html");
}
