import type { EdgeLimits } from "./limits";
import type { Sender } from "./request-buckets";

/** A counter of open streams and the most it may reach. */
export interface SlotLimit {
  key: string;
  cap: number;
}

/**
 * Open long-lived streams per key (client address, account, the whole process). A stream takes a
 * slot in every key or in none; releasing gives them back once.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  /** The release function, or null when any key is at its cap. */
  acquire(limits: SlotLimit[]): (() => void) | null {
    if (limits.some(({ key, cap }) => (this.open.get(key) ?? 0) >= cap)) return null;
    for (const { key } of limits) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const { key } of limits) {
        const left = (this.open.get(key) ?? 1) - 1;
        if (left > 0) this.open.set(key, left);
        else this.open.delete(key);
      }
    };
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}

/** Every stream counts in the process total, and in its client's address and account where known. */
export function streamSlotLimits(sender: Sender, limits: Pick<EdgeLimits, "streamsPerClient" | "streamsTotal">): SlotLimit[] {
  return [
    { key: "all", cap: limits.streamsTotal },
    ...(sender.ip === null ? [] : [{ key: `ip:${sender.ip}`, cap: limits.streamsPerClient }]),
    ...(sender.userId === null ? [] : [{ key: `user:${sender.userId}`, cap: limits.streamsPerClient }]),
  ];
}
