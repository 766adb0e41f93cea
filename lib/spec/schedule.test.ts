import { describe, expect, it } from "vitest";
import { dependsOnTotalEpochs, learningRateAt, momentumAt, sharesBudgets } from "./schedule";
import type { Schedule } from "./schema";

const TOTAL = 1000;

describe("learningRateAt", () => {
  it("Sean's exponential decay: 5e-3 at step 0, halved at 1850, quartered at 3700, smooth in between", () => {
    const sean: Schedule = { type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850, staircase: false };
    expect(learningRateAt(sean, 0, 93_750)).toBe(0.005);
    expect(learningRateAt(sean, 1850, 93_750)).toBeCloseTo(0.0025, 15);
    expect(learningRateAt(sean, 3700, 93_750)).toBeCloseTo(0.00125, 15);
    expect(learningRateAt(sean, 925, 93_750)).toBeCloseTo(0.005 * Math.SQRT1_2, 15);
  });

  it("staircase floors the exponent", () => {
    const stairs: Schedule = { type: "exponential", lr: 1, decayRate: 0.5, transitionSteps: 100, staircase: true };
    expect([0, 99, 100, 199, 200].map((step) => learningRateAt(stairs, step, TOTAL))).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it("step decays by gamma every stepSize steps", () => {
    const step: Schedule = { type: "step", lr: 0.1, gamma: 0.1, stepSize: 300 };
    expect(learningRateAt(step, 299, TOTAL)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(step, 300, TOTAL)).toBeCloseTo(0.01, 15);
    expect(learningRateAt(step, 900, TOTAL)).toBeCloseTo(0.0001, 15);
  });

  it("cosine goes from lr to finalLr over the total", () => {
    const cosine: Schedule = { type: "cosine", lr: 0.1, finalLr: 0.001 };
    expect(learningRateAt(cosine, 0, TOTAL)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(cosine, TOTAL / 2, TOTAL)).toBeCloseTo(0.0505, 15);
    expect(learningRateAt(cosine, TOTAL, TOTAL)).toBeCloseTo(0.001, 15);
  });

  it("one-cycle follows PyTorch OneCycleLR: maxLr/divFactor, up to maxLr at pctStart·total − 1, down to maxLr/(divFactor·finalDivFactor)", () => {
    const cycle: Schedule = { type: "onecycle", maxLr: 0.1, pctStart: 0.25, divFactor: 25, finalDivFactor: 1e4, momentumCycle: null };
    // What PyTorch 2.13's OneCycleLR(max_lr=0.1, total_steps=1000, pct_start=0.25) gives before each step.
    const pytorch: [number, number][] = [
      [0, 0.0040000000000000036],
      [1, 0.0040038203797271715],
      [100, 0.037397759242581124],
      [249, 0.1],
      [250, 0.09999956135331148],
      [600, 0.055018265670217774],
      [999, 4e-7],
    ];
    for (const [step, lr] of pytorch) expect(learningRateAt(cycle, step, TOTAL)).toBeCloseTo(lr, 14);
  });

  it("warm-up ramps linearly from startFactor to the inner schedule's first value, then runs it on the remaining steps", () => {
    const warmup: Schedule = { type: "warmup", steps: 100, startFactor: 0.1, then: { type: "cosine", lr: 0.01, finalLr: 0 } };
    expect(learningRateAt(warmup, 0, TOTAL)).toBeCloseTo(0.001, 15);
    expect(learningRateAt(warmup, 50, TOTAL)).toBeCloseTo(0.0055, 15);
    expect(learningRateAt(warmup, 100, TOTAL)).toBeCloseTo(0.01, 15);
    // The cosine's total is TOTAL − 100: half-way through it is step 100 + 450.
    expect(learningRateAt(warmup, 550, TOTAL)).toBeCloseTo(0.005, 15);
  });
});

describe("the budget sharing rule", () => {
  it("cosine and one-cycle, directly or after a warm-up, depend on the total; the others do not", () => {
    const schedules: [Schedule, boolean][] = [
      [{ type: "constant", lr: 0.1 }, false],
      [{ type: "step", lr: 0.1, gamma: 0.1, stepSize: 10 }, false],
      [{ type: "exponential", lr: 0.1, decayRate: 0.5, transitionSteps: 10, staircase: false }, false],
      [{ type: "cosine", lr: 0.1, finalLr: 0 }, true],
      [{ type: "onecycle", maxLr: 0.1, pctStart: 0.25, divFactor: 25, finalDivFactor: 1e4, momentumCycle: null }, true],
      [{ type: "warmup", steps: 10, startFactor: 0, then: { type: "constant", lr: 0.1 } }, false],
      [{ type: "warmup", steps: 10, startFactor: 0, then: { type: "cosine", lr: 0.1, finalLr: 0 } }, true],
    ];
    for (const [schedule, depends] of schedules) {
      expect(dependsOnTotalEpochs(schedule)).toBe(depends);
      expect(sharesBudgets(schedule)).toBe(!depends);
    }
  });

  it("where budgets are shared, the first steps of a long run equal a short run's, step for step", () => {
    const sean: Schedule = { type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850, staircase: false };
    const short = 5 * 1875;
    const long = 50 * 1875;
    for (let step = 0; step < short; step += 97) expect(learningRateAt(sean, step, long)).toBe(learningRateAt(sean, step, short));
    const cosine: Schedule = { type: "cosine", lr: 0.1, finalLr: 0 };
    expect(learningRateAt(cosine, short - 1, long)).not.toBeCloseTo(learningRateAt(cosine, short - 1, short), 3);
  });
});

describe("momentum cycling", () => {
  it("cycles β1 as PyTorch 2.13's OneCycleLR(max_lr=0.01, total_steps=295, pct_start=0.3) does on AdamW", () => {
    const recipe: Schedule = { type: "onecycle", maxLr: 0.01, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4, momentumCycle: { base: 0.85, max: 0.95 } };
    const pytorch: [number, number][] = [
      [0, 0.95],
      [1, 0.949967776182166],
      [50, 0.8888739533021842],
      [87, 0.8500080566035471],
      [88, 0.8500014465636796],
      [200, 0.9070130539110787],
      [294, 0.95],
    ];
    for (const [step, beta1] of pytorch) expect(momentumAt(recipe, step, 295), `step ${step}`).toBeCloseTo(beta1, 12);
  });

  it("is null when nothing cycles, and a warm-up holds the cycle's first value", () => {
    expect(momentumAt({ type: "onecycle", maxLr: 0.1, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4, momentumCycle: null }, 5, 100)).toBeNull();
    expect(momentumAt({ type: "constant", lr: 0.1 }, 5, 100)).toBeNull();
    const then: Schedule = { type: "onecycle", maxLr: 0.1, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4, momentumCycle: { base: 0.8, max: 0.9 } };
    const warm: Schedule = { type: "warmup", steps: 10, startFactor: 0, then: then as Extract<Schedule, { type: "onecycle" }> };
    expect(momentumAt(warm, 3, 110)).toBe(0.9);
    expect(momentumAt(warm, 40, 110)).toBe(momentumAt(then, 30, 100));
  });
});
