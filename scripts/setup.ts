/**
 * `npm run setup`: every idempotent set-up step `npm start` does, without starting
 * anything: the engine's Python environment, the dataset, the database
 * (migrations and seed data) and the site build.
 */
import { ensureNextBuild } from "./lib/build";
import { ensureDatabase } from "./lib/database";
import { ensureDataset, ensurePythonEnv } from "./lib/python";

if (typeof process.loadEnvFile === "function" && (await import("node:fs")).existsSync(".env")) process.loadEnvFile(".env");
await ensurePythonEnv();
await ensureDataset();
const database = await ensureDatabase();
await ensureNextBuild();
await database.stop();
