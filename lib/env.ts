/**
 * Catwalk's environment (README, "Configuration"): every variable that the site, the worker and
 * `npm start` read, with its default, parsed and checked by one schema. Each process checks it as
 * it starts (`envOrExit`) and reads it through `env()`; a function that depends on it takes the
 * parsed object, so a test builds one with `parseEnv`. (The engine reads its own few variables.)
 */
import { z } from "zod";
import { isLoopbackUrl } from "@/lib/http/host";
import type { RateLimit } from "@/lib/http/rate-limiter";
import { LIMITS } from "@/lib/spec/limits";

export type EnvSource = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 3000;

/** A value the variable cannot take: the message follows the variable's name. */
function refuse(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

function positiveInteger<Fallback extends number | undefined>(fallback: Fallback) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      return Number.isInteger(value) && value >= 1 ? value : refuse(ctx, `must be a positive whole number, not ${JSON.stringify(raw)}`);
    });
}

function port(fallback: number) {
  return positiveInteger(fallback).refine((value) => value <= 65_535, "must be a port number, at most 65535");
}

/** `1` on, `0` off. */
function flag(fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => (raw === undefined ? fallback : raw === "1" ? true : raw === "0" ? false : refuse(ctx, `must be 1 or 0, not ${JSON.stringify(raw)}`)));
}

/** `COUNT/SECONDS`, both at least 1. */
function rate(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((raw, ctx): RateLimit => {
      const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
      const count = Number(match?.[1]);
      const windowSeconds = Number(match?.[2]);
      if (match && count >= 1 && windowSeconds >= 1) return { count, windowSeconds };
      return refuse(ctx, `must be COUNT/SECONDS with both at least 1 (e.g. ${fallback}), not ${JSON.stringify(raw)}`);
    });
}

const httpUrl = z
  .string()
  .optional()
  .refine((raw) => raw === undefined || (URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol)), {
    error: (issue) => `must be an http or https URL, not ${JSON.stringify(issue.input)}`,
  });

const variables = z
  .object({
    NODE_ENV: z.string().optional(),
    /** Set by `npm start` for the site it starts, once it has checked the operator's own environment (lib/auth/deployment.ts). */
    CATWALK_DEPLOYMENT_CHECKED: flag(false),

    PORT: port(DEFAULT_PORT),
    CATWALK_LISTEN_HOST: z.string().optional(),
    DATABASE_URL: z.string().optional(),
    DATABASE_POOL_SIZE: positiveInteger(10),
    CATWALK_DATA_DIR: z.string().optional(),
    CATWALK_EMBEDDED_PG_PORT: port(54329),

    NEXTAUTH_URL: httpUrl,
    NEXTAUTH_SECRET: z.string().optional(),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    OIDC_ISSUER: httpUrl.transform((issuer) => issuer?.replace(/\/+$/, "")),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("OpenID Connect"),
    /** The zero-config local sign-in (a name or an e-mail, no password). */
    CATWALK_LOCAL_SIGNIN: flag(false),
    /** Comma-separated, compared case-insensitively. */
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((list) => new Set(list.split(",").map((email) => email.trim().toLowerCase()).filter(Boolean))),

    /** Train limits make a run on a subset of the data: for development and tests, never ranked. */
    CATWALK_DEV_LIMITS: flag(false),
    CATWALK_START_WORKER: flag(true),
    WORKER_CONCURRENCY: positiveInteger(1),
    /** Default: the cores shared among the concurrent runs (worker/config.ts). */
    CATWALK_ENGINE_THREADS: positiveInteger(undefined),
    CATWALK_ENGINE_DEVICE: z.enum(["auto", "cpu", "cuda"], { error: (issue) => `must be auto, cpu or cuda, not ${JSON.stringify(issue.input)}` }).default("auto"),
    /** Default: a share of the machine's memory (worker/config.ts). */
    CATWALK_ENGINE_MEMORY_LIMIT_MB: positiveInteger(undefined),
    CATWALK_LEASE_SECONDS: positiveInteger(30),
    CATWALK_MAX_ATTEMPTS: positiveInteger(3),
    // By default a budget may train as long as the spec limits allow an entry to be estimated to take.
    CATWALK_BUDGET_TIME_LIMIT_SECONDS: positiveInteger(LIMITS.secondsPerBudget),
    CATWALK_DUPLICATE_WINDOW_SECONDS: positiveInteger(600),
    CATWALK_WORKER_POLL_MS: positiveInteger(2_000),
    CATWALK_PROGRESS_INTERVAL_MS: positiveInteger(1_000),
    CATWALK_MAX_QUEUED_PER_USER: positiveInteger(3),
    CATWALK_MAX_RUNS_PER_DAY: positiveInteger(20),

    CATWALK_TRUST_PROXY: flag(false),
    CATWALK_RATE_SIGNIN: rate("10/60"),
    CATWALK_RATE_SUBMIT: rate("20/600"),
    CATWALK_RATE_API: rate("300/60"),
    CATWALK_SSE_STREAMS_PER_CLIENT: positiveInteger(6),
    CATWALK_SSE_STREAMS_TOTAL: positiveInteger(1000),
    /** Where the site reaches itself to render a page once for every anonymous visitor (lib/http/page-cache.ts). */
    CATWALK_SELF_ORIGIN: z.string().optional(),

    FASHION_MNIST_DIR: z.string().optional(),
    CATWALK_CACHE_DIR: z.string().optional(),
    CATWALK_PYTHON: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // The guard that a sign-in without a password never runs on a public deployment.
    if (env.CATWALK_LOCAL_SIGNIN && !isLoopbackUrl(env.NEXTAUTH_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["CATWALK_LOCAL_SIGNIN"],
        message:
          `is 1, which is refused unless NEXTAUTH_URL is a loopback URL (http://localhost, http://127.0.0.1 or http://[::1], ` +
          `any port), so that a sign-in without a password never runs on a public deployment; ` +
          `NEXTAUTH_URL is ${env.NEXTAUTH_URL ? JSON.stringify(env.NEXTAUTH_URL) : "not set"}`,
      });
    }
  });

/** An empty variable counts as unset. */
const envSchema = z.preprocess(
  (source) => Object.fromEntries(Object.entries(source as EnvSource).filter(([, value]) => value !== undefined && value.trim() !== "")),
  variables,
);

export type CatwalkEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Catwalk's settings from an environment, or an EnvError naming every variable whose value cannot be used. */
export function parseEnv(source: EnvSource): CatwalkEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
  throw new EnvError(["Catwalk's environment has values it cannot use:", ...problems].join("\n"));
}

const NAMES = Object.keys(variables.shape);
let parsed: { values: string; env: CatwalkEnv } | undefined;

/**
 * This process's settings, parsed once. They are parsed again only after a variable changes, as
 * only `npm start` (filling in defaults for the site it starts) and tests do.
 */
export function env(): CatwalkEnv {
  const values = JSON.stringify(NAMES.map((name) => process.env[name]));
  if (parsed?.values !== values) parsed = { values, env: parseEnv(process.env) };
  return parsed.env;
}

/** This process's settings, checked as it starts: a problem is printed and ends the process before anything is set up or served. */
export function envOrExit(): CatwalkEnv {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
