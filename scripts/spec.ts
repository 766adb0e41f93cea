/**
 * `npm run spec -- check FILE`: checks an entry spec the way the site does and prints its
 * analysis (layers, shapes, parameters, FLOPs, training memory, estimated time per budget) or its issues.
 * Exit 0 when valid, 1 when invalid, 2 on a usage error.
 */
import { openSync, readSync, closeSync } from "node:fs";
import { type SpecAnalysis, LIMITS, REFERENCE_MACHINE, checkSpecText, formatMemory, formatShape } from "@/lib/spec";
import { formatDuration } from "@/lib/text/duration";

const USAGE = "usage: npm run spec -- check FILE";

/** Reads at most one byte past the size limit, so a huge file is rejected without reading it all. */
function readBounded(file: string): string {
  const buffer = Buffer.alloc(LIMITS.specBytes + 1);
  const descriptor = openSync(file, "r");
  try {
    let length = 0;
    for (;;) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0 || length + read === buffer.length) return buffer.toString("utf8", 0, length + read);
      length += read;
    }
  } finally {
    closeSync(descriptor);
  }
}

const count = (value: number): string => Math.round(value).toLocaleString("en-US");

function table(rows: string[][], rightAligned: Set<number>): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd())
    .join("\n");
}

function report(analysis: SpecAnalysis): string {
  const layers = table(
    [
      ["layer", "type", "output", "params", "FLOPs"],
      ...analysis.layers.map((layer) => [
        `${"  ".repeat(layer.depth)}${layer.path}`,
        layer.type,
        formatShape(layer.outputShape),
        count(layer.params),
        count(layer.flops),
      ]),
    ],
    new Set([3, 4]),
  );
  const { estimate } = analysis;
  const lines = [
    layers,
    "",
    `parameters       ${count(analysis.params)}`,
    `FLOPs per image  ${count(analysis.flops)} (forward)`,
    `layers           ${analysis.layerCount} (residual depth ${analysis.residualDepth})`,
    `steps per epoch  ${count(analysis.stepsPerEpoch)}`,
    `memory per step  about ${formatMemory(analysis.trainingBytesPerStep)} for training (the limit is ${formatMemory(LIMITS.trainingBytesPerStep)})`,
    `shared budgets   ${analysis.sharedBudgets ? "yes: one run to the largest budget yields the others as checkpoints" : "no: each budget trains separately (the schedule depends on the total)"}`,
    `estimated time on ${REFERENCE_MACHINE} (an estimate, not a measurement):`,
    `  per epoch      ${formatDuration(estimate.secondsPerEpoch)}`,
    ...estimate.budgets.map((budget) => `  ${`${budget.budget} epochs`.padEnd(13)}  ${formatDuration(budget.seconds)}`),
    `  in all         ${formatDuration(estimate.totalSeconds)}`,
  ];
  return lines.join("\n");
}

function main(args: string[]): number {
  const [command, file, ...rest] = args;
  if (command !== "check" || !file || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readBounded(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = checkSpecText(text);
  if (!result.ok) {
    console.log(`${file}: invalid spec`);
    for (const issue of result.issues) console.log(`  ${issue.path || "(document)"}: ${issue.message}`);
    return 1;
  }
  console.log(`${file}: valid spec (version ${result.spec.version})\n`);
  console.log(report(result.analysis));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
