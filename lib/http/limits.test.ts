import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientIp } from "./client-ip";
import { edgeLimits } from "./limits";

test("the edge's limits are the environment's rates and stream counts", () => {
  expect(edgeLimits(parseEnv({ CATWALK_RATE_API: "50/10", CATWALK_SSE_STREAMS_PER_CLIENT: "2" }))).toEqual({
    signIn: { count: 10, windowSeconds: 60 },
    submit: { count: 20, windowSeconds: 600 },
    api: { count: 50, windowSeconds: 10 },
    streamsPerClient: 2,
    streamsTotal: 1000,
  });
});

test("the client address is read from the reverse proxy's headers only when CATWALK_TRUST_PROXY=1", () => {
  const headers = new Headers({ "x-forwarded-for": "192.0.2.9, 198.51.100.4", "x-real-ip": "198.51.100.5" });
  const trusted = parseEnv({ CATWALK_TRUST_PROXY: "1" });
  expect(clientIp(headers, parseEnv({}))).toBeNull();
  // The last entry is the address the trusted proxy saw; earlier ones are whatever the client claimed.
  expect(clientIp(headers, trusted)).toBe("198.51.100.4");
  expect(clientIp(new Headers({ "x-real-ip": "198.51.100.5" }), trusted)).toBe("198.51.100.5");
});
