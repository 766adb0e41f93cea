"""Catwalk's training engine: trains a declarative entry spec on Fashion-MNIST and
streams its progress and results as JSON lines (see docs/spec.md)."""

ENGINE_VERSION = "1.0.0"
