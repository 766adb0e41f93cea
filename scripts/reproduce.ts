/**
 * `npm run reproduce -- <entry URL | entry id> [--site URL] [--budgets 5,20] [--run RUN]`: fetches an
 * entry's spec and recorded result over the public API, trains the same spec with the same engine,
 * seed and thread count on the canonical data from this clone, prints the engine's epoch and
 * checkpoint lines, then compares each budget with the recorded result.
 * Exit 0 when every budget is identical or within noise, 1 otherwise, 2 on a usage error.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readRunSettings } from "@/lib/runs/settings";
import { canonicalJson } from "@/lib/spec/canonical";
import type { EntrySpec } from "@/lib/spec/schema";
import { defaultEngineMemoryLimitMb } from "@/worker/config";
import { parseEngineLine, type CheckpointLine, type EngineLine, type StartLine } from "@/worker/engine-lines";
import { startEngine } from "@/worker/engine-process";
import { ENGINE_CWD, ensurePythonEnv, pythonExecutable } from "./lib/python";
import { parseReproduceArgs, USAGE } from "./lib/reproduce-args";
import { compareBudget, describeComparison, environmentNotes, publicEntry, recordedRunToReproduce, type PublicEntry } from "./lib/reproduce-compare";
import { log } from "./lib/run";

class Failure extends Error {}

async function fetchEntry(site: string, entryId: string): Promise<PublicEntry> {
  const url = `${site}/api/entries/${entryId}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch (error) {
    throw new Failure(`cannot reach ${site}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}`);
  }
  if (response.status === 404) throw new Failure(`${site} has no public entry ${entryId}`);
  if (!response.ok) throw new Failure(`GET ${url} answered ${response.status}`);
  const parsed = publicEntry.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Failure(`GET ${url} did not answer with an entry: is ${site} a Catwalk site?`);
  return parsed.data;
}

async function train(specFile: string, budgets: number[], seed: number | null, threads: number, device: "cpu" | "auto") {
  let start: StartLine | null = null;
  let last: EngineLine | null = null;
  const checkpoints = new Map<number, CheckpointLine>();
  const engine = startEngine(
    {
      python: pythonExecutable(),
      cwd: ENGINE_CWD,
      specFile,
      budgets,
      trainLimit: null,
      seed,
      memoryLimitMb: defaultEngineMemoryLimitMb(1),
      threads,
      device,
      budgetTimeLimitSeconds: readRunSettings().budgetTimeLimitSeconds,
    },
    (text) => {
      const parsed = parseEngineLine(text);
      if ("problem" in parsed) return log("engine", parsed.problem);
      const line = parsed.line;
      if (line.type === "progress") return;
      // The same lines `npm run engine` prints, one per epoch and per checkpoint.
      console.log(text);
      if (line.type === "start") start = line;
      if (line.type === "checkpoint") checkpoints.set(line.budget, line);
      last = line;
    },
  );
  const exit = await engine.exited;
  const final = last as EngineLine | null;
  if (final?.type === "error") throw new Failure(`the engine stopped: ${final.kind}: ${final.message}`);
  if (exit.code !== 0 || !start) throw new Failure(`the engine exited with ${exit.signal ?? exit.code}${exit.stderrTail ? `:\n${exit.stderrTail}` : ""}`);
  return { start: start as StartLine, checkpoints };
}

async function main(): Promise<number> {
  const args = parseReproduceArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  const entry = await fetchEntry(args.site, args.entryId);
  const run = recordedRunToReproduce(entry, args.runId);
  if (typeof run === "string") throw new Failure(run);
  const recordedBudgets = run.results.map((result) => result.budget);
  const missing = (args.budgets ?? []).filter((budget) => !recordedBudgets.includes(budget));
  if (missing.length > 0) {
    console.error(`--budgets: run ${run.id} has no result at ${missing.join(", ")} epochs (it has ${recordedBudgets.join(", ")})\n${USAGE}`);
    return 2;
  }
  const budgets = args.budgets ?? recordedBudgets;
  const recorded = run.reproducibility;
  log("reproduce", `"${entry.name}" by ${entry.owner.name}: run ${run.id}, seed ${recorded.seed ?? "?"}, engine ${recorded.engineVersion ?? "?"}, torch ${recorded.torchVersion ?? "?"}, ${recorded.device ?? "?"}, ${recorded.threads ?? "?"} threads`);
  log("reproduce", `training budgets ${budgets.join("/")} on the full data here; this takes as long as the run did`);

  await ensurePythonEnv();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "catwalk-reproduce-"));
  try {
    const specFile = path.join(dir, "spec.json");
    // The bytes the worker writes, so that the engine's spec hash is the entry's.
    await fs.writeFile(specFile, canonicalJson(entry.spec as EntrySpec));
    const threads = recorded.threads ?? os.availableParallelism();
    const { start, checkpoints } = await train(specFile, budgets, recorded.seed, threads, recorded.device === "cpu" ? "cpu" : "auto");
    const comparisons = budgets.map((budget) => compareBudget(budget, run.results.find((result) => result.budget === budget)!, checkpoints.get(budget)));
    for (const comparison of comparisons) console.log(describeComparison(comparison));
    for (const note of environmentNotes(recorded, start, entry.specHash)) console.log(`note: ${note}`);
    return comparisons.every((comparison) => comparison.verdict !== "differs") ? 0 : 1;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Failure ? `reproduce: ${error.message}` : error);
    process.exit(1);
  },
);
