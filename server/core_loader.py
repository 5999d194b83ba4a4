"""Imports the C++ core (`baton_core`): every rule lives there, so the server cannot run without it.
The demo's simulated colleagues (`baton_sim`, core/sim) are a module of their own, needed only by
serve.py --demo."""
import importlib
import sys
from pathlib import Path

BUILD_HINT = "run: bash scripts/run.sh (or cmake --preset debug && cmake --build --preset debug --target baton_core_py)"
SIM_HINT = ("run: bash scripts/run.sh (or cmake --build --preset debug --target baton_sim_py), "
            "or start with --demo-colleagues 0")


class CoreMissing(Exception):
    """The module is not built (or not loadable) where we looked; the message says what to do."""


def load_core(path):
    folder = Path(path).resolve()
    if not any(folder.glob("baton_core*.so")):
        raise CoreMissing(f"baton_core is not built (looked in {folder}): {BUILD_HINT}")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("baton_core")
    except ImportError as exc:
        raise CoreMissing(f"baton_core in {folder} does not load ({exc}): {BUILD_HINT}") from None


def load_sim(path):
    """The simulated colleagues' module, beside baton_core (load_core first: it takes its types)."""
    folder = Path(path).resolve()
    if not any(folder.glob("baton_sim*.so")):
        raise CoreMissing(f"baton_sim is not built (looked in {folder}): {SIM_HINT}")
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("baton_sim")
    except ImportError as exc:
        raise CoreMissing(f"baton_sim in {folder} does not load ({exc}): {SIM_HINT}") from None
