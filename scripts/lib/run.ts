import { spawn, type SpawnOptions } from "node:child_process";

export const ROOT = process.cwd();

/** A command that ran and exited with a non-zero status (`code`) or was ended by a signal. */
export class CommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    signal: NodeJS.Signals | null,
  ) {
    super(`${command} exited with ${signal ?? code}`);
  }
}

/** Runs a command to completion with inherited output; rejects with a CommandFailed. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandFailed(`${command} ${args.join(" ")}`, code, signal));
    });
  });
}

/** Runs a command and returns its stdout (stderr passes through). */
export function capture(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], ...options });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new CommandFailed(`${command} ${args.join(" ")}`, code, signal));
    });
  });
}

/** A progress line, on stderr: stdout stays free for what a command outputs (the engine's protocol). */
export function log(step: string, message: string): void {
  console.error(`[${step}] ${message}`);
}
