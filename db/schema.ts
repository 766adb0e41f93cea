import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Misclassified } from "@/lib/entries/types";
import type { RunProgress } from "@/lib/runs/run-progress";
import type { EntrySpec } from "@/lib/spec/schema";

export const USER_ROLES = ["participant", "admin"] as const;
export const userRole = pgEnum("user_role", USER_ROLES);

/** Every state a run can be in; the terminal ones never change again. */
export const RUN_STATES = ["queued", "running", "verified", "failed", "diverged", "cancelled", "timed_out"] as const;
export const TERMINAL_RUN_STATES = ["verified", "failed", "diverged", "cancelled", "timed_out"] as const;
export const runState = pgEnum("run_state", RUN_STATES);
export type RunState = (typeof RUN_STATES)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  email: text("email").unique(),
  image: text("image"),
  role: userRole("role").notNull().default("participant"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Links an external identity (GitHub, OIDC, local) to a user. */
export const accounts = pgTable(
  "accounts",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("accounts_provider_account").on(t.provider, t.providerAccountId)],
);

/** Sign-in sessions (the JWT carries this id; deleting the row signs the session out). */
export const sessions = pgTable("sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const entries = pgTable(
  "entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The normalised spec as it passed the checks when stored (a later rule may refuse it: params and flops are then null). */
    spec: jsonb("spec").$type<EntrySpec>().notNull(),
    specVersion: integer("spec_version").notNull(),
    specHash: text("spec_hash").notNull(),
    parentId: uuid("parent_id"),
    hidden: boolean("hidden").notNull().default(false),
    /** Set when the owner withdrew the entry: off the boards, its queued runs cancelled; the page stays. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** The spec's parameter count and FLOPs per image, analysed once when it is stored; null when it no longer passes the checks. */
    params: bigint("params", { mode: "number" }),
    flops: bigint("flops", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("entries_owner").on(t.ownerId), index("entries_spec_hash").on(t.specHash)],
);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id").notNull().references(() => entries.id),
    budgets: integer("budgets").array().notNull(),
    state: runState("state").notNull().default("queued"),
    requestedBy: uuid("requested_by").references(() => users.id),
    reason: text("reason").notNull().default("submission"),
    /** A development run's training images; it is evaluated on the training set's development slice and never ranked. */
    trainLimit: integer("train_limit"),
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    workerId: text("worker_id"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    progress: jsonb("progress").$type<RunProgress>(),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    wallSeconds: doublePrecision("wall_seconds"),
    /** True when one training run to the largest budget produced the smaller ones as checkpoints. */
    sharedBudgets: boolean("shared_budgets"),
    specHash: text("spec_hash"),
    seed: integer("seed"),
    engineVersion: text("engine_version"),
    torchVersion: text("torch_version"),
    device: text("device"),
    threads: integer("threads"),
    hardware: text("hardware"),
    /** The engine's SHA-256 of each dataset file, by file name. */
    datasetChecksums: jsonb("dataset_checksums").$type<Record<string, string>>(),
    errorKind: text("error_kind"),
    error: text("error"),
    /** Higher runs first; participants' runs are 0, background work (extra seeds) below. */
    priority: integer("priority").notNull().default(0),
    /** An extra-seed run trains with this seed instead of the spec's; null trains with the spec's own seed. */
    seedOverride: integer("seed_override"),
    /** The engine's last log lines when the run ended in a failure; shown to its owner only. */
    logTail: text("log_tail"),
  },
  (t) => [
    index("runs_entry").on(t.entryId),
    index("runs_state").on(t.state),
    index("runs_queued").on(t.priority, t.queuedAt).where(sql`state = 'queued'`),
    // The latest verified full runs (the site's measured speed) without sorting every run.
    index("runs_verified_finished").on(t.finishedAt).where(sql`state = 'verified' and train_limit is null`),
  ],
);

/** Audit trail: every state transition, who or what caused it, and why. */
export const runEvents = pgTable(
  "run_events",
  {
    id: serial("id").primaryKey(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    fromState: runState("from_state"),
    toState: runState("to_state").notNull(),
    actor: text("actor").notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("run_events_run").on(t.runId)],
);

export const epochMetrics = pgTable(
  "epoch_metrics",
  {
    id: serial("id").primaryKey(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    /** Length of the training run this epoch belongs to (budgets may run separately). */
    runEpochs: integer("run_epochs").notNull(),
    epoch: integer("epoch").notNull(),
    trainLoss: doublePrecision("train_loss").notNull(),
    trainAccuracy: doublePrecision("train_accuracy").notNull(),
    lr: doublePrecision("lr").notNull(),
    seconds: doublePrecision("seconds").notNull(),
  },
  (t) => [uniqueIndex("epoch_metrics_once").on(t.runId, t.runEpochs, t.epoch)],
);

export const budgetResults = pgTable(
  "budget_results",
  {
    id: serial("id").primaryKey(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    budget: integer("budget").notNull(),
    testAccuracy: doublePrecision("test_accuracy").notNull(),
    testLoss: doublePrecision("test_loss").notNull(),
    /** Accuracy on each of the ten classes, in class order. */
    perClassAccuracy: jsonb("per_class_accuracy").$type<number[]>().notNull(),
    /** 10 × 10 counts: row = true class, column = predicted class. */
    confusionMatrix: jsonb("confusion_matrix").$type<number[][]>().notNull(),
    seconds: doublePrecision("seconds"),
    /** A handful of test images the model gets wrong, index into the test set. */
    misclassified: jsonb("misclassified").$type<Misclassified[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("budget_results_once").on(t.runId, t.budget)],
);

/** Self-reported results from before Catwalk; shown on the boards, marked as not verified. */
export const reportedResults = pgTable(
  "reported_results",
  {
    id: serial("id").primaryKey(),
    participant: text("participant").notNull(),
    budget: integer("budget").notNull(),
    accuracy: doublePrecision("accuracy").notNull(),
    source: text("source").notNull(),
    entryId: uuid("entry_id").references(() => entries.id),
    reportedOn: text("reported_on"),
  },
  (t) => [uniqueIndex("reported_results_once").on(t.participant, t.budget)],
);

/** Every admin action (re-verify, cancel, hide, role change, reported result): who did what to what, why and when. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

/** Personal API tokens: only a hash is stored; the token itself is shown once, when created. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the token, hex. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The token's first characters, so that its owner can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);
