/**
 * Entries with verified runs written straight into the e2e database, as the worker records them
 * (epochs, checkpoint results with misclassified test images), so the entry and compare pages can
 * be tested without training for minutes.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { entrySpecSchema } from "../lib/spec/schema";
import { databaseUrl } from "../tests/database";

// Read as a file: Playwright's loader cannot import lib/spec/examples.ts's JSON modules.
export const SEAN_NORMALISED = entrySpecSchema.parse(JSON.parse(readFileSync("lib/spec/examples/sean-moriarity.json", "utf8")));

/** The first test images' true labels (Fashion-MNIST's t10k labels 0, 1, 2: Ankle boot, Pullover, Trouser). */
export const MISCLASSIFIED = [
  { index: 0, label: 9, predicted: 7 },
  { index: 1, label: 2, predicted: 4 },
  { index: 2, label: 1, predicted: 3 },
];

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function insertUser(client: pg.Client, name: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>("insert into users (name) values ($1) returning id", [name]);
  return rows[0]!.id;
}

export async function insertEntry(client: pg.Client, values: { ownerId: string; name: string; spec: unknown; parentId?: string; hidden?: boolean }): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    "insert into entries (owner_id, name, spec, spec_version, spec_hash, parent_id, hidden) values ($1, $2, $3, 1, $4, $5, $6) returning id",
    [values.ownerId, values.name, JSON.stringify(values.spec), `e2e-${values.name}`, values.parentId ?? null, values.hidden ?? false],
  );
  return rows[0]!.id;
}

export type VerifiedRun = { reason: string; requestedBy?: string; seedOverride?: number; seed?: number; hoursAgo: number; accuracy: number; lossScale?: number };

/** A verified 5-epoch run with five epochs of curves and one checkpoint naming three misclassified test images. */
export async function insertVerifiedRun(client: pg.Client, entryId: string, run: VerifiedRun): Promise<string> {
  const finished = new Date(Date.now() - run.hoursAgo * 3_600_000);
  const { rows } = await client.query<{ id: string }>(
    `insert into runs (entry_id, budgets, state, requested_by, reason, queued_at, started_at, finished_at, seed, seed_override, shared_budgets, engine_version, wall_seconds)
     values ($1, '{5}', 'verified', $2, $3, $4, $4, $5, $6, $7, true, 'e2e', 60) returning id`,
    [entryId, run.requestedBy ?? null, run.reason, new Date(finished.getTime() - 60_000), finished, run.seedOverride ?? run.seed ?? 42, run.seedOverride ?? null],
  );
  const runId = rows[0]!.id;
  const scale = run.lossScale ?? 1;
  for (let epoch = 1; epoch <= 5; epoch += 1) {
    await client.query(
      "insert into epoch_metrics (run_id, run_epochs, epoch, train_loss, train_accuracy, lr, seconds) values ($1, 5, $2, $3, $4, $5, 10)",
      [runId, epoch, (0.6 / epoch) * scale, 0.8 + epoch * 0.02, 0.005 * 0.5 ** epoch],
    );
  }
  const perClass = Array.from({ length: 10 }, () => run.accuracy);
  const matrix = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? Math.round(run.accuracy * 1000) : Math.round(((1 - run.accuracy) * 1000) / 9))));
  await client.query(
    `insert into budget_results (run_id, budget, test_accuracy, test_loss, per_class_accuracy, confusion_matrix, seconds, misclassified)
     values ($1, 5, $2, 0.3, $3, $4, 50, $5)`,
    [runId, run.accuracy, JSON.stringify(perClass), JSON.stringify(matrix), JSON.stringify(MISCLASSIFIED)],
  );
  return runId;
}
