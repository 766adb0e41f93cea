import PgBoss from "pg-boss";
import { VERIFICATION_QUEUE } from "./queues";

/** pg-boss keeps its tables in this schema, apart from Catwalk's. */
export const BOSS_SCHEMA = "pgboss";

let starting: Promise<PgBoss> | undefined;
let startedFor: string | undefined;

/**
 * The process's pg-boss instance, started once against DATABASE_URL with every queue Catwalk uses
 * created. A failed start is forgotten, so the next call tries again (the database may be restarting).
 */
export function getBoss(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue lives in Catwalk's PostgreSQL");
  if (starting && startedFor === connectionString) return starting;
  startedFor = connectionString;
  const current = startBoss(connectionString);
  starting = current;
  current.catch(() => {
    if (starting === current) starting = undefined;
  });
  return current;
}

async function startBoss(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: BOSS_SCHEMA, max: 2, schedule: false });
  // Maintenance errors (a database restart, say) must not crash the process; pg-boss retries on its own.
  boss.on("error", (error) => console.error("[queue] pg-boss:", error.message));
  await boss.start();
  await boss.createQueue(VERIFICATION_QUEUE);
  return boss;
}

export async function stopBoss(): Promise<void> {
  const current = starting;
  starting = undefined;
  startedFor = undefined;
  const boss = await current?.catch(() => undefined);
  await boss?.stop({ graceful: false, wait: true });
}
