/** Real worker processes for the fault tests: started like `npm start` starts one, killed like a crash. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  exited: Promise<void>;
  /** Resolves when the worker says it is working the queue (its first claim attempt succeeded). */
  ready: Promise<void>;
  isReady(): boolean;
}

/** Starts `worker/main.ts` in its own process against `databaseUrl`; its output goes to `logFile`. */
export function startWorkerProcess(databaseUrl: string, logFile: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "worker", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, CATWALK_ENGINE_THREADS: "1", CATWALK_WORKER_POLL_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("the worker process did not start");
  let ready = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const append = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    fs.appendFileSync(logFile, text);
    if (!ready && text.includes("ready: working the queue")) {
      ready = true;
      markReady();
    }
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { pid: child.pid, child, exited, ready: readyPromise, isReady: () => ready };
}

/** The process ids of `pid`'s children (the engines a worker runs). */
export function childrenOf(pid: number): number[] {
  try {
    const tasks = fs.readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((task) =>
      fs
        .readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9: no handler runs, nothing is cleaned up. */
export async function crash(worker: WorkerProcess): Promise<void> {
  worker.child.kill("SIGKILL");
  await worker.exited;
}

/** SIGTERM and wait: the worker's graceful stop. */
export async function stopGracefully(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  await worker.exited;
}
