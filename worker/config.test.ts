import { describe, expect, test } from "vitest";
import { defaultEngineMemoryLimitMb, readWorkerConfig } from "./config";

describe("the engine's memory cap", () => {
  test("by default three quarters of the machine's memory, shared among the concurrent engines", () => {
    const gib = 2 ** 30;
    expect(defaultEngineMemoryLimitMb(1, 16 * gib)).toBe(12 * 1024);
    expect(defaultEngineMemoryLimitMb(4, 16 * gib)).toBe(3 * 1024);
    expect(defaultEngineMemoryLimitMb(64, 16 * gib)).toBe(1024);
    expect(readWorkerConfig({ WORKER_CONCURRENCY: "2" }).engineMemoryLimitMb).toBe(defaultEngineMemoryLimitMb(2));
  });

  test("CATWALK_ENGINE_MEMORY_LIMIT_MB sets it, and a bad value is refused naming the variable", () => {
    expect(readWorkerConfig({ CATWALK_ENGINE_MEMORY_LIMIT_MB: "2048" }).engineMemoryLimitMb).toBe(2048);
    expect(() => readWorkerConfig({ CATWALK_ENGINE_MEMORY_LIMIT_MB: "lots" })).toThrow(/CATWALK_ENGINE_MEMORY_LIMIT_MB must be a positive whole number/);
  });
});
