import { expect, test } from "vitest";
import { clientIp } from "./client-ip";
import { edgeLimits } from "./limits";

test("limits come from the environment as COUNT/SECONDS, with defaults", () => {
  expect(edgeLimits({})).toEqual({
    signIn: { count: 10, windowSeconds: 60 },
    submit: { count: 20, windowSeconds: 600 },
    api: { count: 300, windowSeconds: 60 },
    streamsPerClient: 6,
    streamsTotal: 1000,
  });
  expect(edgeLimits({ CATWALK_RATE_API: "50/10", CATWALK_SSE_STREAMS_PER_CLIENT: "2" })).toMatchObject({
    api: { count: 50, windowSeconds: 10 },
    streamsPerClient: 2,
  });
});

test.each([
  ["CATWALK_RATE_SUBMIT", "20"],
  ["CATWALK_RATE_SIGNIN", "0/60"],
  ["CATWALK_SSE_STREAMS_TOTAL", "many"],
])("a malformed %s=%j is an error naming the variable", (variable, value) => {
  expect(() => edgeLimits({ [variable]: value })).toThrow(new RegExp(`^${variable} must be`));
});

test("the client address is read from the reverse proxy's headers only when CATWALK_TRUST_PROXY=1", () => {
  const headers = new Headers({ "x-forwarded-for": "192.0.2.9, 198.51.100.4", "x-real-ip": "198.51.100.5" });
  expect(clientIp(headers, {})).toBeNull();
  // The last entry is the address the trusted proxy saw; earlier ones are whatever the client claimed.
  expect(clientIp(headers, { CATWALK_TRUST_PROXY: "1" })).toBe("198.51.100.4");
  expect(clientIp(new Headers({ "x-real-ip": "198.51.100.5" }), { CATWALK_TRUST_PROXY: "1" })).toBe("198.51.100.5");
});
