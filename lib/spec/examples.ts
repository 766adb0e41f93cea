/** The shipped example entries: what the form's "start from" offers, each checked by the tests. */
import adamwCosine from "./examples/adamw-cosine.json";
import cnnBatchnormDropout from "./examples/cnn-batchnorm-dropout.json";
import jeremyHoward20221215 from "./examples/jeremy-howard-2022-12-15.json";
import mlpBaseline from "./examples/mlp-baseline.json";
import seanMoriarity from "./examples/sean-moriarity.json";
import smallResnetOnecycle from "./examples/small-resnet-onecycle.json";
import widerResnetBatch256 from "./examples/wider-resnet-batch-256.json";
import widerResnetBatchnormFlips from "./examples/wider-resnet-batchnorm-flips.json";
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

/** Jeremy Howard's recipe of 2022-12-15, as docs/recipe-2022-12-15.md states it. */
export const JEREMY_SPEC: EntrySpecInput = asSpec(jeremyHoward20221215);

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
    slug: "jeremy-howard-2022-12-15",
    title: "Jeremy Howard, course 2022-12-15",
    description:
      "The challenge's best reported recipe (92.7 at 5 epochs): the course's \"going wider\" ResNet, 16→512 channels, general ReLU (leak 0.1, minus 0.4), He init with leak 0.1, average-pooled projection shortcuts; AdamW with one-cycle rate and β1, batch 1024, inputs normalised by 0.28/0.35. docs/recipe-2022-12-15.md states it line by line.",
    spec: JEREMY_SPEC,
  },
  {
    slug: "wider-resnet-batchnorm-flips",
    title: "Going wider, with batch norm and flips",
    description:
      "Jeremy Howard's 2022-12-15 recipe with batch norm after every convolution and on the shortcuts (the course's fix of 28 December), trained with mirror flips and evaluated with test-time mirror flips. At 5 epochs on two EPYC cores: 93.18 % verified through the site (2 threads), 93.36 % in a one-thread engine run, against the reported 92.7.",
    spec: asSpec(widerResnetBatchnormFlips),
  },
  {
    slug: "wider-resnet-batch-256",
    title: "Past 92.7: going wider with batches of 256",
    description:
      "The batch-norm-and-flips ResNet above with batches of 256 instead of 1,024: 235 optimiser steps an epoch instead of 59, the one thing a 5-epoch budget lacks most. A 5-epoch entry: 93.74 % verified through the site on two Xeon cores (the same number as the engine run), 1.04 points above the reported 92.7, twice the test set's noise.",
    spec: asSpec(widerResnetBatch256),
  },
  {
    slug: "adamw-cosine",
    title: "AdamW with warm-up and cosine decay",
    description: "GELU convs with average pooling, layer norm and SiLU in the head; AdamW with decoupled weight decay, gradient clipping, 500 warm-up steps into cosine decay, random erasing.",
    spec: asSpec(adamwCosine),
  },
];
