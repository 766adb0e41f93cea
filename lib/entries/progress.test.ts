import { expect, test } from "vitest";
import { formatSeconds } from "./progress";

test("durations read as seconds, minutes, or hours and minutes", () => {
  expect([formatSeconds(42.4), formatSeconds(600), formatSeconds(3_900)]).toEqual(["42 s", "10 min", "1 h 05 min"]);
});
