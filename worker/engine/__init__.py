"""Catwalk's training engine: trains a declarative entry spec on Fashion-MNIST and
streams its progress and results as JSON lines (see docs/spec.md)."""

# 1.1.0: the first conv + max-pool fused on the CPU (conv_pool.py), which changes the
# last bits of results; a run records "+native" when that kernel ran.
ENGINE_VERSION = "1.1.0"
