/** Which run states still need a worker (client-safe: plain data). */
import type { RunState } from "@/db/schema";

export const ACTIVE_RUN_STATES: readonly RunState[] = ["queued", "running"];
export const isActiveRunState = (state: RunState): boolean => ACTIVE_RUN_STATES.includes(state);
