# SPDX-License-Identifier: GPL-3.0-or-later
"""bench_vs_fio as a Python module, for the benchmarks that measure one
figure more closely with its fio invocation, fill and pairing statistics
(bench_vs_fio is a script without the .py suffix, so a plain import cannot
find it)."""
import importlib.machinery
import importlib.util
import os


def load():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_vs_fio")
    loader = importlib.machinery.SourceFileLoader("bench_vs_fio", path)
    spec = importlib.util.spec_from_loader("bench_vs_fio", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module
