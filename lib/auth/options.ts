import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { env, type CatwalkEnv } from "@/lib/env";
import { localIdentity } from "./local-identity";
import { githubUser, githubUserinfo, oidcUser, oidcUserinfo, type GithubVerifiedProfile, type ProviderUser } from "./oauth-profiles";
import { deleteSession } from "./sessions";
import { LOCAL_PROVIDER, recordSignIn } from "./sign-in";

const SESSION_SECONDS = 30 * 24 * 60 * 60;

/** The providers configured in this environment (each only when all its variables are set), in the order the sign-in page lists them. */
export function configuredProviders(settings: CatwalkEnv): Provider[] {
  const providers: Provider[] = [];
  const { GITHUB_ID, GITHUB_SECRET, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = settings;
  if (GITHUB_ID && GITHUB_SECRET) {
    providers.push(GithubProvider<GithubVerifiedProfile>({ clientId: GITHUB_ID, clientSecret: GITHUB_SECRET, userinfo: githubUserinfo, profile: githubUser }));
  }
  if (OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: settings.OIDC_NAME,
      type: "oauth",
      wellKnown: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      userinfo: oidcUserinfo,
      profile: oidcUser,
    });
  }
  if (settings.CATWALK_LOCAL_SIGNIN) {
    providers.push(
      CredentialsProvider({
        id: LOCAL_PROVIDER,
        name: "Local sign-in",
        credentials: { name: { label: "Name or email", type: "text" } },
        async authorize(credentials) {
          try {
            const identity = localIdentity(credentials?.name);
            return { id: identity.providerAccountId, name: identity.name, email: identity.email };
          } catch {
            return null;
          }
        },
      }),
    );
  }
  return providers;
}

export type SignInChoice = { id: string; name: string; type: "oauth" | "local" };

/** What the sign-in page offers. (next-auth merges a provider's own `options` over its defaults later.) */
export function signInChoices(settings: CatwalkEnv): SignInChoice[] {
  return configuredProviders(settings).map((provider) => {
    const options = (provider as { options?: { id?: string; name?: string } }).options;
    return {
      id: options?.id ?? provider.id,
      name: options?.name ?? provider.name,
      type: provider.type === "credentials" ? "local" : "oauth",
    };
  });
}

export function buildAuthOptions(settings: CatwalkEnv): NextAuthOptions {
  return {
    providers: configuredProviders(settings),
    secret: settings.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    pages: { signIn: "/signin" },
    callbacks: {
      // Runs with `user` and `account` only at sign-in: that is when the users/accounts/sessions rows are written.
      async jwt({ token, user, account }) {
        if (user && account) {
          const { userId, sessionId } = await recordSignIn(
            {
              provider: account.provider,
              providerAccountId: account.providerAccountId,
              name: user.name || user.email || account.providerAccountId,
              email: user.email ?? null,
              // Set by an OAuth provider's profile (oauth-profiles.ts); the local sign-in's is never verified.
              emailVerified: account.type === "oauth" && (user as Partial<ProviderUser>).emailVerified === true,
              image: user.image ?? null,
            },
            { adminEmails: settings.ADMIN_EMAILS, sessionSeconds: SESSION_SECONDS },
          );
          token.sub = userId;
          token.sid = sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        await deleteSession(typeof token?.sid === "string" ? token.sid : undefined);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** Built on first use, not at import (instrumentation.ts checks the environment as the server starts). */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(env());
  return cached;
}
