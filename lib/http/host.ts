const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL is on this machine's loopback interface: localhost, 127.0.0.1 or [::1], any port. */
export function isLoopbackUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Only the characters of a host name, an IPv4/IPv6 literal and a port: nothing a URL would read as user info or a path. */
const HOST_CHARACTERS = /^[A-Za-z0-9.\-:[\]]+$/;

/**
 * Whether a `Host` header names this machine's loopback interface (localhost, 127.0.0.1 or [::1],
 * any port). The name-only sign-in answers only such requests: a browser led to the site through
 * DNS rebinding sends the attacker's host name, which this refuses.
 */
export function isLoopbackHost(host: string | null): boolean {
  return host !== null && HOST_CHARACTERS.test(host) && isLoopbackUrl(`http://${host}/`);
}
