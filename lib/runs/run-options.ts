import { DEV_TRAIN_LIMIT_MAX } from "@/lib/spec/estimate";
import { BUDGETS } from "@/lib/spec/schema";
import { RunRequestError } from "./errors";

/** A run's budgets: a non-empty set of 5, 20 and 50, returned sorted without repeats. */
export function checkBudgets(budgets: readonly number[], field = "budgets"): number[] {
  const allowed: readonly number[] = BUDGETS;
  if (budgets.length === 0 || budgets.some((budget) => !allowed.includes(budget))) {
    throw new RunRequestError("invalid_budgets", `${field} must be one or more of ${BUDGETS.join(", ")} epochs, not [${budgets.join(", ")}]`, field);
  }
  return [...new Set(budgets)].sort((a, b) => a - b);
}

/** A development run's training images: null (the full data) or a whole number up to the development slice. */
export function checkLimit(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > DEV_TRAIN_LIMIT_MAX) {
    throw new RunRequestError("invalid_limits", `${field} must be a whole number of images from 1 to ${DEV_TRAIN_LIMIT_MAX} or null, not ${value}`, field);
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row (and must not reach PostgreSQL as one). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
