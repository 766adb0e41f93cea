import { describe, expect, test } from "vitest";
import { attemptLabel, isPlatformFailure, LOG_TAIL_LINES, logTail } from "./attempts";

describe("attempts and failures as shown", () => {
  test("attempts are shown from 1: the database's first attempt is attempt 1 of 3", () => {
    expect(attemptLabel(0, 3)).toBe("attempt 1 of 3");
    expect(attemptLabel(2, 3)).toBe("attempt 3 of 3");
  });

  test("the platform's failures are told apart from the spec's own", () => {
    for (const kind of ["internal", "crashed", "dataset", "recording", "unresponsive", "attempts_exhausted"]) expect(isPlatformFailure(kind), kind).toBe(true);
    for (const kind of ["diverged", "timed_out", "out_of_memory", "invalid_spec", null, undefined]) expect(isPlatformFailure(kind), String(kind)).toBe(false);
  });

  test("the log tail keeps the last lines of stderr that have something on them", () => {
    const stderr = Array.from({ length: LOG_TAIL_LINES + 5 }, (_, index) => `line ${index + 1}`).join("\n\n");
    const tail = logTail(stderr)!.split("\n");
    expect(tail).toHaveLength(LOG_TAIL_LINES);
    expect(tail[0]).toBe("line 6");
    expect(tail.at(-1)).toBe(`line ${LOG_TAIL_LINES + 5}`);
    expect(logTail("  \n\n")).toBeNull();
    expect(logTail(null)).toBeNull();
  });
});
