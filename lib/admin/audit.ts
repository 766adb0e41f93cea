/**
 * The audit log of admin actions: who did what to which entry, run or user, why and when. Each
 * row is written in the action's own transaction, so it exists exactly when the action happened.
 */
import { desc, eq, sql, type Column } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, entries, runs, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { Tx } from "@/lib/runs/transaction";

export const ADMIN_ACTIONS = ["reverify", "cancel_run", "hide_entry", "unhide_entry", "change_role", "verify_extra_seeds"] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
export type AuditTargetType = "entry" | "run" | "user";

export interface AdminActionRecord {
  actorId: string;
  action: AdminAction;
  targetType: AuditTargetType;
  targetId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAdminAction(tx: Tx, record: AdminActionRecord): Promise<void> {
  await tx.db.insert(auditLog).values({ ...record, reason: record.reason ?? null, details: record.details ?? null });
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** The target's name: the entry's (for a run, its entry's) or the user's; null once it is gone. */
  targetName: string | null;
  /** The entry the target is or belongs to, for a link. */
  entryId: string | null;
  reason: string | null;
}

const isTarget = (type: AuditTargetType, id: Column) => sql`${auditLog.targetType} = ${type} AND ${id}::text = ${auditLog.targetId}`;
const actors = alias(users, "actor");
const targetUsers = alias(users, "target_user");
const targetEntries = alias(entries, "target_entry");
const targetRuns = alias(runs, "target_run");
const runEntries = alias(entries, "run_entry");

/** The latest admin actions, newest first, with the names of their actors and targets. */
export async function latestAdminActions(limit = 50): Promise<AuditEntry[]> {
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: actors.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetName: sql<string | null>`coalesce(${targetEntries.name}, ${runEntries.name}, ${targetUsers.name})`,
      entryId: sql<string | null>`coalesce(${targetEntries.id}, ${runEntries.id})`,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .leftJoin(actors, eq(actors.id, auditLog.actorId))
    .leftJoin(targetEntries, isTarget("entry", targetEntries.id))
    .leftJoin(targetRuns, isTarget("run", targetRuns.id))
    .leftJoin(runEntries, eq(runEntries.id, targetRuns.entryId))
    .leftJoin(targetUsers, isTarget("user", targetUsers.id))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
