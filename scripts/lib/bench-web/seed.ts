/**
 * A community-sized database for `npm run bench:web`, written in a few set-based statements:
 * participants, entries (the shipped examples, each with its own seed, so every spec is distinct),
 * runs in every state with their per-epoch metrics, results and events, and a handful of runs
 * training now for the live streams. Ids are derived from the row number, so the data is the
 * same on every machine; `setseed` fixes the accuracies.
 */
import type pg from "pg";
import { EXAMPLES, checkSpec } from "@/lib/spec";

export interface BenchScale {
  participants: number;
  entries: number;
  runs: number;
  /** Runs in the `running` state, the live streams' targets. */
  running: number;
}

export function benchScale(factor: number, running: number): BenchScale {
  return { participants: 1_000 * factor, entries: 3_000 * factor, runs: 10_000 * factor, running };
}

const userId = (expr: string) => `md5('bench-user-' || (${expr}))::uuid`;
const entryId = (expr: string) => `md5('bench-entry-' || (${expr}))::uuid`;
const runId = (expr: string) => `md5('bench-run-' || (${expr}))::uuid`;

/** The shipped examples, normalised, with their model sizes as a submission stores them. */
function exampleSpecs(): { spec: unknown; params: number; flops: number }[] {
  return EXAMPLES.map((example) => {
    const checked = checkSpec(example.spec);
    if (!checked.ok) throw new Error(`example ${example.slug} does not pass the checks`);
    return { spec: checked.spec, params: checked.analysis.params, flops: checked.analysis.flops };
  });
}

/**
 * The run with number j (1-based, oldest first): its state. About 70 % verified, the rest
 * failed, cancelled or timed out; the newest are queued, and `running` of them train now.
 */
function runStateSql(scale: BenchScale): string {
  const queuedFrom = scale.runs - Math.max(scale.running, Math.round(scale.runs * 0.01));
  const runningFrom = scale.runs - scale.running;
  return `case
    when j > ${runningFrom} then 'running'
    when j > ${queuedFrom} then 'queued'
    when j % 10 < 7 then 'verified'
    when j % 10 = 7 then 'failed'
    when j % 10 = 8 then 'cancelled'
    else 'timed_out' end::run_state`;
}

export async function seedBench(client: pg.Client, scale: BenchScale): Promise<void> {
  const { participants: U, entries: E, runs: R } = scale;
  // One year of history, oldest run first.
  const step = `(interval '365 days' / ${R})`;
  await client.query("begin");
  await client.query("select setseed(0.42)");
  await client.query(`
    insert into users (id, name, created_at)
    select ${userId("i")}, 'Participant ' || i, now() - interval '400 days' + i * interval '1 minute'
    from generate_series(1, ${U}) i`);
  await client.query(
    `insert into entries (id, owner_id, name, description, spec, spec_version, spec_hash, params, flops, hidden, created_at)
    select ${entryId("i")}, ${userId(`1 + (i * 7919) % ${U}`)}, 'Entry ' || i, 'A benchmark entry',
      s.spec, 1, encode(sha256(convert_to(s.spec::text, 'UTF8')), 'hex'), (x.example ->> 'params')::bigint, (x.example ->> 'flops')::bigint,
      i % 100 = 0, now() - interval '380 days' + i * (interval '365 days' / ${E})
    from generate_series(1, ${E}) i
    cross join lateral (select $1::jsonb -> ((i - 1) % jsonb_array_length($1::jsonb)) as example) x
    cross join lateral (select jsonb_set(x.example -> 'spec', '{seed}', to_jsonb(i)) as spec) s`,
    [JSON.stringify(exampleSpecs())],
  );
  await client.query(`
    insert into runs (id, entry_id, budgets, state, reason, train_limit, attempt, worker_id, lease_expires_at, heartbeat_at,
      progress, queued_at, started_at, finished_at, wall_seconds, shared_budgets, spec_hash, seed,
      engine_version, torch_version, device, threads, hardware, error_kind, error)
    select ${runId("j")}, e.id, b.budgets, st.state, 'submission', case when j % 20 = 0 then 5000 end,
      case when st.state = 'queued' then 0 else 1 end,
      case when st.state = 'running' then 'bench-worker' end,
      case when st.state = 'running' then now() + interval '1 day' end,
      case when st.state = 'running' then now() end,
      case when st.state = 'running' then jsonb_build_object('epochsDone', 1, 'epochsTotal', 5, 'runEpochs', 5, 'epoch', 2, 'step', 0,
        'steps', 59, 'budgetsDone', '[]'::jsonb, 'etaSeconds', 600, 'updatedAt', now()) end,
      t.queued_at,
      case when st.state <> 'queued' then t.queued_at + interval '1 minute' end,
      case when st.state not in ('queued', 'running') then t.queued_at + interval '20 minutes' end,
      case when st.state not in ('queued', 'running') then 1140 end,
      false, e.spec_hash, (e.spec ->> 'seed')::int,
      '1.2.0', '2.13.0+cpu', 'cpu', 2, 'AMD EPYC (2 logical CPUs)',
      case when st.state = 'failed' then 'engine' end,
      case when st.state = 'failed' then 'the engine exited with code 1' end
    from generate_series(1, ${R}) j
    join entries e on e.id = ${entryId(`1 + (j - 1) % ${E}`)}
    cross join lateral (select array(select jsonb_array_elements_text(e.spec -> 'budgets')::int) as budgets) b
    cross join lateral (select now() - interval '366 days' + j * ${step} as queued_at) t
    cross join lateral (select ${runStateSql(scale)} as state) st`);
  await client.query(`
    insert into budget_results (run_id, budget, test_accuracy, test_loss, per_class_accuracy, confusion_matrix, seconds, misclassified, created_at)
    select r.id, b.budget, a.accuracy, 0.3 + random() * 0.1,
      (select jsonb_agg(round((a.accuracy + (k - 4.5) / 100)::numeric, 4)) from generate_series(0, 9) k),
      (select jsonb_agg((select jsonb_agg(case when p = l then 900 else 11 end) from generate_series(0, 9) p)) from generate_series(0, 9) l),
      b.budget * 40, '[]'::jsonb, r.finished_at
    from runs r
    cross join lateral unnest(r.budgets) as b(budget)
    cross join lateral (select 0.80 + random() * 0.12 + b.budget / 5000.0 as accuracy) a
    where r.state = 'verified'`);
  await client.query(`
    insert into epoch_metrics (run_id, run_epochs, epoch, train_loss, train_accuracy, lr, seconds)
    select r.id, b.budget, n, 1.0 / n + random() * 0.05, 0.95 - 0.3 / n, 0.01 * sin(pi() * n / (b.budget + 1)), 40
    from runs r
    cross join lateral unnest(r.budgets) as b(budget)
    cross join lateral generate_series(1, b.budget) n
    where r.state = 'verified'`);
  await client.query(`
    insert into run_events (run_id, from_state, to_state, actor, reason, at)
    select r.id, ev.from_state::run_state, ev.to_state::run_state, 'bench', null, r.queued_at
    from runs r
    cross join lateral (values (null, 'queued', 0), ('queued', 'running', 1), ('running', r.state::text, 2)) as ev(from_state, to_state, n)
    where ev.n = 0 or (ev.n = 1 and r.state <> 'queued') or (ev.n = 2 and r.state not in ('queued', 'running'))`);
  await client.query("commit");
  await client.query("analyze");
}
