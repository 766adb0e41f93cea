import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { defaultEngineMemoryLimitMb, readWorkerConfig } from "./config";

describe("the engine's memory cap", () => {
  test("by default three quarters of the machine's memory, shared among the concurrent engines", () => {
    const gib = 2 ** 30;
    expect(defaultEngineMemoryLimitMb(1, 16 * gib)).toBe(12 * 1024);
    expect(defaultEngineMemoryLimitMb(4, 16 * gib)).toBe(3 * 1024);
    expect(defaultEngineMemoryLimitMb(64, 16 * gib)).toBe(1024);
    expect(readWorkerConfig(parseEnv({ WORKER_CONCURRENCY: "2" })).engineMemoryLimitMb).toBe(defaultEngineMemoryLimitMb(2));
  });

  test("CATWALK_ENGINE_MEMORY_LIMIT_MB sets it", () => {
    expect(readWorkerConfig(parseEnv({ CATWALK_ENGINE_MEMORY_LIMIT_MB: "2048" })).engineMemoryLimitMb).toBe(2048);
  });
});
