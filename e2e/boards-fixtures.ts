/**
 * Verified results for the boards' end-to-end tests, written straight into the site's database
 * (training them for real is the verification spec's job), and removed afterwards so that the
 * other specs see the boards as they left them.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { factsOfStoredSpec } from "../lib/entries/spec-facts";
import { databaseUrl } from "../tests/database";

const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e");
export const PREFIX = "e2e-boards";

// Playwright's loader cannot import JSON modules (lib/spec's examples): the files are read instead.
const example = (slug: string): unknown => JSON.parse(readFileSync(`lib/spec/examples/${slug}.json`, "utf8"));

const SPECS = { mlp: example("mlp-baseline"), sean: example("sean-moriarity"), resnet: example("small-resnet-onecycle") };

type Run = { accuracy: number; daysAgo: number; seed?: number; extraSeed?: boolean };
type Entry = { owner: string; name: string; spec: keyof typeof SPECS; runs: Run[] };

/** On the 5-epoch board: Ada has two entries; Grace has two extra seeds; Linus is far behind. */
export const ENTRIES: Entry[] = [
  { owner: "Ada", name: `${PREFIX} ada-wide`, spec: "resnet", runs: [{ accuracy: 0.93, daysAgo: 2 }] },
  { owner: "Ada", name: `${PREFIX} ada-narrow`, spec: "mlp", runs: [{ accuracy: 0.925, daysAgo: 1 }] },
  {
    owner: "Grace",
    name: `${PREFIX} grace-cnn`,
    spec: "sean",
    runs: [
      { accuracy: 0.928, daysAgo: 3, seed: 42 },
      { accuracy: 0.926, daysAgo: 0.5, seed: 1, extraSeed: true },
      { accuracy: 0.931, daysAgo: 0.4, seed: 2, extraSeed: true },
    ],
  },
  { owner: "Linus", name: `${PREFIX} linus-tiny`, spec: "mlp", runs: [{ accuracy: 0.8, daysAgo: 4 }] },
];

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function insertBoardFixtures(): Promise<void> {
  await withClient(async (client) => {
    const owners = new Map<string, string>();
    for (const entry of ENTRIES) {
      if (!owners.has(entry.owner)) {
        const { rows } = await client.query<{ id: string }>("insert into users (name) values ($1) returning id", [`${PREFIX} ${entry.owner}`]);
        owners.set(entry.owner, rows[0]!.id);
      }
      // As a submission stores them.
      const facts = factsOfStoredSpec(SPECS[entry.spec]);
      const { rows } = await client.query<{ id: string }>(
        "insert into entries (owner_id, name, spec, spec_version, spec_hash, params, flops) values ($1, $2, $3, 1, $4, $5, $6) returning id",
        [owners.get(entry.owner), entry.name, JSON.stringify(SPECS[entry.spec]), `${PREFIX}-${entry.spec}`, facts?.params ?? null, facts?.flops ?? null],
      );
      for (const run of entry.runs) {
        const finished = new Date(Date.now() - run.daysAgo * 86_400_000);
        const { rows: runRows } = await client.query<{ id: string }>(
          `insert into runs (entry_id, budgets, state, reason, seed, seed_override, priority, queued_at, finished_at)
           values ($1, '{5}', 'verified', $2, $3, $4, $5, $6, $6) returning id`,
          [rows[0]!.id, run.extraSeed ? "extra seed" : "submission", run.seed ?? 42, run.extraSeed ? run.seed : null, run.extraSeed ? -10 : 0, finished],
        );
        await client.query(
          `insert into budget_results (run_id, budget, test_accuracy, test_loss, per_class_accuracy, confusion_matrix)
           values ($1, 5, $2, 0.3, $3, $4)`,
          [runRows[0]!.id, run.accuracy, JSON.stringify(Array(10).fill(run.accuracy)), JSON.stringify(Array.from({ length: 10 }, () => Array(10).fill(100)))],
        );
      }
    }
  });
}

export async function deleteBoardFixtures(): Promise<void> {
  await withClient(async (client) => {
    const entries = `select e.id from entries e join users u on u.id = e.owner_id where u.name like '${PREFIX} %'`;
    await client.query(`delete from budget_results where run_id in (select id from runs where entry_id in (${entries}))`);
    await client.query(`delete from runs where entry_id in (${entries})`);
    await client.query(`delete from entries where id in (${entries})`);
    await client.query(`delete from users where name like '${PREFIX} %'`);
  });
}
