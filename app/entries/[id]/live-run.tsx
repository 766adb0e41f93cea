"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import type { RunSnapshot } from "@/lib/entries/types";
import { isActiveRunState } from "@/lib/runs/states";
import { RunCard } from "./run-card";

/** A run that keeps itself current: while it is queued or running, snapshots arrive by server-sent events. */
export function LiveRun({ initial, controls, images }: { initial: RunSnapshot; controls?: ReactNode; images?: Readonly<Record<number, string>> }) {
  const [run, setRun] = useState(initial);
  const router = useRouter();
  const active = isActiveRunState(initial.state);

  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/api/runs/${initial.id}/events`);
    let checkpoints = initial.results.length;
    source.addEventListener("snapshot", (event) => {
      const snapshot = JSON.parse((event as MessageEvent<string>).data) as RunSnapshot;
      setRun(snapshot);
      if (!isActiveRunState(snapshot.state)) {
        source.close();
        // Server-rendered parts (differences from the previous run, the controls) follow the new state.
        router.refresh();
      } else if (snapshot.results.length > checkpoints) {
        checkpoints = snapshot.results.length;
        // A new checkpoint: its misclassified test images are drawn on the server.
        router.refresh();
      }
    });
    return () => source.close();
  }, [active, initial.id, initial.results.length, router]);

  return <RunCard run={run} controls={controls} images={images} />;
}
