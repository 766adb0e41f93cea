import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_EMAIL, E2E_NEXT_DIST_DIR, signIn, signInWithOidc } from "./helpers";

/** A browser of its own for each person, so no provider session carries over from one to the next. */
async function asPerson<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

const expectAdminPage = async (page: Page, visible: boolean) => {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: visible ? "Admin" : "Not found", exact: true })).toBeVisible();
};

const personRow = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

test("OpenID Connect: a verified admin e-mail makes the admin; the same e-mail unverified is a separate participant", async ({ browser }) => {
  await asPerson(browser, async (admin) => {
    await signIn(admin, ADMIN_EMAIL); // through the provider, as the verified admin account
    await expectAdminPage(admin, true);

    await asPerson(browser, async (impostor) => {
      await signInWithOidc(impostor, "impostor");
      await expectAdminPage(impostor, false);
    });

    await expectAdminPage(admin, true);
    await expect(personRow(admin, "Admin").getByRole("cell").nth(1)).toHaveText(ADMIN_EMAIL);
    await expect(personRow(admin, "Admin").getByRole("cell").nth(2)).toHaveText("admin");
    await expect(personRow(admin, "Impostor").getByRole("cell").nth(1)).toHaveText("–");
    await expect(personRow(admin, "Impostor").getByRole("cell").nth(2)).toHaveText("participant");
  });
});

test("the local sign-in with the admin's e-mail is a different person, not the admin", async ({ page }) => {
  // In local mode the first local user ever becomes admin: make sure the typed e-mail is not the first.
  await signIn(page, "Local First");
  await page.goto("/signin");
  await page.getByLabel("Name or email").fill(ADMIN_EMAIL);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText("admin");
  await expectAdminPage(page, false);
});

/** The local addresses of the TCP sockets listening on a port, from the kernel's tables (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const LISTEN = "0A";
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    fs.existsSync(table)
      ? fs
          .readFileSync(table, "utf8")
          .split("\n")
          .slice(1)
          .map((line) => line.trim().split(/\s+/))
          .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === LISTEN)
          .map((fields) => fields[1]!.split(":")[0]!)
      : [],
  );
}

test("with the local sign-in on, the site listens on 127.0.0.1 only", async ({ baseURL }) => {
  const addresses = listeningAddresses(Number(new URL(baseURL!).port));
  expect(addresses.length).toBeGreaterThan(0);
  // 0100007F is 127.0.0.1 as /proc/net/tcp writes it; all interfaces would be 00000000 or, in tcp6, all zeros.
  expect(new Set(addresses)).toEqual(new Set(["0100007F"]));
});

let site: ChildProcess | undefined;
// Should the site ever start serving instead of refusing, it must not outlive its test.
test.afterEach(() => void site?.kill());

test("a site started by next start itself refuses a production environment without a real secret", async () => {
  // The site this run built, started directly as a deployment might; the database port is closed, nothing leaves the machine.
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "0", "-H", "127.0.0.1"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      PATH: process.env.PATH,
      NEXT_DIST_DIR: E2E_NEXT_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      DATABASE_URL: "postgres://catwalk@127.0.0.1:1/catwalk",
      NEXTAUTH_SECRET: "catwalk-e2e-secret-not-for-production",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  site = child;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(1);
  expect(stderr).toContain("Catwalk refuses to start");
  expect(stderr).toContain("NEXTAUTH_SECRET is a placeholder");
});
