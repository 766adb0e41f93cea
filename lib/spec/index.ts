/** The entry spec's client-safe API. Server code hashes with "@/lib/spec/canonical" (node:crypto). */
export { type SpecAnalysis, analyzeSpec } from "./analyze";
export { type CheckResult, checkSpec, checkSpecText } from "./check";
export { type BudgetEstimate, type RunTimeEstimate, REFERENCE_MACHINE, formatMemory, stepsPerEpoch, trainingBytesPerStep } from "./estimate";
export { EXAMPLES, JEREMY_SPEC, SEAN_SPEC, type SpecExample } from "./examples";
export { type SpecIssue } from "./issues";
export { LIMITS } from "./limits";
export { dependsOnTotalEpochs, learningRateAt, sharesBudgets } from "./schedule";
export * from "./schema";
export { CLASSES, INPUT_SHAPE, type LayerAnalysis, type ModelAnalysis, type Shape, analyzeModel, formatShape } from "./shapes";
