/**
 * `npm run engine -- --spec FILE --budgets 5,20,50 [...]` trains with the engine;
 * `npm run engine -- analyze --spec FILE` and the engine's other subcommands pass through.
 * `npm run bench:engine` and `npm run test:engine` use the same environment.
 * Stdout carries only what the engine prints (its JSON-lines protocol); logs go to stderr.
 */
import path from "node:path";
import { ENGINE_CWD, ensurePythonEnv, pythonExecutable } from "./lib/python";
import { CommandFailed, ROOT, run } from "./lib/run";

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
    // The engine runs from worker/, so file arguments are resolved against where npm was called.
    const resolved = args.map((arg, i) => (args[i - 1] === "--spec" && arg !== "-" ? path.resolve(process.env.INIT_CWD ?? ROOT, arg) : arg));
    await run(python, ["-m", "engine", ...subcommand, ...resolved], { cwd: ENGINE_CWD });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // The engine's own exit code (2: the run failed and said why on stdout) passes through.
  process.exit(error instanceof CommandFailed && error.code !== null ? error.code : 1);
}
