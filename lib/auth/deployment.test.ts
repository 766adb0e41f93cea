import { expect, test } from "vitest";
import { parseEnv, type EnvSource } from "@/lib/env";
import { deploymentProblems, deploymentRefusal } from "./deployment";

const problems = (env: EnvSource) => deploymentProblems(parseEnv(env));
const refusal = (env: EnvSource) => deploymentRefusal(parseEnv(env));

const production = { NODE_ENV: "production", DATABASE_URL: "postgres://catwalk@db.example:5432/catwalk", NEXTAUTH_URL: "http://localhost:3000" };
const realSecret = "q0Vv3u7hYbD3kz9Jm2pX8rT1wE5sA6cN";

test("a production deployment with a real secret and no local sign-in may start", () => {
  expect(problems({ ...production, NEXTAUTH_SECRET: realSecret })).toEqual([]);
  expect(refusal({ ...production, NEXTAUTH_SECRET: realSecret, CATWALK_LOCAL_SIGNIN: "0" })).toBeNull();
});

test("a production deployment refuses a missing, short or placeholder secret, naming NEXTAUTH_SECRET", () => {
  expect(problems(production)).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set/)]);
  expect(problems({ ...production, NEXTAUTH_SECRET: realSecret.slice(0, 31) })).toEqual([
    expect.stringMatching(/^NEXTAUTH_SECRET is 31 characters long: use at least 32/),
  ]);
  expect(problems({ ...production, NEXTAUTH_SECRET: "catwalk-e2e-secret-not-for-production" })).toEqual([
    expect.stringMatching(/^NEXTAUTH_SECRET is a placeholder/),
  ]);
});

test("a production deployment refuses the local sign-in, naming CATWALK_LOCAL_SIGNIN", () => {
  expect(problems({ ...production, NEXTAUTH_SECRET: realSecret, CATWALK_LOCAL_SIGNIN: "1" })).toEqual([
    expect.stringMatching(/^CATWALK_LOCAL_SIGNIN=1 signs anyone in by name without a password/),
  ]);
});

test("the refusal lists every problem at once", () => {
  const message = refusal({ ...production, CATWALK_LOCAL_SIGNIN: "1" });
  expect(message).toMatch(/^Catwalk refuses to start: this is a production deployment/);
  expect(message).toContain("  - NEXTAUTH_SECRET is not set");
  expect(message).toContain("  - CATWALK_LOCAL_SIGNIN=1");
});

test("development, tests and npm start's embedded database are not production deployments", () => {
  const unsafe = { NEXTAUTH_SECRET: "dev", CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: "http://localhost:3000" };
  expect(problems({ ...unsafe, DATABASE_URL: production.DATABASE_URL })).toEqual([]);
  expect(problems({ ...unsafe, ...production, NODE_ENV: "development" })).toEqual([]);
  expect(problems({ ...unsafe, NODE_ENV: "production" })).toEqual([]);
});
