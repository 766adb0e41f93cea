import { expect, test } from "vitest";
import { runScript } from "./lib/run-script";

const runStart = (env: NodeJS.ProcessEnv) => runScript("start", [], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });

test("npm start refuses a production deployment with a weak secret or the local sign-in, before setting anything up", async () => {
  const { code, stdout, stderr } = await runStart({
    NODE_ENV: "production",
    // A closed loopback port: should the check ever let this through, nothing leaves the machine.
    DATABASE_URL: "postgres://catwalk@127.0.0.1:1/catwalk",
    NEXTAUTH_SECRET: "too-short",
    CATWALK_LOCAL_SIGNIN: "1",
  });
  expect(code).toBe(1);
  expect(stderr).toContain("Catwalk refuses to start");
  expect(stderr).toContain("NEXTAUTH_SECRET is 9 characters long");
  expect(stderr).toContain("CATWALK_LOCAL_SIGNIN=1");
  // Nothing was prepared: no Python environment, dataset, database or build step logged a line.
  expect(stdout).toBe("");
});

test("npm start refuses a variable it cannot use, naming it, before setting anything up", async () => {
  const { code, stdout, stderr } = await runStart({ NODE_ENV: "development", CATWALK_RATE_API: "lots", WORKER_CONCURRENCY: "two" });
  expect(code).toBe(1);
  expect(stderr).toContain(`CATWALK_RATE_API must be COUNT/SECONDS with both at least 1 (e.g. 300/60), not "lots"`);
  expect(stderr).toContain(`WORKER_CONCURRENCY must be a positive whole number, not "two"`);
  expect(stdout).toBe("");
});
