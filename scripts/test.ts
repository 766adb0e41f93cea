/**
 * `npm test`: every suite, in order, each run even when an earlier one fails:
 * typecheck, lint, unit and integration tests (vitest, real PostgreSQL), the engine's
 * lint, type check and tests (ruff, mypy, then pytest with real PyTorch on data subsets)
 * and the end-to-end tests (Playwright in Chromium against the real site and worker).
 * `npm test -- unit engine` runs a subset.
 *
 * Tests use the PostgreSQL server at TEST_DATABASE_SERVER (default the machine's, on
 * 127.0.0.1:5432); when none answers there, an embedded server is started for the run.
 */
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "./lib/embedded-postgres";
import { dataDir } from "./lib/database";
import { ensureDataset, ensurePythonEnv, pythonExecutable, ENGINE_CWD } from "./lib/python";
import { ROOT, log, run } from "./lib/run";

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

const SUITES: Record<string, () => Promise<void>> = {
  typecheck: () => run(bin("tsc"), ["--noEmit", "-p", "."]),
  lint: () => run(bin("eslint"), ["."]),
  unit: () => run(bin("vitest"), ["run"]),
  engine: async () => {
    // Lint, formatting and types (worker/pyproject.toml configures them) before the tests.
    const python = (args: string[]) => run(pythonExecutable(), args, { cwd: ENGINE_CWD });
    await python(["-m", "ruff", "check", "engine", "../scripts/bench_engine.py"]);
    await python(["-m", "ruff", "format", "--check", "engine", "../scripts/bench_engine.py"]);
    await python(["-m", "mypy"]);
    await python(["-m", "pytest", "engine/tests", "-q"]);
  },
  e2e: () => run(bin("playwright"), ["test"]),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(", ")}; choose from ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}
const selected = requested.length > 0 ? requested : Object.keys(SUITES);

await ensurePythonEnv();
await ensureDataset();
const embedded = await ensureTestDatabaseServer();

const failed: string[] = [];
for (const name of selected) {
  const started = Date.now();
  log("test", `── ${name} ──`);
  try {
    await SUITES[name]!();
    log("test", `${name} passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    failed.push(name);
    log("test", `${name} FAILED in ${((Date.now() - started) / 1000).toFixed(0)} s: ${error instanceof Error ? error.message : error}`);
  }
}
await embedded?.stop();

console.log(failed.length > 0 ? `\nfailed suites: ${failed.join(", ")}` : "\nall suites passed");
console.log(`suites: ${selected.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length > 0 ? 1 : 0);

async function ensureTestDatabaseServer(): Promise<EmbeddedServer | undefined> {
  if (process.env.TEST_DATABASE_SERVER || (await answers("127.0.0.1", 5432))) return undefined;
  const port = Number(process.env.CATWALK_TEST_PG_PORT ?? 54330);
  log("test", `no PostgreSQL on 127.0.0.1:5432; starting an embedded one on ${port} for the tests`);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir(), "test-postgres"), port, database: "catwalk_scratch" });
  process.env.TEST_DATABASE_SERVER = server.url.replace(/\/catwalk_scratch$/, "");
  return server;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}
