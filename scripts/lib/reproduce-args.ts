/** `npm run reproduce`'s command line: which entry, on which site, which budgets, which run. */
import { BUDGETS } from "@/lib/spec/schema";

export const DEFAULT_SITE = "http://127.0.0.1:3000";
export const USAGE = `usage: npm run reproduce -- <entry URL | entry id> [--site ${DEFAULT_SITE}] [--budgets 5,20] [--run <run id>]`;

export type ReproduceArgs = { entryId: string; site: string; budgets: number[] | null; runId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An entry's page or its API address: /entries/<id> or /api/entries/<id>, with anything after it. */
const ENTRY_PATH = /^(?:\/api)?\/entries\/([^/?#]+)/;

function siteOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

function parseBudgets(text: string): number[] | string {
  const budgets = text.split(",").map((part) => Number(part.trim()));
  if (budgets.length === 0 || budgets.some((budget) => !(BUDGETS as readonly number[]).includes(budget))) {
    return `--budgets: give one or more of ${BUDGETS.join(", ")}, comma-separated, not ${JSON.stringify(text)}`;
  }
  return [...new Set(budgets)].sort((a, b) => a - b);
}

/** The arguments, or the message of a usage error (exit code 2). */
export function parseReproduceArgs(argv: readonly string[]): ReproduceArgs | { error: string } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!["site", "budgets", "run"].includes(name)) return { error: `unknown option --${name}` };
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === "") return { error: `--${name} needs a value` };
    options[name] = value;
  }
  if (positional.length !== 1) return { error: positional.length === 0 ? "give the entry's URL or id" : `one entry at a time, not ${positional.length}` };
  const target = positional[0]!;

  let entryId = target;
  let site = DEFAULT_SITE;
  if (!UUID.test(target)) {
    const origin = siteOrigin(target);
    const match = origin ? ENTRY_PATH.exec(new URL(target).pathname) : null;
    if (!origin || !match) return { error: `${JSON.stringify(target)} is neither an entry id nor an entry's URL (…/entries/<id>)` };
    entryId = decodeURIComponent(match[1]!);
    site = origin;
    if (!UUID.test(entryId)) return { error: `${JSON.stringify(entryId)} in the URL is not an entry id` };
  }
  if (options.site !== undefined) {
    const origin = siteOrigin(options.site);
    if (!origin) return { error: `--site: give the site's address, such as ${DEFAULT_SITE}, not ${JSON.stringify(options.site)}` };
    site = origin;
  }
  const budgets = options.budgets === undefined ? null : parseBudgets(options.budgets);
  if (typeof budgets === "string") return { error: budgets };
  const runId = options.run ?? null;
  if (runId !== null && !UUID.test(runId)) return { error: `--run: ${JSON.stringify(runId)} is not a run id` };
  return { entryId: entryId.toLowerCase(), site, budgets, runId };
}
