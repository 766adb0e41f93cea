/** The learning-rate schedules of docs/spec.md, as pure functions of the optimiser step. */
import type { BaseSchedule, Schedule } from "./schema";

/** Cosine interpolation from `start` (pct 0) to `end` (pct 1), as PyTorch's OneCycleLR anneals. */
function cosineAnneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

/** PyTorch OneCycleLR, cosine annealing, two phases; `step` is its `last_epoch`. */
function oneCycle(schedule: Extract<BaseSchedule, { type: "onecycle" }>, step: number, totalSteps: number): number {
  const initialLr = schedule.maxLr / schedule.divFactor;
  const minLr = initialLr / schedule.finalDivFactor;
  const warmupEnd = schedule.pctStart * totalSteps - 1;
  const end = totalSteps - 1;
  if (step <= warmupEnd) return cosineAnneal(initialLr, schedule.maxLr, warmupEnd > 0 ? step / warmupEnd : 1);
  const span = end - warmupEnd;
  return cosineAnneal(schedule.maxLr, minLr, span > 0 ? Math.min(1, (step - warmupEnd) / span) : 1);
}

/**
 * PyTorch OneCycleLR's cycle_momentum: from `max` at step 0 down to `base` where the rate
 * peaks, then back up to `max` at the last step (the same cosine phases as the rate).
 */
function oneCycleMomentum(schedule: Extract<BaseSchedule, { type: "onecycle" }>, cycle: { base: number; max: number }, step: number, totalSteps: number): number {
  const warmupEnd = schedule.pctStart * totalSteps - 1;
  const end = totalSteps - 1;
  if (step <= warmupEnd) return cosineAnneal(cycle.max, cycle.base, warmupEnd > 0 ? step / warmupEnd : 1);
  const span = end - warmupEnd;
  return cosineAnneal(cycle.base, cycle.max, span > 0 ? Math.min(1, (step - warmupEnd) / span) : 1);
}

function baseRateAt(schedule: BaseSchedule, step: number, totalSteps: number): number {
  switch (schedule.type) {
    case "constant":
      return schedule.lr;
    case "step":
      return schedule.lr * schedule.gamma ** Math.floor(step / schedule.stepSize);
    case "exponential": {
      const exponent = step / schedule.transitionSteps;
      return schedule.lr * schedule.decayRate ** (schedule.staircase ? Math.floor(exponent) : exponent);
    }
    case "cosine":
      return schedule.finalLr + ((schedule.lr - schedule.finalLr) * (1 + Math.cos((Math.PI * step) / totalSteps))) / 2;
    case "onecycle":
      return oneCycle(schedule, step, totalSteps);
  }
}

/**
 * The learning rate before optimiser step `step` (0-based, counted over the whole run)
 * of a run of `totalSteps` steps (the budget's epochs × steps per epoch).
 */
export function learningRateAt(schedule: Schedule, step: number, totalSteps: number): number {
  if (schedule.type !== "warmup") return baseRateAt(schedule, step, totalSteps);
  const remaining = totalSteps - schedule.steps;
  if (step < schedule.steps) {
    const factor = schedule.startFactor + ((1 - schedule.startFactor) * step) / schedule.steps;
    return baseRateAt(schedule.then, 0, remaining) * factor;
  }
  return baseRateAt(schedule.then, step - schedule.steps, remaining);
}

/**
 * The momentum (SGD's momentum, Adam's β1) before optimiser step `step`, when the schedule
 * cycles it; null when it does not, and the optimiser's own value holds. A warm-up holds
 * its one-cycle's first momentum, as it holds its first rate.
 */
export function momentumAt(schedule: Schedule, step: number, totalSteps: number): number | null {
  const inner = schedule.type === "warmup" ? schedule.then : schedule;
  if (inner.type !== "onecycle" || inner.momentumCycle === null) return null;
  if (schedule.type !== "warmup") return oneCycleMomentum(inner, inner.momentumCycle, step, totalSteps);
  const remaining = totalSteps - schedule.steps;
  return oneCycleMomentum(inner, inner.momentumCycle, Math.max(0, step - schedule.steps), remaining);
}

/** Whether the schedule's values depend on the run's total length (cosine or one-cycle anywhere in it). */
export function dependsOnTotalEpochs(schedule: Schedule): boolean {
  const inner = schedule.type === "warmup" ? schedule.then : schedule;
  return inner.type === "cosine" || inner.type === "onecycle";
}

/**
 * The budget sharing rule: when nothing depends on the total epoch count, the first k
 * epochs of a longer run are step for step a k-epoch run, so one run to the largest
 * budget yields the smaller budgets as exact checkpoints. Otherwise each budget trains
 * separately from scratch.
 */
export function sharesBudgets(schedule: Schedule): boolean {
  return !dependsOnTotalEpochs(schedule);
}
