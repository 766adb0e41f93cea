import type { Refusal } from "./refusal";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/** Whether the request carries next-auth's session cookie: the only credential the API accepts. */
export function hasSessionCookie(headers: Headers): boolean {
  return SESSION_COOKIE.test(headers.get("cookie") ?? "");
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses a cookie-authenticated request sent by another site: `Origin` must be the site's own, or,
 * where a browser sends none, `Sec-Fetch-Site` must say same-origin, or the `Referer` must be the
 * site's. A request with none of the three comes from no browser page (curl, scripts) and so cannot
 * carry a victim's cookie against their will.
 */
export function crossSiteRefusal(headers: Headers, siteOrigin: string): Refusal | null {
  const origin = headers.get("origin");
  const fetchSite = headers.get("sec-fetch-site");
  const referer = headers.get("referer");
  let sameSite: boolean;
  if (origin !== null) sameSite = origin === siteOrigin;
  else if (fetchSite !== null) sameSite = fetchSite === "same-origin" || fetchSite === "none";
  else if (referer !== null) sameSite = originOf(referer) === siteOrigin;
  else return null;
  if (sameSite) return null;
  return {
    status: 403,
    message: `Origin: this request came from another site (${origin ?? referer ?? `Sec-Fetch-Site: ${fetchSite}`}); only ${siteOrigin} may send it.`,
  };
}

/** A request body the API reads must be declared JSON: a form or `text/plain` body is what a cross-site page can send without asking. */
export function contentTypeRefusal(headers: Headers): Refusal | null {
  const mediaType = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === "application/json") return null;
  return {
    status: 415,
    message: `Content-Type: send the body as application/json${mediaType ? `, not ${mediaType}` : ""}.`,
  };
}
