/**
 * How Catwalk reads who signed in from an OAuth/OIDC provider, and whether the provider vouches for
 * the e-mail: only a verified e-mail may link accounts or grant admin (lib/auth/sign-in.ts).
 */
import type { User } from "next-auth";
import type { GithubProfile } from "next-auth/providers/github";
import type { UserinfoEndpointHandler } from "next-auth/providers/oauth";

/** next-auth hands this object to the jwt callback as `user` (no adapter is configured). */
export type ProviderUser = User & { emailVerified: boolean };

export type OidcClaims = {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: unknown;
  picture?: string;
};

export function oidcUser(claims: OidcClaims): ProviderUser {
  return {
    id: claims.sub,
    name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub,
    email: claims.email ?? null,
    // Only the boolean true counts: a missing claim or a string "true" is not the provider's word.
    emailVerified: claims.email_verified === true,
    image: claims.picture ?? null,
  };
}

/**
 * The ID token's claims merged with the UserInfo endpoint's: with the code flow a provider may send the
 * `email` and `profile` claims from UserInfo only (OIDC Core 5.4). openid-client checks both name the same `sub`.
 */
export const oidcUserinfo: UserinfoEndpointHandler = {
  async request({ client, tokens }) {
    // next-auth passes the TokenSet that client.callback() returned after validating the ID token.
    const tokenSet = tokens as Exclude<Parameters<typeof client.userinfo>[0], string>;
    return { ...tokenSet.claims(), ...(await client.userinfo(tokenSet)) };
  },
};

/** GitHub's /user, plus the address that /user/emails marks verified (null when there is none). */
export type GithubVerifiedProfile = GithubProfile & { verified_email: string | null };

/** One entry of GitHub's /user/emails, as untrusted JSON. */
type GithubEmailEntry = { email?: unknown; primary?: unknown; verified?: unknown };

/** The primary address if GitHub marks it verified, else another verified one, else none. */
export function githubVerifiedEmail(emails: readonly GithubEmailEntry[]): string | null {
  const verified = emails.filter((entry) => entry.verified === true && typeof entry.email === "string");
  const chosen = verified.find((entry) => entry.primary === true) ?? verified[0];
  return typeof chosen?.email === "string" ? chosen.email : null;
}

/**
 * Replaces next-auth's GitHub userinfo, which takes the public or primary address without asking
 * whether it is verified: here every address comes from /user/emails with its `verified` flag.
 */
export const githubUserinfo: UserinfoEndpointHandler = {
  async request({ client, tokens }) {
    const profile = await client.userinfo(tokens.access_token!);
    const response = await fetch("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/vnd.github+json" },
    });
    const emails: unknown = response.ok ? await response.json() : [];
    return { ...profile, verified_email: Array.isArray(emails) ? githubVerifiedEmail(emails) : null };
  },
};

export function githubUser(profile: GithubVerifiedProfile): ProviderUser {
  return {
    id: String(profile.id),
    name: profile.name ?? profile.login,
    email: profile.verified_email,
    emailVerified: profile.verified_email !== null,
    image: profile.avatar_url,
  };
}
