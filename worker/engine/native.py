"""Builds and loads the engine's C kernels (kernels/*.c) with the machine's C compiler.

Each kernel is compiled once per source, compiler and CPU into the cache
($CATWALK_CACHE_DIR, default .cache/) with -march=native, and loaded with ctypes.
Without a compiler, or with CATWALK_NATIVE_KERNELS=0, `library` returns None and the
engine runs the same layers as plain PyTorch ops: the same model, with results that
differ in the last bits (a run's engineVersion ends in "+native" when the kernels ran).
"""

import ctypes
import functools
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCES = Path(__file__).parent / "kernels"
FLAGS = ["-O3", "-march=native", "-shared", "-fPIC"]


def _cache() -> Path:
    return Path(os.environ.get("CATWALK_CACHE_DIR", Path(__file__).resolve().parents[2] / ".cache")) / "kernels"


def _cpu() -> str:
    """What -march=native compiles for: a copied cache must not run on another CPU."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return ""
    return "\n".join(next((line for line in lines if line.startswith(key)), "") for key in ("model name", "flags"))


def enabled() -> bool:
    return os.environ.get("CATWALK_NATIVE_KERNELS", "1") != "0"


def library(name: str) -> ctypes.CDLL | None:
    """kernels/NAME.c compiled and loaded, or None where it cannot be (see above)."""
    return _build(name) if enabled() else None


@functools.cache
def _build(name: str) -> ctypes.CDLL | None:
    compiler = os.environ.get("CC", "cc")
    source = SOURCES / f"{name}.c"
    try:
        version = subprocess.run([compiler, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        print(f"engine: no C compiler ({compiler}); {name} runs as PyTorch ops", file=sys.stderr)
        return None
    key = hashlib.sha256("\0".join([source.read_text(), compiler, version, *FLAGS, _cpu()]).encode()).hexdigest()[:16]
    target = _cache() / f"{name}-{key}.so"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Compiled beside the target and renamed: concurrent engines never load half a file.
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".so", delete=False) as partial:
            pass
        built = subprocess.run([compiler, *FLAGS, "-o", partial.name, str(source)], capture_output=True, text=True)
        if built.returncode != 0:
            os.unlink(partial.name)
            print(f"engine: compiling {source.name} failed; {name} runs as PyTorch ops\n{built.stderr}", file=sys.stderr)
            return None
        os.replace(partial.name, target)
    return ctypes.CDLL(str(target))

