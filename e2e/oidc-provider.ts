/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the end-to-end tests: the site signs in
 * through it with the authorization code flow, PKCE and state, exactly as with a provider on the internet.
 * Its login and consent pages are the package's development interactions: any password is accepted.
 * playwright.config.ts starts it with OIDC_ISSUER and NEXTAUTH_URL (the site's own URL).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, { type JWK } from "oidc-provider";
import { OIDC_ACCOUNTS, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from "./oidc-accounts";

const issuer = new URL(process.env.OIDC_ISSUER!);
const site = process.env.NEXTAUTH_URL!;

const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }) as JWK;

const provider = new Provider(issuer.origin, {
  clients: [
    {
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [`${site}/api/auth/callback/oidc`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: "e2e", use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true, methods: ["S256"] },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  async findAccount(_ctx, login) {
    const account = OIDC_ACCOUNTS[login as keyof typeof OIDC_ACCOUNTS];
    if (!account) return undefined;
    return {
      accountId: login,
      claims: async () => ({ sub: login, name: account.name, email: account.email, email_verified: account.emailVerified }),
    };
  },
});

provider.listen(Number(issuer.port), issuer.hostname, () => console.log(`[oidc] ${issuer.origin} for ${site}`));
