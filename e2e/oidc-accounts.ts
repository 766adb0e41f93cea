/**
 * The OpenID Connect provider that the end-to-end tests run beside the site (e2e/oidc-provider.ts):
 * its client for Catwalk and its test accounts, shared by playwright.config.ts, the provider and the specs.
 */
export const ADMIN_EMAIL = "admin@catwalk.test";

export const OIDC_CLIENT_ID = "catwalk-e2e";
export const OIDC_CLIENT_SECRET = "catwalk-e2e-oidc-client-secret";

export type OidcTestAccount = { name: string; email: string; emailVerified: boolean };

/** Keyed by the login typed on the provider's sign-in page (any password is accepted). */
export const OIDC_ACCOUNTS = {
  /** ADMIN_EMAILS lists this verified e-mail: the site's admin. */
  admin: { name: "Admin", email: ADMIN_EMAIL, emailVerified: true },
  /** Claims the admin's e-mail without the provider having verified it. */
  impostor: { name: "Impostor", email: ADMIN_EMAIL, emailVerified: false },
} satisfies Record<string, OidcTestAccount>;

export type OidcLogin = keyof typeof OIDC_ACCOUNTS;

/** The provider listens beside the site's port, far enough that two checkouts' ports never meet. */
export function oidcIssuer(sitePort: number): string {
  return `http://127.0.0.1:${sitePort + 1000}`;
}
