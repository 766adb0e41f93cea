/** The engine as a child process: spawn it, hand over each stdout line, keep stderr's tail, kill it. */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

// Enough for the log tail a failed run keeps (lib/runs/attempts.ts LOG_TAIL_LINES) and a traceback.
const STDERR_TAIL_CHARS = 16_000;
const KILL_GRACE_MS = 5_000;

export interface EngineArgs {
  python: string;
  /** The engine package's parent folder (worker/). */
  cwd: string;
  specFile: string;
  budgets: readonly number[];
  /** A development run: the engine trains on the first N images and evaluates on the development slice. */
  trainLimit: number | null;
  /** An extra-seed run's seed, instead of the spec's; null trains with the spec's own. */
  seed: number | null;
  /** The engine's address-space cap (RLIMIT_AS, on the CPU): beyond it a run ends as out_of_memory. */
  memoryLimitMb: number;
  threads: number;
  device: string;
  budgetTimeLimitSeconds: number;
}

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
}

export interface EngineProcess {
  pid: number | undefined;
  /** Resolves when the process has exited and every stdout line has been handed over. */
  exited: Promise<EngineExit>;
  /** SIGTERM, then SIGKILL if it is still alive after a grace period. */
  kill(): void;
}

export function engineCommandLine(args: EngineArgs): string[] {
  const argv = ["-m", "engine", "train", "--spec", args.specFile, "--budgets", args.budgets.join(","), "--threads", String(args.threads), "--device", args.device, "--budget-time-limit", String(args.budgetTimeLimitSeconds)];
  if (args.trainLimit !== null) argv.push("--train-limit", String(args.trainLimit));
  if (args.seed !== null) argv.push("--seed", String(args.seed));
  argv.push("--memory-limit-mb", String(args.memoryLimitMb));
  return argv;
}

export function startEngine(args: EngineArgs, onLine: (text: string) => void): EngineProcess {
  const child = spawn(args.python, engineCommandLine(args), { cwd: args.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderrTail = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const stdoutClosed = new Promise<void>((resolve) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on("line", (text) => {
      if (text.trim()) onLine(text);
    });
    lines.on("close", resolve);
  });
  const processExited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("error", (error) => {
      stderrTail += `\ncould not start ${args.python}: ${error.message}`;
      resolve({ code: null, signal: null });
    });
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  const exited = Promise.all([processExited, stdoutClosed]).then(([status]) => ({ ...status, stderrTail: stderrTail.trim() }));
  return { pid: child.pid, exited, kill: () => killGracefully(child) };
}

function killGracefully(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, KILL_GRACE_MS);
  timer.unref();
  child.once("exit", () => clearTimeout(timer));
}
