import { afterEach, describe, expect, test, vi } from "vitest";
import { LIMITS } from "@/lib/spec/limits";
import { env, EnvError, parseEnv } from "./env";

describe("Catwalk's environment", () => {
  test("every variable has its documented default", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      CATWALK_EMBEDDED_PG_PORT: 54329,
      DATABASE_POOL_SIZE: 10,
      CATWALK_LOCAL_SIGNIN: false,
      CATWALK_DEV_LIMITS: false,
      CATWALK_START_WORKER: true,
      CATWALK_TRUST_PROXY: false,
      WORKER_CONCURRENCY: 1,
      CATWALK_ENGINE_DEVICE: "auto",
      CATWALK_LEASE_SECONDS: 30,
      CATWALK_MAX_ATTEMPTS: 3,
      CATWALK_BUDGET_TIME_LIMIT_SECONDS: LIMITS.secondsPerBudget,
      CATWALK_DUPLICATE_WINDOW_SECONDS: 600,
      CATWALK_WORKER_POLL_MS: 2000,
      CATWALK_PROGRESS_INTERVAL_MS: 1000,
      CATWALK_MAX_QUEUED_PER_USER: 3,
      CATWALK_MAX_RUNS_PER_DAY: 20,
      CATWALK_RATE_SIGNIN: { count: 10, windowSeconds: 60 },
      CATWALK_RATE_SUBMIT: { count: 20, windowSeconds: 600 },
      CATWALK_RATE_API: { count: 300, windowSeconds: 60 },
      CATWALK_SSE_STREAMS_PER_CLIENT: 6,
      CATWALK_SSE_STREAMS_TOTAL: 1000,
      OIDC_NAME: "OpenID Connect",
    });
  });

  test("values are read into their types; an empty variable counts as unset", () => {
    const parsed = parseEnv({ CATWALK_RATE_API: "50/10", CATWALK_DEV_LIMITS: "1", CATWALK_START_WORKER: "0", CATWALK_ENGINE_DEVICE: "cuda", WORKER_CONCURRENCY: "4", PORT: "" });
    expect(parsed).toMatchObject({ CATWALK_RATE_API: { count: 50, windowSeconds: 10 }, CATWALK_DEV_LIMITS: true, CATWALK_START_WORKER: false, CATWALK_ENGINE_DEVICE: "cuda", WORKER_CONCURRENCY: 4, PORT: 3000 });
  });

  test.each([
    ["CATWALK_RATE_SUBMIT", "20", 'CATWALK_RATE_SUBMIT must be COUNT/SECONDS with both at least 1 (e.g. 20/600), not "20"'],
    ["CATWALK_RATE_SIGNIN", "0/60", "CATWALK_RATE_SIGNIN must be COUNT/SECONDS"],
    ["CATWALK_SSE_STREAMS_TOTAL", "many", 'CATWALK_SSE_STREAMS_TOTAL must be a positive whole number, not "many"'],
    ["CATWALK_BUDGET_TIME_LIMIT_SECONDS", "12h", "CATWALK_BUDGET_TIME_LIMIT_SECONDS must be a positive whole number"],
    ["CATWALK_ENGINE_MEMORY_LIMIT_MB", "lots", "CATWALK_ENGINE_MEMORY_LIMIT_MB must be a positive whole number"],
    ["WORKER_CONCURRENCY", "0", "WORKER_CONCURRENCY must be a positive whole number"],
    ["PORT", "70000", "PORT must be a port number"],
    ["CATWALK_TRUST_PROXY", "yes", 'CATWALK_TRUST_PROXY must be 1 or 0, not "yes"'],
    ["CATWALK_ENGINE_DEVICE", "gpu", 'CATWALK_ENGINE_DEVICE must be auto, cpu or cuda, not "gpu"'],
    ["NEXTAUTH_URL", "catwalk.example", 'NEXTAUTH_URL must be an http or https URL, not "catwalk.example"'],
    ["OIDC_ISSUER", "ftp://id.example", "OIDC_ISSUER must be an http or https URL"],
  ])("a malformed %s=%j is an error naming the variable", (variable, value, message) => {
    expect(() => parseEnv({ [variable]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [variable]: value })).toThrow(message);
  });

  test("every problem is named at once", () => {
    expect(() => parseEnv({ CATWALK_RATE_API: "x", CATWALK_MAX_ATTEMPTS: "-1" })).toThrow(
      /^Catwalk's environment has values it cannot use:\n {2}- CATWALK_MAX_ATTEMPTS must be .*\n {2}- CATWALK_RATE_API must be /,
    );
  });

  test("ADMIN_EMAILS is a comma-separated, case-insensitive list", () => {
    expect([...parseEnv({ ADMIN_EMAILS: " Ada@Example.org, ,grace@example.org " }).ADMIN_EMAILS]).toEqual(["ada@example.org", "grace@example.org"]);
    expect(parseEnv({}).ADMIN_EMAILS.size).toBe(0);
  });

  test("OIDC_ISSUER is read without its trailing slashes", () => {
    expect(parseEnv({ OIDC_ISSUER: "https://id.example//" }).OIDC_ISSUER).toBe("https://id.example");
  });
});

describe("the local sign-in", () => {
  test("is on only when asked for, with a loopback NEXTAUTH_URL", () => {
    expect(parseEnv({}).CATWALK_LOCAL_SIGNIN).toBe(false);
    expect(parseEnv({ CATWALK_LOCAL_SIGNIN: "0", NEXTAUTH_URL: "https://catwalk.example" }).CATWALK_LOCAL_SIGNIN).toBe(false);
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3100", "http://[::1]:3000/", "https://localhost"]) {
      expect(parseEnv({ CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: url }).CATWALK_LOCAL_SIGNIN).toBe(true);
    }
  });

  test("is refused with a clear message on a public or missing NEXTAUTH_URL", () => {
    for (const url of ["https://catwalk.example", "http://localhost.evil.example", "http://10.0.0.5:3000", "http://127.0.0.2:3000"]) {
      expect(() => parseEnv({ CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: url })).toThrow(
        `CATWALK_LOCAL_SIGNIN is 1, which is refused unless NEXTAUTH_URL is a loopback URL (http://localhost, http://127.0.0.1 or http://[::1], any port)`,
      );
    }
    expect(() => parseEnv({ CATWALK_LOCAL_SIGNIN: "1" })).toThrow(/NEXTAUTH_URL is not set/);
  });
});

describe("env()", () => {
  afterEach(() => vi.unstubAllEnvs());

  test("reads this process's environment, again only once a variable has changed", () => {
    vi.stubEnv("CATWALK_MAX_RUNS_PER_DAY", "7");
    const first = env();
    expect(first.CATWALK_MAX_RUNS_PER_DAY).toBe(7);
    expect(env()).toBe(first);
    vi.stubEnv("CATWALK_MAX_RUNS_PER_DAY", "8");
    expect(env().CATWALK_MAX_RUNS_PER_DAY).toBe(8);
  });
});
