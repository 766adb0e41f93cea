import { sql, type SQL } from "drizzle-orm";
import { developmentRunSql } from "@/lib/runs/development-run";

/**
 * The one rule for a result that may rank, as SQL over a runs alias and an entries alias (fixed
 * identifiers, never input): a verified run trained on all the data with the spec's own seed (an
 * extra-seed run only feeds the seed spread), of an entry that is neither hidden nor withdrawn.
 */
export function rankableRunSql(run: string, entry: string): SQL {
  return sql.raw(
    `${run}.state = 'verified' and not (${developmentRunSql(run)}) and ${run}.seed_override is null and not ${entry}.hidden and ${entry}.withdrawn_at is null`,
  );
}

/** drizzle hands timestamps in raw queries back as PostgreSQL's text. */
export function isoTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
