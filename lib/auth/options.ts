import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { adminEmails, githubSettings, localSignInEnabled, oidcSettings, type Env } from "./environment";
import { localIdentity } from "./local-identity";
import { githubUser, githubUserinfo, oidcUser, oidcUserinfo, type GithubVerifiedProfile, type ProviderUser } from "./oauth-profiles";
import { deleteSession } from "./sessions";
import { LOCAL_PROVIDER, recordSignIn } from "./sign-in";

const SESSION_SECONDS = 30 * 24 * 60 * 60;

/** The providers configured in this environment, in the order the sign-in page lists them. */
export function configuredProviders(env: Env): Provider[] {
  const providers: Provider[] = [];
  const github = githubSettings(env);
  if (github) providers.push(GithubProvider<GithubVerifiedProfile>({ ...github, userinfo: githubUserinfo, profile: githubUser }));
  const oidc = oidcSettings(env);
  if (oidc) {
    providers.push({
      id: "oidc",
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      userinfo: oidcUserinfo,
      profile: oidcUser,
    });
  }
  if (localSignInEnabled(env)) {
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
export function signInChoices(env: Env): SignInChoice[] {
  return configuredProviders(env).map((provider) => {
    const options = (provider as { options?: { id?: string; name?: string } }).options;
    return {
      id: options?.id ?? provider.id,
      name: options?.name ?? provider.name,
      type: provider.type === "credentials" ? "local" : "oauth",
    };
  });
}

export function buildAuthOptions(env: Env): NextAuthOptions {
  const admins = adminEmails(env);
  return {
    providers: configuredProviders(env),
    secret: env.NEXTAUTH_SECRET,
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
            { adminEmails: admins, sessionSeconds: SESSION_SECONDS },
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

/** Built on first use (not at import) so a misconfiguration fails at start-up of the server, with its message. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(process.env);
  return cached;
}
