import { describe, expect, test } from "vitest";
import { formatDate, formatTime } from "./time";

describe("the site's one time format", () => {
  test("a time is shown in UTC to the minute, from an ISO string or a Date", () => {
    expect(formatTime("2026-12-02T14:05:59.999Z")).toBe("2026-12-02 14:05 UTC");
    expect(formatTime(new Date("2026-12-02T23:30:00+02:00"))).toBe("2026-12-02 21:30 UTC");
  });

  test("a date is the UTC calendar day", () => {
    expect(formatDate("2026-12-02T23:59:00-05:00")).toBe("2026-12-03");
    expect(formatDate(new Date("2026-01-09T00:00:00Z"))).toBe("2026-01-09");
  });
});
