import type { CatwalkEnv } from "@/lib/env";

/**
 * The client's IP address as the reverse proxy in front of the site reports it, and only when
 * CATWALK_TRUST_PROXY=1 says there is one: without it anyone could choose their own address by
 * sending the header. Next gives the proxy and route handlers no socket address, so without a
 * trusted reverse proxy the address is unknown (null).
 */
export function clientIp(headers: Headers, env: Pick<CatwalkEnv, "CATWALK_TRUST_PROXY">): string | null {
  if (!env.CATWALK_TRUST_PROXY) return null;
  // The reverse proxy appends the address it saw: the last entry is the one it vouches for.
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}
