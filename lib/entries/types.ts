/** What the entry page and its live stream show about a run (client-safe: plain data). */
import type { RunState } from "@/db/schema";
import type { RunProgress } from "@/lib/runs/run-progress";

export type EpochPoint = {
  /** Length of the training run the epoch belongs to (budgets that cannot share train separately). */
  runEpochs: number;
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  lr: number;
  seconds: number;
};

/** A test image the model got wrong: its index in the test set, its true and its predicted class. */
export type Misclassified = { index: number; label: number; predicted: number };

export type BudgetResult = {
  budget: number;
  testAccuracy: number;
  testLoss: number;
  perClassAccuracy: number[];
  confusionMatrix: number[][];
  seconds: number | null;
  misclassified: Misclassified[];
};

export type RunEvent = { fromState: RunState | null; toState: RunState; actor: string; reason: string | null; at: string };

export type RunSnapshot = {
  id: string;
  entryId: string;
  state: RunState;
  budgets: number[];
  reason: string;
  requestedBy: { id: string; name: string } | null;
  /** An extra-seed run trains with this seed instead of the spec's. */
  seedOverride: number | null;
  /** Set on a development run: it trained on this many images and was evaluated on the development slice of the training set. */
  trainLimit: number | null;
  attempt: number;
  maxAttempts: number;
  workerId: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  wallSeconds: number | null;
  /** Epochs the whole run trains: the largest budget when budgets share one run, else their sum. */
  totalEpochs: number;
  sharedBudgets: boolean;
  /** What the worker last wrote while the run trained (null before it starts). */
  progress: RunProgress | null;
  epochs: EpochPoint[];
  results: BudgetResult[];
  events: RunEvent[];
  reproducibility: {
    specHash: string | null;
    seed: number | null;
    engineVersion: string | null;
    torchVersion: string | null;
    device: string | null;
    threads: number | null;
    hardware: string | null;
    datasetChecksums: Record<string, string> | null;
  };
  errorKind: string | null;
  error: string | null;
  /** The engine's last log lines from a failed attempt: its owner and admins only (lib/entries/run-visibility.ts). */
  logTail: string | null;
};
