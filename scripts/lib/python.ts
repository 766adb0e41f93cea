import type { SpawnOptions } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT, capture, log, run } from "./run";

export const VENV = path.join(ROOT, ".venv");
export const ENGINE_CWD = path.join(ROOT, "worker");
const REQUIREMENTS = path.join(ROOT, "worker", "engine", "requirements.txt");
const STAMP = path.join(VENV, ".catwalk-requirements.sha256");

/** The interpreter the worker and scripts run the engine with. */
export function pythonExecutable(): string {
  return process.env.CATWALK_PYTHON ?? path.join(VENV, "bin", "python");
}

/**
 * Creates .venv and installs the engine's pinned requirements (torch==2.13.0, a CPU
 * build where pip finds one) unless they are already installed at this exact content.
 */
export async function ensurePythonEnv(): Promise<void> {
  if (process.env.CATWALK_PYTHON) return log("python", `using CATWALK_PYTHON=${process.env.CATWALK_PYTHON}`);
  const wanted = crypto.createHash("sha256").update(fs.readFileSync(REQUIREMENTS)).digest("hex");
  if (fs.existsSync(pythonExecutable()) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === wanted) {
    return log("python", "engine environment up to date (.venv)");
  }
  const python = process.env.PYTHON ?? "python3";
  const version = (await capture(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])).trim();
  log("python", `creating .venv with ${python} ${version} and installing worker/engine/requirements.txt`);
  // Their output goes to stderr too: `npm run engine` keeps stdout for the engine's protocol.
  const toStderr: SpawnOptions = { stdio: ["inherit", process.stderr, "inherit"] };
  await run(python, ["-m", "venv", VENV], toStderr);
  await run(pythonExecutable(), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS], toStderr);
  fs.writeFileSync(STAMP, wanted);
}

/** Runs `python -m engine ARGS` from worker/, as the worker does. */
export function runEngine(args: string[]): Promise<void> {
  return run(pythonExecutable(), ["-m", "engine", ...args], { cwd: ENGINE_CWD });
}

/** Verifies (or, with internet, fetches) the Fashion-MNIST files and returns the engine's report. */
export async function ensureDataset(): Promise<void> {
  const report = JSON.parse(await capture(pythonExecutable(), ["-m", "engine", "dataset"], { cwd: ENGINE_CWD })) as { directory?: string };
  log("dataset", `Fashion-MNIST verified in ${report.directory ?? "?"}`);
}
