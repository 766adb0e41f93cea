import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { configuredProviders } from "./options";
import { githubUser, githubUserinfo, githubVerifiedEmail, oidcUser } from "./oauth-profiles";

test("an OIDC e-mail counts as verified only when email_verified is the boolean true", () => {
  const claims = { sub: "s1", email: "ada@example.org" };
  expect(oidcUser({ ...claims, email_verified: true })).toMatchObject({ id: "s1", email: "ada@example.org", emailVerified: true });
  for (const email_verified of [false, "true", 1, undefined]) {
    expect(oidcUser({ ...claims, email_verified }).emailVerified).toBe(false);
  }
});

// The shape of GitHub's GET /user/emails.
const emails = [
  { email: "old@example.org", primary: false, verified: true, visibility: null },
  { email: "main@example.org", primary: true, verified: true, visibility: "public" },
  { email: "new@example.org", primary: false, verified: false, visibility: null },
];

test("GitHub's e-mail is the verified primary, else another verified one, never an unverified one", () => {
  expect(githubVerifiedEmail(emails)).toBe("main@example.org");
  expect(githubVerifiedEmail([{ ...emails[1]!, verified: false }, emails[0]!])).toBe("old@example.org");
  expect(githubVerifiedEmail([{ ...emails[1]!, verified: false }, emails[2]!])).toBeNull();
  expect(githubVerifiedEmail([])).toBeNull();
});

test("a GitHub user without a verified e-mail has none", () => {
  const profile = { id: 7, login: "octo", name: null, avatar_url: "https://avatars.example/7" };
  expect(githubUser({ ...profile, verified_email: null } as never)).toEqual({
    id: "7",
    name: "octo",
    email: null,
    emailVerified: false,
    image: "https://avatars.example/7",
  });
  expect(githubUser({ ...profile, verified_email: "main@example.org" } as never)).toMatchObject({ email: "main@example.org", emailVerified: true });
});

test("the GitHub provider reads e-mails through the verified-only userinfo and profile", () => {
  const [github] = configuredProviders(parseEnv({ GITHUB_ID: "g", GITHUB_SECRET: "s" }));
  const options = (github as { options?: { userinfo?: unknown; profile?: unknown } }).options;
  expect(options?.userinfo).toBe(githubUserinfo);
  expect(options?.profile).toBe(githubUser);
});
