/**
 * A development run trains on a subset of the data (its trainLimit is set): it is never ranked and
 * nobody but its owner sees it. This is the one definition, in TypeScript and in SQL.
 */
export const isDevelopmentRun = (run: { trainLimit: number | null }): boolean => run.trainLimit !== null;

/** The same test as SQL text for the runs table under `alias` (a fixed identifier, never input). */
export const developmentRunSql = (alias: string): string => `${alias}.train_limit is not null`;
