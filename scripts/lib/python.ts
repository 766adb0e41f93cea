import type { SpawnOptions } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { ROOT, capture, log, run } from "./run";

export const VENV = path.join(ROOT, ".venv");
export const ENGINE_CWD = path.join(ROOT, "worker");
const ENGINE_DIR = path.join(ENGINE_CWD, "engine");
// Hash-locked (worker/engine/requirements.txt says how): pip installs exactly these files,
// so it needs no dependency resolution (--no-deps) and `pip check` proves them complete.
const LOCKS = ["requirements.txt", "requirements-dev.txt"].map((name) => path.join(ENGINE_DIR, name));
const CUDA_LOCK = path.join(ENGINE_DIR, "requirements-cuda.txt");
const CPU_TORCH_LOCK = path.join(ENGINE_DIR, "requirements-cpu.txt");
const STAMP = path.join(VENV, ".catwalk-requirements.sha256");
// PyPI's Linux wheel of torch (no "+cpu"/"+cu…" in its version, unlike PyTorch's own
// builds) is a CUDA build whose metadata requires the nvidia-* packages.
const NEEDS_CUDA_LOCK = [
  "import importlib.metadata as m, sys",
  "print(sys.platform == 'linux' and '+' not in m.version('torch') and any(r.startswith('nvidia-') for r in m.requires('torch') or []))",
].join("; ");

/** The interpreter the worker and scripts run the engine with. */
export function pythonExecutable(): string {
  return env().CATWALK_PYTHON ?? path.join(VENV, "bin", "python");
}

/**
 * Creates .venv and installs the engine's hash-locked requirements (torch==2.13.0, a CPU
 * build where pip finds one, and the test and lint tools) unless the lock files are
 * already installed at this exact content.
 */
export async function ensurePythonEnv(): Promise<void> {
  const { CATWALK_PYTHON } = env();
  if (CATWALK_PYTHON) return log("python", `using CATWALK_PYTHON=${CATWALK_PYTHON}`);
  const hash = crypto.createHash("sha256");
  for (const lock of [CPU_TORCH_LOCK, ...LOCKS, CUDA_LOCK]) hash.update(fs.readFileSync(lock));
  const wanted = hash.digest("hex");
  if (fs.existsSync(pythonExecutable()) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === wanted) {
    return log("python", "engine environment up to date (.venv)");
  }
  const python = process.env.PYTHON ?? "python3";
  const version = (await capture(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])).trim();
  log("python", `creating .venv with ${python} ${version} and installing worker/engine/requirements*.txt`);
  // Their output goes to stderr too: `npm run engine` keeps stdout for the engine's protocol.
  const toStderr: SpawnOptions = { stdio: ["inherit", process.stderr, "inherit"] };
  const pip = (args: string[]) => run(pythonExecutable(), ["-m", "pip", ...args, "--disable-pip-version-check"], toStderr);
  const install = (locks: string[]) => pip(["install", "--quiet", "--require-hashes", "--no-deps", ...locks.flatMap((lock) => ["-r", lock])]);
  await run(python, ["-m", "venv", VENV], toStderr);
  // PyTorch's CPU-only build where this machine has it (requirements-cpu.txt says why); elsewhere PyPI's, from the lock.
  await install([CPU_TORCH_LOCK]).catch(() => log("python", "no CPU-only torch build here: installing PyPI's"));
  await install(LOCKS);
  if ((await capture(pythonExecutable(), ["-c", NEEDS_CUDA_LOCK])).trim() === "True") await install([CUDA_LOCK]);
  await pip(["check"]);
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
