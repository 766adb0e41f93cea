/**
 * `npm start`: sets everything up (idempotently), then runs the site and one worker
 * until Ctrl-C, which stops the worker (its run goes back to the queue), the site and
 * the embedded database, in that order.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { exitIfUnsafeDeployment } from "@/lib/auth/deployment";
import { takeOverShutdownSignals } from "./lib/embedded-postgres";
import { DEFAULT_PORT, envOrExit } from "@/lib/env";
import { ensureNextBuild } from "./lib/build";
import { dataDir, ensureDatabase } from "./lib/database";
import { ensureDataset, ensurePythonEnv } from "./lib/python";
import { ROOT, log } from "./lib/run";
import { persistentSecret } from "./lib/secrets";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
// The site's URL defaults to this machine; the environment is checked with it (the local sign-in needs a loopback URL).
process.env.NEXTAUTH_URL ||= `http://localhost:${process.env.PORT || DEFAULT_PORT}`;
// The operator's own environment, before this script sets DATABASE_URL and next start sets NODE_ENV=production.
exitIfUnsafeDeployment(envOrExit());
process.env.CATWALK_DEPLOYMENT_CHECKED = "1";

await ensurePythonEnv();
await ensureDataset();
const database = await ensureDatabase();
process.env.NEXTAUTH_SECRET ||= persistentSecret(dataDir(), "nextauth-secret");
// The zero-config sign-in exists for the embedded local mode only (lib/env.ts refuses it on a non-loopback URL).
if (database.embedded) process.env.CATWALK_LOCAL_SIGNIN ||= "1";
const site = envOrExit();
const port = String(site.PORT);
// A sign-in without a password is for this machine only: the site then listens on the loopback interface alone.
// Otherwise CATWALK_LISTEN_HOST (say 127.0.0.1 behind a reverse proxy on the same machine), else every interface.
const listenHost = site.CATWALK_LOCAL_SIGNIN ? "127.0.0.1" : site.CATWALK_LISTEN_HOST;
const siteHost = listenHost ? ["-H", listenHost] : [];
// Where the site reaches itself to render a page once for every anonymous visitor (lib/http/page-cache).
process.env.CATWALK_SELF_ORIGIN ||= `http://${listenHost ?? "127.0.0.1"}:${port}`;
await ensureNextBuild();

const children: ChildProcess[] = [];
let stopping = false;

function startChild(name: string, args: string[]): void {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on("exit", (code, signal) => {
    if (stopping) return;
    log(name, `exited unexpectedly (${signal ?? code}); stopping Catwalk`);
    void stop(1);
  });
  children.push(child);
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log("catwalk", "stopping…");
  // Worker first, so its running engine is stopped and the run re-queued while the database is still up.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await database.stop();
  log("catwalk", "stopped");
  process.exit(exitCode);
}

// From here on Catwalk stops everything itself, in order: the worker must put its run back
// in the queue while the database is still up.
takeOverShutdownSignals(() => void stop(0));

startChild("site", [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port, ...siteHost]);
if (site.CATWALK_START_WORKER) startChild("worker", ["--import", "tsx", path.join(ROOT, "worker", "main.ts")]);
log("catwalk", `Catwalk is running at ${site.NEXTAUTH_URL} — Ctrl-C stops it`);
