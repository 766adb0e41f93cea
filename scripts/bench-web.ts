/**
 * `npm run bench:web [-- --scale 1 --seconds 10 --connections 50 --streams 200]`: the site's read
 * paths under load. Seeds a community-sized database (`--scale 1`: 1,000 participants, 3,000
 * entries, 10,000 runs; `--scale 10`: ten times that), builds and starts the production server on
 * loopback, opens live streams on running runs while a worker reports progress every second, and
 * drives each page with `--connections` concurrent connections for `--seconds`. Prints
 * requests/second, p50/p99 latency and errors per page, each page's throughput as a share of
 * the static page's, and how many snapshot reads the streams cost per progress change.
 *
 * Uses the PostgreSQL at BENCH_DATABASE_SERVER (default the machine's, 127.0.0.1:5432), in a
 * database of its own (`catwalk_bench`) that it recreates on every run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { seedDatabase } from "@/db/seed";
import { closeDb, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { closeRunListener } from "@/lib/runs/listen";
import { ensureNextBuild } from "./lib/build";
import { drive, formatTable, type LoadResult, type Target } from "./lib/bench-web/load";
import { benchScale, seedBench } from "./lib/bench-web/seed";
import { openStreams, reportProgressEverySecond } from "./lib/bench-web/streams";
import { ROOT, log } from "./lib/run";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    streams: { type: "string", default: "200" },
    "running-runs": { type: "string", default: "20" },
    port: { type: "string", default: "3950" },
  },
});
const scale = benchScale(Number(values.scale), Number(values["running-runs"]));
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const streamCount = Number(values.streams);
const origin = `http://127.0.0.1:${values.port}`;

const server = new URL(process.env.BENCH_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432/postgres");
const databaseUrl = Object.assign(new URL(server), { pathname: "/catwalk_bench" }).toString();
process.env.DATABASE_URL = databaseUrl;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query("drop database if exists catwalk_bench with (force)");
  await admin.query("create database catwalk_bench");
  await admin.end();
  await migrateDatabase(databaseUrl);
  await seedDatabase(getDb());
}

function startSite(): ChildProcess {
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: origin,
    CATWALK_SELF_ORIGIN: origin,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    // One load generator on one address: the per-client limits would refuse it, which is their job, not what is measured.
    CATWALK_RATE_API: "1000000000/60",
    CATWALK_SSE_STREAMS_PER_CLIENT: String(streamCount + 10),
  };
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "-p", values.port!, "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[bench] the site exited (${signal ?? code})`);
      process.exit(1);
    }
  });
  return child;
}

async function waitUntilUp(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      if ((await fetch(`${origin}/icon.svg`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error("the site did not start within 60 s");
}

/** The pages to measure, picked from the seeded data: a busy entry and a busy participant. */
async function targets(client: pg.Client, runIds: string[]): Promise<{ targets: Target[]; running: string[] }> {
  const entry = await client.query<{ id: string }>(`
    select e.id from entries e join runs r on r.entry_id = e.id
    where r.state = 'verified' and r.train_limit is null and cardinality(r.budgets) = 3 and not e.hidden
    group by e.id order by count(*) desc, e.id limit 1`);
  const participant = await client.query<{ id: string }>(
    "select owner_id as id from entries group by owner_id order by count(*) desc, owner_id limit 1",
  );
  return {
    running: runIds,
    targets: [
      { name: "static page (ceiling)", path: "/icon.svg" },
      { name: "boards page", path: "/" },
      { name: "board API", path: "/api/boards/5" },
      { name: "entry page", path: `/entries/${entry.rows[0]!.id}` },
      { name: "participant page", path: `/participants/${participant.rows[0]!.id}` },
      { name: "queue", path: "/queue" },
    ],
  };
}

/** Statements that read run_events: each live snapshot read makes exactly one, and nothing else does while only streams run. */
async function runEventReads(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    "select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = 'run_events'",
  );
  return Number(rows[0]?.n ?? 0);
}

let stopping = false;
let site: ChildProcess | undefined;

async function main(): Promise<void> {
  log("bench", `seeding ${scale.participants} participants, ${scale.entries} entries, ${scale.runs} runs (${scale.running} running)`);
  let started = Date.now();
  await recreateDatabase();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await seedBench(client, scale);
  const counts = await client.query<{ epochs: string; results: string }>(
    "select (select count(*) from epoch_metrics) as epochs, (select count(*) from budget_results) as results",
  );
  log("bench", `seeded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${counts.rows[0]!.results} results, ${counts.rows[0]!.epochs} epoch rows`);

  await ensureNextBuild();
  site = startSite();
  await waitUntilUp();
  const runIds = (
    await client.query<{ id: string }>("select r.id from runs r join entries e on e.id = r.entry_id where r.state = 'running' and not e.hidden order by r.id")
  ).rows.map((row) => row.id);
  const { targets: pages } = await targets(client, runIds);

  log("bench", `opening ${streamCount} live streams on ${runIds.length} running runs; a worker reports progress on each every second`);
  const streams = await openStreams(origin, runIds, streamCount);
  const reporter = reportProgressEverySecond(runIds);
  await sleep(12_000);
  // Steady state: statistics reach pg_stat a second or so late, at the same rate at both ends of the window.
  const readsBefore = await runEventReads(client);
  const changesBefore = reporter.changes();
  const eventsBefore = streams.events();
  started = Date.now();
  await sleep(20_000);
  const window = (Date.now() - started) / 1000;
  const reads = (await runEventReads(client)) - readsBefore;
  const changes = reporter.changes() - changesBefore;
  const events = streams.events() - eventsBefore;
  const streamLine =
    `${streamCount} streams on ${runIds.length} runs over ${window.toFixed(0)} s: ${changes} progress changes, ` +
    `${reads} snapshot reads (${(reads / Math.max(changes, 1)).toFixed(2)} per run per change), ` +
    `${events} snapshot events delivered (${(events / Math.max(changes, 1)).toFixed(1)} per change), ${streams.failures()} stream failures`;
  log("bench", streamLine);

  const results: LoadResult[] = [];
  for (const page of pages) {
    // Warm-up: the first rendering (a cold board read at 10x takes seconds), then compiled code paths under load.
    await fetch(origin + page.path);
    await drive(origin, page, connections, 2);
    const result = await drive(origin, page, connections, seconds);
    log("bench", `${page.name}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`);
    results.push(result);
    // Answers the load generator gave up on are still being rendered: one more request of the page waits behind them,
    // so that the next page is measured on an idle server.
    await fetch(origin + page.path).catch(() => undefined);
  }
  await reporter.stop();
  streams.close();

  console.log(
    `\n## bench:web — scale ${values.scale} (${scale.participants} participants, ${scale.entries} entries, ${scale.runs} runs), ` +
      `${connections} connections, ${seconds} s per page, while ${streamCount} live streams stay open\n`,
  );
  console.log(formatTable(results, results[0]!));
  console.log(`\nlive streams: ${streamLine}; ${streams.failures()} stream failures in all`);
  await client.end();
}

try {
  await main();
} finally {
  stopping = true;
  site?.kill("SIGTERM");
  await closeRunListener();
  await closeDb();
}
process.exit(0);
