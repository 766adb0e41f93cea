/**
 * `npm run engine -- --spec FILE --budgets 5,20,50 [...]` trains with the engine;
 * `npm run engine -- analyze --spec FILE` and the engine's other subcommands pass through.
 * `npm run bench:engine` and `npm run test:engine` use the same environment.
 * Stdout carries only what the engine prints (its JSON-lines protocol); logs go to stderr. Training
 * prints one line per epoch and per budget checkpoint, as the README says: the in-epoch progress
 * lines the worker reads for its live view are left out (`--progress` keeps them).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { ENGINE_CWD, ensurePythonEnv, pythonExecutable } from "./lib/python";
import { CommandFailed, ROOT, run } from "./lib/run";

const PROGRESS_LINE = /^\{"type":"progress"[,}]/;

/** Runs the engine with its stdout passed on line by line, without the progress lines. */
function runWithoutProgress(command: string, commandArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ENGINE_CWD, stdio: ["inherit", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (!PROGRESS_LINE.test(line)) process.stdout.write(`${line}\n`);
    });
    const closed = new Promise((done) => lines.once("close", done));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      void closed.then(() => (code === 0 ? resolve() : reject(new CommandFailed(`${command} ${commandArgs.join(" ")}`, code, signal))));
    });
  });
}

const args = process.argv.slice(2);
await ensurePythonEnv();
const python = pythonExecutable();
try {
  if (args[0] === "--bench") {
    await run(python, [path.join(ROOT, "scripts", "bench_engine.py"), ...args.slice(1)], { cwd: ENGINE_CWD });
  } else if (args[0] === "--pytest") {
    await run(python, ["-m", "pytest", "engine/tests", "-q", ...args.slice(1)], { cwd: ENGINE_CWD });
  } else {
    const subcommand = args[0] && !args[0].startsWith("-") ? [] : ["train"];
    const progress = args.includes("--progress");
    // The engine runs from worker/, so file arguments are resolved against where npm was called.
    const resolved = args
      .filter((arg) => arg !== "--progress")
      .map((arg, i, kept) => (kept[i - 1] === "--spec" && arg !== "-" ? path.resolve(process.env.INIT_CWD ?? ROOT, arg) : arg));
    const engineArgs = ["-m", "engine", ...subcommand, ...resolved];
    const training = subcommand.length > 0 || args[0] === "train";
    if (training && !progress) await runWithoutProgress(python, engineArgs);
    else await run(python, engineArgs, { cwd: ENGINE_CWD });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // The engine's own exit code (2: the run failed and said why on stdout) passes through.
  process.exit(error instanceof CommandFailed && error.code !== null ? error.code : 1);
}
