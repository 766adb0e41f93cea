"use client";

import type { Json, Path } from "../draft";
import { DataFields } from "./data-fields";
import { DraftProvider } from "./draft-context";
import { LayerList } from "./layer-list";
import { OptimizerFields } from "./optimizer-fields";
import { RunFields } from "./run-fields";
import { ScheduleFields } from "./schedule-fields";

interface SpecBuilderProps {
  draft: Json | undefined;
  normalized: unknown;
  current: boolean;
  stepsPerEpoch: number | undefined;
  update: (path: Path, value: Json | undefined) => void;
  /** Why the JSON does not parse (where it fails), while it does not: the builder is paused. */
  parseError: string | undefined;
  /** The JSON editor's id, to take the participant to the error. */
  editorId: string;
}

/** The structured editor: every part of the spec as fields, editing the same draft as the JSON editor. */
export function SpecBuilder({ draft, normalized, current, stepsPerEpoch, update, parseError, editorId }: SpecBuilderProps) {
  if (parseError !== undefined) {
    // Fields drawn from the last JSON that parsed would show values and defaults the text no longer has.
    return (
      <section aria-label="Builder" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="builder-paused">
        <h2 className="text-base font-semibold">The builder is paused until the JSON parses</h2>
        <p className="mt-1">
          {parseError}. <a href={`#${editorId}`}>Fix it in the JSON editor</a>; the builder comes back as soon as the text is JSON again.
        </p>
      </section>
    );
  }
  return (
    <DraftProvider value={{ draft, normalized, current, update }}>
      <section aria-label="Builder" className="min-w-0 space-y-5">
        <fieldset className="space-y-2">
          <legend className="mb-1 font-semibold">Model layers</legend>
          <LayerList path={["model", "layers"]} />
        </fieldset>
        <OptimizerFields />
        <ScheduleFields stepsPerEpoch={stepsPerEpoch} />
        <DataFields />
        <RunFields />
      </section>
    </DraftProvider>
  );
}
