import { expect, test } from "vitest";
import { formatDuration } from "./duration";

test("seconds, minutes, hours with minutes, and whole hours from ten on", () => {
  expect([42.4, 59.4, 59.6, 600, 3_900, 6_600, 36_000, 43_200, 59_000].map(formatDuration)).toEqual([
    "42 s",
    "59 s",
    "1 min",
    "10 min",
    "1 h 05 min",
    "1 h 50 min",
    "10 h",
    "12 h",
    "16 h",
  ]);
});
