/** Turns engine lines into the progress a person wants: epoch k of n, step within it, and an ETA. */
import type { RunProgress } from "@/lib/runs/run-progress";
import type { CheckpointLine, EpochLine, ProgressLine, StartLine } from "./engine-lines";

export class ProgressTracker {
  private epochsTotal = 0;
  private epochsDone = 0;
  private trainingSeconds = 0;
  private runEpochs = 0;
  private epoch = 0;
  private step = 0;
  private steps = 0;
  private epochStartedAt: number;
  private readonly budgetsDone: number[] = [];

  constructor(private readonly now: () => number = Date.now) {
    this.epochStartedAt = now();
  }

  onStart(line: StartLine): void {
    this.epochsTotal = line.plan.reduce((sum, training) => sum + training.epochs, 0);
    this.steps = line.stepsPerEpoch;
    this.epochStartedAt = this.now();
  }

  onProgress(line: ProgressLine): void {
    if (line.epoch !== this.epoch || line.runEpochs !== this.runEpochs) this.epochStartedAt = this.now();
    this.runEpochs = line.runEpochs;
    this.epoch = line.epoch;
    this.step = line.step;
    this.steps = line.steps;
  }

  onEpoch(line: EpochLine): void {
    this.epochsDone += 1;
    this.trainingSeconds += line.seconds;
    this.runEpochs = line.runEpochs;
    this.epoch = line.epoch;
    this.step = this.steps;
    this.epochStartedAt = this.now();
  }

  onCheckpoint(line: CheckpointLine): void {
    if (!this.budgetsDone.includes(line.budget)) this.budgetsDone.push(line.budget);
    this.epochStartedAt = this.now();
  }

  snapshot(): RunProgress {
    return {
      epochsDone: this.epochsDone,
      epochsTotal: this.epochsTotal,
      runEpochs: this.runEpochs,
      epoch: this.epoch,
      step: this.step,
      steps: this.steps,
      budgetsDone: [...this.budgetsDone].sort((a, b) => a - b),
      etaSeconds: this.etaSeconds(),
      updatedAt: new Date(this.now()).toISOString(),
    };
  }

  private etaSeconds(): number | null {
    const inEpoch = this.epochInProgress() ? this.step / this.steps : 0;
    const secondsPerEpoch = this.epochsDone > 0 ? this.trainingSeconds / this.epochsDone : this.paceOfCurrentEpoch(inEpoch);
    if (secondsPerEpoch === null || this.epochsTotal === 0) return null;
    return Math.max(0, (this.epochsTotal - this.epochsDone - inEpoch) * secondsPerEpoch);
  }

  private epochInProgress(): boolean {
    return this.steps > 0 && this.step < this.steps;
  }

  private paceOfCurrentEpoch(fraction: number): number | null {
    if (fraction <= 0) return null;
    return (this.now() - this.epochStartedAt) / 1000 / fraction;
  }
}
