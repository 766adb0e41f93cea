const PARSE_BASE = "http://catwalk.invalid";

/**
 * Where a sign-in may send the visitor afterwards: a page of this site, as a path (query and hash
 * kept), else "/". Anything that a browser would read as another origin is refused, however it is
 * written (`//host`, `/\host`, tabs or newlines that URL parsers drop), so the sign-in page is never an
 * open redirect. An absolute URL on the site's own origin (next-auth hands a failed attempt's callback
 * back so) becomes its path, and a callback to the sign-in page itself is unwrapped.
 */
export function safeCallbackPath(value: string | null | undefined, siteOrigin: string | null): string {
  if (typeof value !== "string") return "/";
  const local = siteOrigin !== null && value.startsWith(`${siteOrigin}/`) ? value.slice(siteOrigin.length) : value;
  if (!local.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(local, PARSE_BASE);
  } catch {
    return "/";
  }
  if (url.origin !== PARSE_BASE) return "/";
  if (url.pathname === "/signin") return safeCallbackPath(url.searchParams.get("callbackUrl"), siteOrigin);
  return `${url.pathname}${url.search}${url.hash}`;
}
