import { defineConfig } from "@playwright/test";
import { E2E_NEXT_DIST_DIR } from "./e2e/helpers";
import { ADMIN_EMAIL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, oidcIssuer } from "./e2e/oidc-accounts";
import { databaseUrl } from "./tests/database";

// CATWALK_E2E_PORT lets two checkouts run their end-to-end tests side by side.
const PORT = Number(process.env.CATWALK_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const OIDC_ISSUER = oidcIssuer(PORT);

export default defineConfig({
  testDir: "e2e",
  // *.e2e.ts: "spec" names the entry spec (lib/spec, /spec), never a test.
  testMatch: "**/*.e2e.ts",
  // One site, one worker, one queue: the tests share them and run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      // A real OpenID Connect provider with test accounts, for the sign-in flow the site runs on the internet.
      command: "node --import tsx e2e/oidc-provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { OIDC_ISSUER, NEXTAUTH_URL: BASE_URL },
    },
    {
      // The real thing: npm start's set-up, build, site and one worker, against a fresh database.
      command: "node --import tsx e2e/prepare-database.ts && npm start",
      url: `${BASE_URL}/api/boards/5`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        DATABASE_URL: databaseUrl("catwalk_e2e"),
        PORT: String(PORT),
        NEXTAUTH_URL: BASE_URL,
        NEXTAUTH_SECRET: "catwalk-e2e-secret-not-for-production",
        CATWALK_LOCAL_SIGNIN: "1",
        CATWALK_DEV_LIMITS: "1",
        ADMIN_EMAILS: ADMIN_EMAIL,
        OIDC_ISSUER,
        OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET,
        // Its own build folder, so the e2e build never collides with another build in this checkout.
        NEXT_DIST_DIR: E2E_NEXT_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        // The fuzz tests send hundreds of requests from one account: they test the validator, not the limits
        // (lib/http/proxy.test.ts and e2e/security-headers.e2e.ts test those).
        CATWALK_RATE_SUBMIT: "100000/60",
        CATWALK_RATE_API: "100000/60",
      },
    },
  ],
});
