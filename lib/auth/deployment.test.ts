import { expect, test } from "vitest";
import { deploymentProblems, deploymentRefusal } from "./deployment";

const production = { NODE_ENV: "production", DATABASE_URL: "postgres://catwalk@db.example:5432/catwalk" };
const realSecret = "q0Vv3u7hYbD3kz9Jm2pX8rT1wE5sA6cN";

test("a production deployment with a real secret and no local sign-in may start", () => {
  expect(deploymentProblems({ ...production, NEXTAUTH_SECRET: realSecret })).toEqual([]);
  expect(deploymentRefusal({ ...production, NEXTAUTH_SECRET: realSecret, CATWALK_LOCAL_SIGNIN: "0" })).toBeNull();
});

test("a production deployment refuses a missing, short or placeholder secret, naming NEXTAUTH_SECRET", () => {
  expect(deploymentProblems(production)).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set/)]);
  expect(deploymentProblems({ ...production, NEXTAUTH_SECRET: realSecret.slice(0, 31) })).toEqual([
    expect.stringMatching(/^NEXTAUTH_SECRET is 31 characters long: use at least 32/),
  ]);
  expect(deploymentProblems({ ...production, NEXTAUTH_SECRET: "catwalk-e2e-secret-not-for-production" })).toEqual([
    expect.stringMatching(/^NEXTAUTH_SECRET is a placeholder/),
  ]);
});

test("a production deployment refuses the local sign-in, naming CATWALK_LOCAL_SIGNIN", () => {
  expect(deploymentProblems({ ...production, NEXTAUTH_SECRET: realSecret, CATWALK_LOCAL_SIGNIN: "1" })).toEqual([
    expect.stringMatching(/^CATWALK_LOCAL_SIGNIN=1 signs anyone in by name without a password/),
  ]);
});

test("the refusal lists every problem at once", () => {
  const refusal = deploymentRefusal({ ...production, CATWALK_LOCAL_SIGNIN: "1" });
  expect(refusal).toMatch(/^Catwalk refuses to start: this is a production deployment/);
  expect(refusal).toContain("  - NEXTAUTH_SECRET is not set");
  expect(refusal).toContain("  - CATWALK_LOCAL_SIGNIN=1");
});

test("development, tests and npm start's embedded database are not production deployments", () => {
  const unsafe = { NEXTAUTH_SECRET: "dev", CATWALK_LOCAL_SIGNIN: "1" };
  expect(deploymentProblems({ ...unsafe, DATABASE_URL: production.DATABASE_URL })).toEqual([]);
  expect(deploymentProblems({ ...unsafe, ...production, NODE_ENV: "development" })).toEqual([]);
  expect(deploymentProblems({ ...unsafe, NODE_ENV: "production" })).toEqual([]);
});
