import { expect, test } from "vitest";
import { StreamSlots, streamSlotLimits } from "./stream-slots";

const limits = { streamsPerClient: 2, streamsTotal: 3 };

test("a client's (cap+1)-th stream is refused until one of its streams ends", () => {
  const slots = new StreamSlots();
  const alice = streamSlotLimits({ ip: "198.51.100.1", userId: "alice" }, limits);
  const first = slots.acquire(alice);
  expect(first).not.toBeNull();
  expect(slots.acquire(alice)).not.toBeNull();
  expect(slots.acquire(alice)).toBeNull();
  first!();
  first!();
  expect(slots.count("user:alice")).toBe(1);
  expect(slots.acquire(alice)).not.toBeNull();
});

test("the account is counted across addresses, and the process total caps everyone", () => {
  const slots = new StreamSlots();
  expect(slots.acquire(streamSlotLimits({ ip: "198.51.100.1", userId: "bob" }, limits))).not.toBeNull();
  expect(slots.acquire(streamSlotLimits({ ip: "198.51.100.2", userId: "bob" }, limits))).not.toBeNull();
  expect(slots.acquire(streamSlotLimits({ ip: "198.51.100.3", userId: "bob" }, limits))).toBeNull();
  expect(slots.acquire(streamSlotLimits({ ip: null, userId: null }, limits))).not.toBeNull();
  expect(slots.acquire(streamSlotLimits({ ip: null, userId: null }, limits))).toBeNull();
  expect(slots.count("all")).toBe(3);
});
