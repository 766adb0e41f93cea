import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function runStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

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
