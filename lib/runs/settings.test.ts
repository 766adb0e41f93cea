import { describe, expect, test } from "vitest";
import { LIMITS } from "@/lib/spec/limits";
import { readWorkerConfig } from "@/worker/config";
import { readRunSettings } from "./settings";

describe("the budget time limit", () => {
  test("defaults to the spec's run-time limit", () => {
    expect(readRunSettings({}).budgetTimeLimitSeconds).toBe(LIMITS.secondsPerBudget);
  });

  test("is one setting: what the submit form states is what the worker enforces", () => {
    const env = { CATWALK_BUDGET_TIME_LIMIT_SECONDS: "600" };
    expect(readRunSettings(env).budgetTimeLimitSeconds).toBe(600);
    expect(readWorkerConfig(env).budgetTimeLimitSeconds).toBe(600);
  });

  test("refuses a value that is not a positive whole number, naming the variable", () => {
    expect(() => readRunSettings({ CATWALK_BUDGET_TIME_LIMIT_SECONDS: "12h" })).toThrow("CATWALK_BUDGET_TIME_LIMIT_SECONDS must be a positive whole number");
  });
});
