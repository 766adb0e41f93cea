/**
 * `npm run engine -- --spec FILE --budgets 5,20,50 [...]` trains with the engine;
 * `npm run engine -- analyze --spec FILE` and the engine's other subcommands pass through.
 * `npm run bench:engine` and `npm run test:engine` use the same environment.
 * The engine receives only normalised specs: a `--spec` file (or stdin) is checked and normalised here
 * by lib/spec, as the site does, and handed to the engine as the canonical JSON the worker writes (so
 * the engine's specHash is the entry's); a bad spec prints its issues and exits with 2, the engine's
 * code for an invalid spec. (`analyze --jsonl` passes stdin through: it must carry normalised specs.)
 * Stdout carries only what the engine prints (its JSON-lines protocol); logs go to stderr. Training
 * prints one line per epoch and per budget checkpoint, as the README says: the in-epoch progress
 * lines the worker reads for its live view are left out (`--progress` keeps them).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { checkSpecText } from "@/lib/spec";
import { canonicalJson } from "@/lib/spec/canonical";
import type { SpecIssue } from "@/lib/spec/issues";
import { ENGINE_CWD, ensurePythonEnv, pythonExecutable } from "./lib/python";
import { CommandFailed, ROOT, run } from "./lib/run";

const PROGRESS_LINE = /^\{"type":"progress"[,}]/;
const EXIT_INVALID_SPEC = 2;

/** Runs the engine with `input` on its stdin and its stdout passed on line by line, without the progress lines unless `progress`. */
function streamEngine(command: string, commandArgs: string[], input: string, progress: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ENGINE_CWD, stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.end(input);
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (progress || !PROGRESS_LINE.test(line)) process.stdout.write(`${line}\n`);
    });
    const closed = new Promise((done) => lines.once("close", done));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      void closed.then(() => (code === 0 ? resolve() : reject(new CommandFailed(`${command} ${commandArgs.join(" ")}`, code, signal))));
    });
  });
}

async function readSource(source: string): Promise<string> {
  if (source !== "-") return readFile(path.resolve(process.env.INIT_CWD ?? ROOT, source), "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The spec at `source` as the canonical JSON of its normalised form, or its issues. */
async function normalisedSpec(source: string): Promise<{ ok: true; json: string } | { ok: false; issues: SpecIssue[] }> {
  let text: string;
  try {
    text = await readSource(source);
  } catch (error) {
    return { ok: false, issues: [{ path: "", message: `cannot read the spec: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const checked = checkSpecText(text);
  return checked.ok ? { ok: true, json: canonicalJson(checked.spec) } : checked;
}

/** What the engine itself prints for an invalid spec: `analyze`'s result, or `train`'s error line. */
function invalidSpecLine(analyze: boolean, issues: SpecIssue[]): string {
  if (analyze) return JSON.stringify({ ok: false, issues });
  const message = issues.map((issue) => `${issue.path || "(spec)"}: ${issue.message}`).join("; ");
  return JSON.stringify({ type: "error", kind: "invalid_spec", message, issues });
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
    const engineArgs = ["-m", "engine", ...subcommand, ...args.filter((arg) => arg !== "--progress")];
    const specAt = engineArgs.indexOf("--spec");
    if (specAt < 0) {
      await run(python, engineArgs, { cwd: ENGINE_CWD });
    } else {
      const spec = await normalisedSpec(engineArgs[specAt + 1] ?? "-");
      if (!spec.ok) {
        console.log(invalidSpecLine(engineArgs[2] === "analyze", spec.issues));
        process.exit(EXIT_INVALID_SPEC);
      }
      engineArgs.splice(specAt, 2, "--spec", "-");
      const training = engineArgs[2] === "train";
      await streamEngine(python, engineArgs, spec.json, progress || !training);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // The engine's own exit code (2: the run failed and said why on stdout) passes through.
  process.exit(error instanceof CommandFailed && error.code !== null ? error.code : 1);
}
