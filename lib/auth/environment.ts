/** Reads the sign-in configuration from the environment; pure, so tests pass their own env. */
export type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether the zero-config local sign-in (name or email, no password) is on. It is refused unless
 * NEXTAUTH_URL is a loopback URL: the guard that a password-less sign-in never runs on a public deployment.
 */
export function localSignInEnabled(env: Env): boolean {
  if (env.CATWALK_LOCAL_SIGNIN !== "1") return false;
  if (!isLoopbackUrl(env.NEXTAUTH_URL)) {
    throw new Error(
      `CATWALK_LOCAL_SIGNIN=1 is refused: NEXTAUTH_URL must be a loopback URL (http://localhost, http://127.0.0.1 or ` +
        `http://[::1], any port) so that a sign-in without a password never runs on a public deployment; ` +
        `NEXTAUTH_URL is ${env.NEXTAUTH_URL ? JSON.stringify(env.NEXTAUTH_URL) : "not set"}.`,
    );
  }
  return true;
}

export type GithubSettings = { clientId: string; clientSecret: string };
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

export function githubSettings(env: Env): GithubSettings | null {
  if (!env.GITHUB_ID || !env.GITHUB_SECRET) return null;
  return { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET };
}

export function oidcSettings(env: Env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME || "OpenID Connect",
  };
}

/** ADMIN_EMAILS: comma-separated, compared case-insensitively. */
export function adminEmails(env: Env): Set<string> {
  return new Set(
    (env.ADMIN_EMAILS ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}
