import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { readWorkerConfig } from "@/worker/config";
import { readRunSettings } from "./settings";

describe("the budget time limit", () => {
  test("is one setting: what the submit form states is what the worker enforces", () => {
    const env = parseEnv({ CATWALK_BUDGET_TIME_LIMIT_SECONDS: "600" });
    expect(readRunSettings(env).budgetTimeLimitSeconds).toBe(600);
    expect(readWorkerConfig(env).budgetTimeLimitSeconds).toBe(600);
  });
});
