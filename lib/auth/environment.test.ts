import { expect, test } from "vitest";
import { adminEmails, githubSettings, isLoopbackUrl, localSignInEnabled, oidcSettings } from "./environment";

test("the local sign-in is on only when asked for and NEXTAUTH_URL is a loopback URL", () => {
  expect(localSignInEnabled({})).toBe(false);
  expect(localSignInEnabled({ CATWALK_LOCAL_SIGNIN: "0", NEXTAUTH_URL: "https://catwalk.example" })).toBe(false);
  for (const url of ["http://localhost:3000", "http://127.0.0.1:3100", "http://[::1]:3000/", "https://localhost"]) {
    expect(localSignInEnabled({ CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: url })).toBe(true);
  }
});

test("the local sign-in is refused with a clear message on a public or missing NEXTAUTH_URL", () => {
  for (const url of ["https://catwalk.example", "http://localhost.evil.example", "http://10.0.0.5:3000", "not a url"]) {
    expect(() => localSignInEnabled({ CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: url })).toThrow(
      /CATWALK_LOCAL_SIGNIN=1 is refused: NEXTAUTH_URL must be a loopback URL/,
    );
  }
  expect(() => localSignInEnabled({ CATWALK_LOCAL_SIGNIN: "1" })).toThrow(/NEXTAUTH_URL is not set/);
});

test("loopback means localhost, 127.0.0.1 or [::1] only", () => {
  expect(isLoopbackUrl("http://127.0.0.1")).toBe(true);
  expect(isLoopbackUrl("http://127.0.0.2")).toBe(false);
  expect(isLoopbackUrl(undefined)).toBe(false);
});

test("ADMIN_EMAILS is a comma-separated, case-insensitive list", () => {
  expect([...adminEmails({ ADMIN_EMAILS: " Ada@Example.org, ,grace@example.org " })]).toEqual(["ada@example.org", "grace@example.org"]);
  expect(adminEmails({}).size).toBe(0);
});

test("GitHub and OIDC are configured only when all their variables are set", () => {
  expect(githubSettings({ GITHUB_ID: "id" })).toBeNull();
  expect(githubSettings({ GITHUB_ID: "id", GITHUB_SECRET: "s" })).toEqual({ clientId: "id", clientSecret: "s" });
  expect(oidcSettings({ OIDC_ISSUER: "https://id.example/", OIDC_CLIENT_ID: "c" })).toBeNull();
  expect(oidcSettings({ OIDC_ISSUER: "https://id.example/", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })).toEqual({
    issuer: "https://id.example",
    clientId: "c",
    clientSecret: "s",
    name: "OpenID Connect",
  });
});
