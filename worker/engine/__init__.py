"""Catwalk's training engine: trains a declarative entry spec on Fashion-MNIST and
streams its progress and results as JSON lines (see docs/spec.md)."""

# 1.1.0: the first conv + max-pool fused on the CPU (conv_pool.py), which changes the
# last bits of results; a run records "+native" when that kernel ran.
# 1.2.0: what Jeremy Howard's 2022-12-15 recipe needs (general_relu, He init with a leak,
# average-pooled projection shortcuts, momentum cycling, normalisation by stated
# constants); every spec 1.1.0 accepted trains bit for bit as it did.
# The C kernel of 1.1.0 is gone (it saved under 10 % of an epoch, docs/benchmarks.md):
# no run records "+native" any more, and every run trains as 1.2.0 without it did.
ENGINE_VERSION = "1.2.0"
