/** Helpers for tests of runs, the worker and the fault tests: real rows, real specs, no mocks. */
import { eq } from "drizzle-orm";
import { runEvents, runs, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { entrySpecSchema, type EntrySpec, type EntrySpecInput } from "@/lib/spec/schema";

let userCounter = 0;

export async function createTestUser(role: "participant" | "admin" = "participant"): Promise<string> {
  userCounter += 1;
  const [user] = await getDb()
    .insert(users)
    .values({ name: `${role} ${userCounter} ${process.pid}`, role })
    .returning({ id: users.id });
  if (!user) throw new Error("no user row");
  return user.id;
}

/** A tiny MLP at the 5-epoch budget: with DEV_LIMITS the real engine trains it in a few seconds. Vary `seed` for distinct specs. */
export function tinySpec(seed = 1, overrides: Partial<EntrySpecInput> = {}): EntrySpec {
  return entrySpecSchema.parse({
    version: 1,
    seed,
    budgets: [5],
    model: { layers: [{ type: "flatten" }, { type: "dense", units: 16, activation: "relu" }, { type: "dense", units: 10 }] },
    loss: { type: "cross_entropy" },
    optimizer: { type: "adam" },
    schedule: { type: "constant", lr: 0.001 },
    data: { batchSize: 64 },
    ...overrides,
  });
}

/** A spec whose training loss reaches infinity within two epochs (plain deep linear layers, SGD at lr 10 with heavy momentum). */
export function divergingSpec(seed = 1): EntrySpec {
  return tinySpec(seed, {
    model: { layers: [{ type: "flatten" }, { type: "dense", units: 64 }, { type: "dense", units: 64 }, { type: "dense", units: 10 }] },
    optimizer: { type: "sgd", momentum: 0.99 },
    schedule: { type: "constant", lr: 10 },
  });
}

/** A development run: 256 training images, evaluated on the 2,000-image development slice. */
export const DEV_LIMITS = { trainLimit: 256 } as const;

export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 60_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function runRow(runId: string) {
  const [run] = await getDb().select().from(runs).where(eq(runs.id, runId));
  if (!run) throw new Error(`no run ${runId}`);
  return run;
}

export async function runEventsOf(runId: string) {
  return getDb().select().from(runEvents).where(eq(runEvents.runId, runId)).orderBy(runEvents.id);
}

