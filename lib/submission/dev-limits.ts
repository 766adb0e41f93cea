/**
 * Train/test limits make a run on a subset of the data: useful for development and tests,
 * never ranked. They are accepted only where the operator turned them on.
 */
export function devLimitsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.CATWALK_DEV_LIMITS === "1";
}
