/** The shipped example entries: what the form's "start from" offers, each checked by the tests. */
import adamwCosine from "./examples/adamw-cosine.json";
import cnnBatchnormDropout from "./examples/cnn-batchnorm-dropout.json";
import mlpBaseline from "./examples/mlp-baseline.json";
import seanMoriarity from "./examples/sean-moriarity.json";
import smallResnetOnecycle from "./examples/small-resnet-onecycle.json";
import type { EntrySpecInput } from "./schema";

export interface SpecExample {
  /** Also the file name under lib/spec/examples/. */
  slug: string;
  title: string;
  description: string;
  /** As written, defaults left out. */
  spec: EntrySpecInput;
}

// JSON imports are typed loosely (string, not the literal "conv2d"); examples.test.ts proves each is a valid spec.
const asSpec = (json: unknown): EntrySpecInput => json as EntrySpecInput;

/** Sean Moriarity's entry from the challenge, exactly as docs/spec.md states it. */
export const SEAN_SPEC: EntrySpecInput = asSpec(seanMoriarity);

export const EXAMPLES: readonly SpecExample[] = [
  {
    slug: "sean-moriarity",
    title: "Sean's CNN (the challenge's seed)",
    description:
      "Two 3×3 conv + max-pool blocks, dense 128, softmax; Adam with 5e-3·0.5^(step/1850), batch 32, no shuffling, whole-batch upside-down flips drawn once. Reported 90.7/91.1/90.9.",
    spec: SEAN_SPEC,
  },
  {
    slug: "mlp-baseline",
    title: "MLP baseline",
    description: "Flatten and two dense layers with dropout; Adam at a constant 1e-3, reshuffled every epoch. The floor to beat.",
    spec: asSpec(mlpBaseline),
  },
  {
    slug: "cnn-batchnorm-dropout",
    title: "CNN with batch norm and dropout",
    description: "Sean's layout with batch norm after each conv, dropout, He init, SGD with Nesterov momentum and a step schedule, standardised inputs and mirror flips.",
    spec: asSpec(cnnBatchnormDropout),
  },
  {
    slug: "small-resnet-onecycle",
    title: "Small ResNet, one-cycle",
    description:
      "A 16-32-64 channel ResNet with projection shortcuts and global average pooling; one-cycle SGD, label smoothing, random crops and flips, test-time flip averaging. Each budget trains separately.",
    spec: asSpec(smallResnetOnecycle),
  },
  {
    slug: "adamw-cosine",
    title: "AdamW with warm-up and cosine decay",
    description: "GELU convs with average pooling, layer norm and SiLU in the head; AdamW with decoupled weight decay, gradient clipping, 500 warm-up steps into cosine decay, random erasing.",
    spec: asSpec(adamwCosine),
  },
];
