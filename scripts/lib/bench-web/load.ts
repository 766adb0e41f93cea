import autocannon from "autocannon";

export interface Target {
  name: string;
  path: string;
}

export interface LoadResult extends Target {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
  requests: number;
}

/** Drives one path with `connections` concurrent keep-alive connections for `seconds`. */
export async function drive(origin: string, target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url: origin + target.path, connections, duration: seconds, timeout: 10 });
  return {
    ...target,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** The table the benchmark prints: one row per target, its throughput also as a share of the static page's. */
export function formatTable(results: readonly LoadResult[], ceiling: LoadResult): string {
  const header = ["target", "path", "req/s", "p50 ms", "p99 ms", "errors", "vs static"];
  const rows = results.map((result) => [
    result.name,
    result.path,
    result.requestsPerSecond.toFixed(0),
    result.p50Ms.toFixed(0),
    result.p99Ms.toFixed(0),
    String(result.errors),
    `${((100 * result.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(0)} %`,
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
