#!/usr/bin/env python3
"""Per-question speed of verbatim against jieba + bm25s, on the same passages and questions.

Both sides read one folder of synthetic packs written by verbatim's `synth_pack` example (the
generator of the `scale` benchmark) and ask its `questions.txt`, one question at a time:

- verbatim: `cargo bench --bench scale -- --measure DIR`, in its own process: the question's
  analysis (folding, jieba search mode), speaker and topic recognition, tantivy's top 3 and
  their highlights (`Engine::ask(question, 3)`), timed with `Instant`;
- Python: the question segmented with jieba's search mode, then bm25s's top 3 over the passages
  segmented the same way, timed with `time.perf_counter`.

Each side asks every question once to warm up, then passes over them again until 3,000
latencies are taken (the scale benchmark's `WARM_SAMPLES`); the mean, p50 and p99 of those are
reported. The sides take turns, `--runs` times, so that a busy moment on a shared machine falls
on both; the best figure of each side and its range are printed, with the ratio.

Usage (from anywhere; see README.md beside this file):
    python compare.py [--passages 10000] [--runs 3] [--backend numpy|numba] [--pack DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import shlex
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import bm25s
import jieba

REPO = Path(__file__).resolve().parents[2]
TOP = 3
# Latencies taken in a run after the warm-up pass, as `WARM_SAMPLES` in `benches/scale.rs`.
WARM_SAMPLES = 3_000
# A token worth indexing holds a letter or a digit: jieba also returns spaces and punctuation.
WORD = re.compile(r"\w")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="turns of each side (default 3)")
    parser.add_argument(
        "--backend",
        choices=("numpy", "numba"),
        default="numpy",
        help="bm25s's retrieval backend (default numpy; numba needs `pip install numba`)",
    )
    parser.add_argument(
        "--pack",
        type=Path,
        help="folder of synthetic packs (default: written under Cargo's target folder)",
    )
    args = parser.parse_args()

    commands: list[str] = []
    pack = args.pack or target_dir() / "tmp" / "bm25s-compare" / f"synth-{args.passages}"
    ensure_pack(pack, args.passages, commands)
    passages = read_passages(pack)
    questions = (pack / "questions.txt").read_text(encoding="utf-8").splitlines()
    if len(passages) != args.passages:
        sys.exit(f"error: {pack} holds {len(passages)} passages, not {args.passages}")
    print(f"{len(passages)} passages and {len(questions)} questions from {pack}")

    python = PythonSide(passages, args.backend)
    print(
        f"jieba + bm25s ({args.backend}): dictionary {python.dictionary_s:.2f} s, "
        f"segmenting {python.segment_s:.2f} s, indexing {python.index_s:.2f} s; "
        f"{python.answered(questions)} of {len(questions)} questions score a passage above 0"
    )
    verbatim_command = ["cargo", "bench", "--bench", "scale", "--", "--measure", str(pack)]
    build = ["cargo", "bench", "--bench", "scale", "--no-run"]
    run_quietly(build)
    commands += [shlex.join(build), shlex.join(verbatim_command)]
    python_name = f"jieba + bm25s ({args.backend})"

    verbatim_runs: list[dict[str, float]] = []
    python_runs: list[dict[str, float]] = []
    for run in range(1, args.runs + 1):
        load_before = os.getloadavg()[0]
        verbatim_runs.append(measure_verbatim(verbatim_command))
        python_runs.append(python.measure(questions, WARM_SAMPLES))
        v, p = verbatim_runs[-1], python_runs[-1]
        print(
            f"run {run}: load {load_before:.2f}→{os.getloadavg()[0]:.2f}; "
            f"verbatim mean {v['mean']:.1f} µs p50 {v['p50']:.1f} p99 {v['p99']:.1f} "
            f"({v['asks']:.0f} asks, engine built in {v['engine_ms']:.0f} ms); "
            f"{python_name} mean {p['mean']:.1f} µs p50 {p['p50']:.1f} p99 {p['p99']:.1f} "
            f"({p['asks']:.0f} asks)"
        )

    print()
    print(f"| per question, {len(passages):,} passages | mean | p50 | p99 |")
    print("|---|---:|---:|---:|")
    for name, runs in (("verbatim", verbatim_runs), (python_name, python_runs)):
        cells = [best_and_range(runs, figure) for figure in ("mean", "p50", "p99")]
        print(f"| {name} | " + " | ".join(cells) + " |")
    cells = [ratio(python_runs, verbatim_runs, figure) for figure in ("mean", "p50", "p99")]
    print(f"| {python_name} ÷ verbatim | " + " | ".join(cells) + " |")
    print()
    print("Best of each side (range over the runs); the ratio is best over best, with the least")
    print("and greatest ratio of any verbatim run against any jieba + bm25s run.")
    print()
    print("Commands:")
    for command in commands:
        print(f"  {command}")
    print(f"  {shlex.join([sys.executable, *sys.argv])}")
    print()
    commit = run_quietly(["git", "describe", "--always", "--dirty"]).strip()
    python_version = sys.version.split()[0]
    versions = f"bm25s {bm25s.__version__}, jieba {jieba.__version__}, Python {python_version}"
    load = " ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"verbatim at {commit}; {versions}; {machine()}; load average {load}")
    return 0


class PythonSide:
    """jieba + bm25s over the passages, built once and asked one question at a time."""

    def __init__(self, passages: list[str], backend: str) -> None:
        started = time.perf_counter()
        jieba.setLogLevel(60)
        jieba.initialize()
        self.dictionary_s = time.perf_counter() - started
        started = time.perf_counter()
        corpus = [segment(text) for text in passages]
        self.segment_s = time.perf_counter() - started
        started = time.perf_counter()
        self.retriever = bm25s.BM25(backend=backend)
        self.retriever.index(corpus, show_progress=False)
        self.index_s = time.perf_counter() - started

    def ask(self, question: str):
        return self.retriever.retrieve([segment(question)], k=TOP, show_progress=False)

    def answered(self, questions: list[str]) -> int:
        return sum(1 for q in questions if self.ask(q).scores[0][0] > 0)

    def measure(self, questions: list[str], samples: int) -> dict[str, float]:
        """Asks every question once, then again until `samples` latencies are taken, in µs.

        The garbage collector is off while timing, as `timeit` does: the figures are Python's
        best case."""
        for question in questions:
            self.ask(question)
        took = []
        gc.collect()
        gc.disable()
        try:
            for _ in range(math.ceil(samples / len(questions))):
                for question in questions:
                    started = time.perf_counter()
                    self.ask(question)
                    took.append((time.perf_counter() - started) * 1e6)
        finally:
            gc.enable()
        return summary(took)


def segment(text: str) -> list[str]:
    """jieba's search mode, as verbatim segments: words and their dictionary sub-words."""
    return [token for token in jieba.cut_for_search(text.lower()) if WORD.search(token)]


def summary(took: list[float]) -> dict[str, float]:
    took = sorted(took)
    return {
        "asks": len(took),
        "mean": sum(took) / len(took),
        "p50": percentile(took, 0.50),
        "p99": percentile(took, 0.99),
    }


def percentile(ordered: list[float], share: float) -> float:
    """The scale benchmark's definition: the sample at rank ⌈n·share⌉."""
    at = min(max(math.ceil(len(ordered) * share), 1), len(ordered)) - 1
    return ordered[at]


def measure_verbatim(command: list[str]) -> dict[str, float]:
    figures = dict(pair.split("=", 1) for pair in run_quietly(command).split() if "=" in pair)
    return {
        "asks": float(figures["asks"]),
        "mean": float(figures["mean_us"]),
        "p50": float(figures["p50_us"]),
        "p99": float(figures["p99_us"]),
        "engine_ms": float(figures["engine_ms"]),
    }


def best_and_range(runs: list[dict[str, float]], figure: str) -> str:
    values = [run[figure] for run in runs]
    return f"{fmt_us(min(values))} ({fmt_us(min(values))}–{fmt_us(max(values))})"


def ratio(slow: list[dict[str, float]], fast: list[dict[str, float]], figure: str) -> str:
    slows = [run[figure] for run in slow]
    fasts = [run[figure] for run in fast]
    low, best, high = min(slows) / max(fasts), min(slows) / min(fasts), max(slows) / min(fasts)
    return f"{times(best)} ({times(low)}–{times(high)})"


def times(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def fmt_us(us: float) -> str:
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.0f} µs"


def run_quietly(command: list[str]) -> str:
    """Runs a command in the repository and returns its standard output; exits if it fails."""
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"error: {shlex.join(command)} failed:\n{done.stderr}")
    return done.stdout


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} × {model}"


def target_dir() -> Path:
    metadata = run_quietly(["cargo", "metadata", "--format-version", "1", "--no-deps"])
    return Path(json.loads(metadata)["target_directory"])


def ensure_pack(pack: Path, passages: int, commands: list[str]) -> None:
    command = ["cargo", "run", "--release", "--example", "synth_pack", "--"]
    command += [str(passages), str(pack)]
    commands.append(shlex.join(command))
    if not (pack / "questions.txt").exists():
        print(f"writing {passages} passages to {pack}", file=sys.stderr)
        subprocess.run(command, cwd=REPO, check=True)


def read_passages(pack: Path) -> list[str]:
    """Every passage's text, pack by pack in folder order, as verbatim loads them."""
    texts = []
    for manifest in sorted(pack.glob("*/pack.toml")):
        with manifest.open("rb") as file:
            texts += [passage["text"] for passage in tomllib.load(file).get("passage", [])]
    return texts


if __name__ == "__main__":
    sys.exit(main())
