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
  readOnly: boolean;
}

/** The structured editor: every part of the spec as fields, editing the same draft as the JSON editor. */
export function SpecBuilder({ draft, normalized, current, stepsPerEpoch, update, readOnly }: SpecBuilderProps) {
  return (
    <DraftProvider value={{ draft, normalized, current, update, readOnly }}>
      <section aria-label="Builder" className="space-y-5">
        {readOnly && <p className="rounded bg-amber-50 p-2 text-sm text-amber-800">The JSON does not parse: the builder shows the last JSON that did. Fix the JSON to edit here.</p>}
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
