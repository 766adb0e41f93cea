/**
 * `npm run worker`: a worker alone against DATABASE_URL (for extra machines). Prepares
 * the engine's environment and dataset first, then works the queue until Ctrl-C.
 */
import fs from "node:fs";
import { envOrExit } from "@/lib/env";
import { ensureDataset, ensurePythonEnv } from "./lib/python";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
if (!envOrExit().DATABASE_URL) {
  console.error("DATABASE_URL is not set: a standalone worker needs the site's PostgreSQL (see README, 'Running a worker on another machine')");
  process.exit(1);
}
await ensurePythonEnv();
await ensureDataset();
await import("../worker/main");
