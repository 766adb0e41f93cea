import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./run";

export type ScriptOutcome = { code: number | null; stdout: string; stderr: string };

/** Runs `scripts/NAME.ts ARGS` as npm would (tsx, from the repository root) and collects its output; for the scripts' tests. */
export function runScript(name: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<ScriptOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", `${name}.ts`), ...args], {
      cwd: ROOT,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
