"""kamtrust's benchmarks: each figure a ratio against a baseline measured in the same run.

Run from the repository with the development environment::

    .venv/bin/python benchmarks/run.py            # every section, about two minutes
    .venv/bin/python benchmarks/run.py startup    # one section: startup, scoring, group, load, import, feedback
    .venv/bin/python benchmarks/run.py --quick    # fewer runs and files: a smoke test

The data (answer sets, 10,000 result files) are generated in a temporary folder and removed.
Times are medians of several runs; start-up and group times are whole processes, as a user runs
them. Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from kamtrust.engine.scoring import score  # noqa: E402
from kamtrust.questionnaire.model import Questionnaire  # noqa: E402
from kamtrust.questionnaire.registry import builtin_dir  # noqa: E402
from kamtrust.results.document import Participant, build_result  # noqa: E402

BUILTIN = builtin_dir() / "kamtrust-8.yaml"
SECTIONS = ("startup", "scoring", "group", "load", "import", "feedback")


@dataclass
class Figure:
    """One line of the table."""

    name: str
    value: str
    baseline: str
    ratio: float | None
    target: str
    ok: bool | None

    def row(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        mark = "" if self.ok is None else ("✓" if self.ok else "✗")
        return [self.name, self.value, self.baseline, ratio, self.target, mark]


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def kamtrust_command() -> list[str]:
    """The installed console script beside this Python, else ``python -m kamtrust``."""
    script = Path(sys.executable).with_name("kamtrust")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kamtrust"]


def run_quiet(cmd: Sequence[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)


def interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str], cpu: dict[str, float] | None = None
) -> dict[str, float]:
    """Median wall time of each command, run in turns so that drift hits them all alike.

    ``cpu``, when given, receives each command's median CPU time (user + system, its helper
    processes included): on a machine that others load, it moves less than the wall time."""
    import resource

    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the file cache and bytecode
        run_quiet(cmd, env)
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            run_quiet(cmd, env)
            times[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if cpu is not None:
        cpu.update({name: statistics.median(c) for name, c in cpus.items()})
    return {name: statistics.median(t) for name, t in times.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


# -- sections -----------------------------------------------------------------------------------


def bench_startup(runs: int, env: dict[str, str]) -> list[Figure]:
    kamtrust = kamtrust_command()
    with tempfile.TemporaryDirectory(prefix="kamtrust-bench-") as tmp:
        make_results(Path(tmp), 1)
        t = interleaved(
            {
                "typer": [sys.executable, "-c", "import typer"],
                "version": [*kamtrust, "--version"],
                "help": [*kamtrust, "--help"],
                "one": [*kamtrust, "group", "summary", tmp, "--format", "json"],
            },
            runs,
            env,
        )
    base = t["typer"]
    v, h, one = t["version"] / base, t["help"] / base, t["one"] / base
    return [
        Figure("start-up: kamtrust --version", ms(t["version"]), f"import typer {ms(base)}", v, "≤ 1.3x", v <= 1.3),
        Figure("start-up: kamtrust --help", ms(t["help"]), f"import typer {ms(base)}", h, "≤ 2x", h <= 2.0),
        Figure("group summary of 1 file", ms(t["one"]), f"import typer {ms(base)}", one, "(for information)", None),
    ]


def answer_sets(q: Questionnaire, n: int, skip: float, seed: int) -> list[dict[str, int]]:
    rng = random.Random(seed)
    lo, hi = q.scale.min, q.scale.max
    return [{i: rng.randint(lo, hi) for i in q.items if rng.random() >= skip} for _ in range(n)]


def bench_scoring(runs: int, n: int) -> list[Figure]:
    from kamtrust.questionnaire.loader import load_questionnaire

    figures = []
    for label, skip in (("complete", 0.0), ("10% skipped", 0.1)):
        sets = answer_sets(load_questionnaire(BUILTIN), n, skip, seed=1)
        rates = []
        for _ in range(runs):
            q = load_questionnaire(BUILTIN)  # a fresh questionnaire: the engine's caches start cold
            start = time.perf_counter()
            for answers in sets:
                score(q, answers)
            rates.append(n / (time.perf_counter() - start))
        rate = statistics.median(rates)
        target = label == "complete"
        figures.append(
            Figure(
                f"scoring: {n:,} answer sets, {label}",
                f"{rate:,.0f} /s",
                "",
                None,
                "≥ 50,000 /s" if target else "(for information)",
                rate >= 50_000 if target else None,
            )
        )
    return figures


def make_results(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` complete result files as ``kamtrust assess`` writes them, in 20 cohorts."""
    from kamtrust.questionnaire.loader import load_questionnaire

    q = load_questionnaire(BUILTIN)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for k, answers in enumerate(answer_sets(q, n, 0.02, seed)):
        who = Participant(f"p-{k:05d}", None, f"Account {rng.randrange(50)}", f"Cohort {k % 20}")
        result = build_result(
            q, answers, score(q, answers), language="es", participant=who, created_at="2026-11-23T10:00:00Z"
        )
        (folder / f"20261123T100000Z-kamtrust-8-{k:06x}.json").write_text(result.to_json(), encoding="utf-8")


BASELINE_READ = """
import json, os, sys
docs = 0
for root, dirs, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".json"):
            with open(os.path.join(root, name), "rb") as fh:
                json.load(fh)
            docs += 1
print(docs)
"""

PEAK = """
import contextlib, io, json, resource, sys, tracemalloc
mode, folder = sys.argv[1], sys.argv[2]
tracemalloc.start()
if mode == "kamtrust":
    from kamtrust.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["group", "summary", folder, "--format", "json"])
    assert code == 0, code
else:
    import os
    kept = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as fh:
            doc = json.load(fh)
        kept.append((doc["participant"], doc["answers"]))  # what a summary needs per result
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"peak": peak, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def peak_memory(mode: str, folder: Path, env: dict[str, str]) -> dict[str, int]:
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, mode, str(folder)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(proc.stdout)


def bench_group(runs: int, n: int, env: dict[str, str]) -> list[Figure]:
    kamtrust = kamtrust_command()
    with tempfile.TemporaryDirectory(prefix="kamtrust-bench-") as tmp:
        big, small = Path(tmp, "big"), Path(tmp, "small")
        make_results(big, n)
        make_results(small, n // 10)
        cpu: dict[str, float] = {}
        t = interleaved(
            {
                "json": [sys.executable, "-c", BASELINE_READ, str(big)],
                "summary": [*kamtrust, "group", "summary", str(big), "--format", "json"],
                "table": [*kamtrust, "group", "summary", str(big)],
            },
            runs,
            env,
            cpu,
        )
        ours = {size: peak_memory("kamtrust", folder, env) for size, folder in ((n // 10, small), (n, big))}
        base = {size: peak_memory("json", folder, env) for size, folder in ((n // 10, small), (n, big))}
    r_json, r_table = t["summary"] / t["json"], t["table"] / t["json"]
    baseline = f"json.load {ms(t['json'])}"
    figures = [
        Figure(
            f"group summary: {n:,} files, --format json", ms(t["summary"]), baseline, r_json, "≤ 1.5x", r_json <= 1.5
        ),
        Figure(f"group summary: {n:,} files, table", ms(t["table"]), baseline, r_table, "≤ 1.5x", r_table <= 1.5),
        Figure(
            "  CPU time (user + system), json / table",
            f"{ms(cpu['summary'])} / {ms(cpu['table'])}",
            f"json.load {ms(cpu['json'])}",
            cpu["summary"] / cpu["json"],
            f"(every process; table {cpu['table'] / cpu['json']:.2f}x)",
            None,
        ),
        Figure(
            "  load average when measured",
            " ".join(f"{x:.1f}" for x in os.getloadavg()),
            f"{os.cpu_count()} CPUs",
            None,
            "(helpers run only on cores free at the time)",
            None,
        ),
    ]
    small_n = n // 10
    per_file = (ours[n]["peak"] - ours[small_n]["peak"]) / (n - small_n)
    kept = (base[n]["peak"] - base[small_n]["peak"]) / (n - small_n)
    figures.append(
        Figure(
            f"group summary: peak memory, {small_n:,} → {n:,} files",
            f"{mb(ours[small_n]['peak'])} → {mb(ours[n]['peak'])}",
            f"answers kept {mb(base[small_n]['peak'])} → {mb(base[n]['peak'])}",
            per_file / kept if kept > 0 else None,
            "≤ 1.5x per file",
            kept > 0 and per_file <= 1.5 * kept,
        )
    )
    figures.append(
        Figure(
            "  growth per extra file",
            f"{per_file / 1024:.2f} KiB",
            f"{kept / 1024:.2f} KiB",
            None,
            "(the answers and fields of one result)",
            None,
        )
    )
    figures.append(
        Figure(
            f"  peak RSS, {small_n:,} → {n:,} files",
            f"{ours[small_n]['maxrss_kb'] // 1024} → {ours[n]['maxrss_kb'] // 1024} MiB",
            f"{base[small_n]['maxrss_kb'] // 1024} → {base[n]['maxrss_kb'] // 1024} MiB",
            None,
            "(whole process)",
            None,
        )
    )
    return figures


def mb(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


RESOLVE = "from kamtrust.questionnaire.registry import resolve_id; resolve_id('kamtrust-8', prefer_version='1.0')"


def bench_load(runs: int, env: dict[str, str]) -> list[Figure]:
    """The built-in questionnaire loaded from its prebuilt values, parsed from its YAML, and
    resolved in a fresh process (imports included) against importing PyYAML alone."""
    import yaml

    from kamtrust.questionnaire import loader
    from kamtrust.yamlfile import Loader

    raw = BUILTIN.read_bytes()
    text = raw.decode("utf-8")

    def prebuilt() -> object:
        loader._parsed.cache_clear()  # the process's memo: each run loads afresh
        return loader.load_questionnaire(BUILTIN)

    ours = median_time(prebuilt, runs)
    parsed = median_time(lambda: loader.parse_questionnaire(raw, str(BUILTIN)), runs)
    bare = median_time(lambda: yaml.load(text, Loader=Loader), runs)
    pure = median_time(lambda: yaml.load(text, Loader=yaml.SafeLoader), max(3, runs // 10))
    fresh = interleaved(
        {
            "resolve": [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE.parent)!r}); {RESOLVE}"],
            "yaml": [sys.executable, "-c", "import yaml"],
        },
        max(5, runs // 4),
        env,
    )
    name = "libyaml C loader" if Loader is not yaml.SafeLoader else "pure-Python loader (no libyaml)"
    return [
        Figure(
            "built-in questionnaire: prebuilt, validated",
            ms(ours),
            f"yaml.load {ms(bare)}",
            ours / bare,
            f"({name})",
            None,
        ),
        Figure("  the same parsed from its YAML", ms(parsed), "", parsed / bare, "(any other file)", None),
        Figure("  pure-Python yaml.load, for reference", ms(pure), "", None, "", None),
        Figure(
            "  resolved in a fresh Python",
            ms(fresh["resolve"]),
            f"import yaml {ms(fresh['yaml'])}",
            fresh["resolve"] / fresh["yaml"],
            "(whole processes)",
            None,
        ),
    ]


# -- import -------------------------------------------------------------------------------------

BASELINE_WRITE = """
import json, os, sys
source, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder)
with open(source, encoding="utf-8") as lines:
    for line in lines:
        name, doc = json.loads(line)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=2)
            fh.write("\\n")
"""

PER_FILE_SYNC = """
import json, sys
from pathlib import Path
from kamtrust.atomic import write_atomic
source, folder = sys.argv[1], Path(sys.argv[2])
with open(source, encoding="utf-8") as lines:
    for line in lines:
        name, doc = json.loads(line)
        write_atomic(folder / name, json.dumps(doc, ensure_ascii=False, indent=2) + "\\n")
"""


IMPORTED = "kamtrust-8@1.0"
"""The version the form export is written in (its item texts): the id alone means the newest."""


def make_form_export(path: Path, n: int, seed: int = 3) -> None:
    """A Google-Forms-like CSV: timestamp, e-mail, name, then the 50 items as Spanish labels."""
    from kamtrust.questionnaire.loader import load_questionnaire

    q = load_questionnaire(BUILTIN)
    rng = random.Random(seed)
    labels = [q.scale.labels[p]["es"] for p in range(q.scale.min, q.scale.max + 1)]
    items = list(q.presentation_order)
    lines = [";".join(["Marca temporal", "Dirección de correo electrónico", "Nombre", *(i.text["es"] for i in items)])]
    for k in range(n):
        stamp = f"2026/11/{4 + k // 2000:02d} {(k // 60) % 12 + 1}:{k % 60:02d}:{k % 59:02d} p. m. GMT-5"
        answers = [rng.choice(labels) for _ in items]
        lines.append(";".join([stamp, f"p{k}@example.org", f"Persona {k}", *answers]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_import(runs: int, n: int, env: dict[str, str]) -> list[Figure]:
    """``kamtrust import`` of an n-row export against json.dump of the same n files, in turns."""
    import resource

    kamtrust = kamtrust_command()
    with tempfile.TemporaryDirectory(prefix="kamtrust-bench-", dir=HERE.parent) as tmp:
        base = Path(tmp)
        export = base / "form.csv"
        make_form_export(export, n)

        def imported(out: Path) -> list[str]:
            return [*kamtrust, "import", str(export), "-o", str(out), "--name-column", "Nombre", "-q", IMPORTED]

        first = base / "first"
        subprocess.run(imported(first), env=env, check=True, capture_output=True)
        docs = base / "docs.jsonl"
        with docs.open("w", encoding="utf-8") as fh:
            for path in sorted(first.iterdir()):
                fh.write(
                    json.dumps([path.name, json.loads(path.read_text(encoding="utf-8"))], ensure_ascii=False) + "\n"
                )
        commands = {
            "json": lambda out: [sys.executable, "-c", BASELINE_WRITE, str(docs), str(out)],
            "import": imported,
            "sync": lambda out: [sys.executable, "-c", PER_FILE_SYNC, str(docs), str(out)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for k in range(runs):
            for name, cmd in commands.items():
                if name == "sync" and k >= min(runs, 3):
                    continue  # slow, and for information only
                out = base / f"{name}-{k}"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                run_quiet(cmd(out), env)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        same = sorted(p.name for p in (base / "import-0").iterdir()) == sorted(p.name for p in first.iterdir())
    t = {name: statistics.median(v) for name, v in times.items()}
    ratio = t["import"] / t["json"]
    runs_shown = ", ".join(ms(x) for x in times["import"])
    return [
        Figure(
            f"import: {n:,}-row form export, crash-safe",
            ms(t["import"]),
            f"json.dump {ms(t['json'])}",
            ratio,
            "≤ 1.5x",
            ratio <= 1.5 and same,
        ),
        Figure(
            "  each import run", runs_shown, ", ".join(ms(x) for x in times["json"]), None, "(json.dump runs)", None
        ),
        Figure("  per-file fsync (write_atomic), for reference", ms(t["sync"]), "", t["sync"] / t["json"], "", None),
        Figure(
            "  CPU time (user + system)",
            ms(statistics.median(cpu["import"])),
            f"json.dump {ms(statistics.median(cpu['json']))}",
            statistics.median(cpu["import"]) / statistics.median(cpu["json"]),
            "(the rest is waiting on the disk)",
            None,
        ),
    ]


def make_feedback(folder: Path, people: int, raters: int, seed: int = 13) -> list[Path]:
    """``people`` 2.0 results (one folder) and ``raters`` ratings each (clients, a manager, peers)."""
    from kamtrust.engine.raters import rater_questionnaire
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results.rating import Rating, file_name

    q = resolve("kamtrust-8@2.0")
    rng = random.Random(seed)
    results, ratings = folder / "results", folder / "ratings"
    results.mkdir()
    ratings.mkdir()
    roles = ["client"] * max(3, raters - 4) + ["manager"] + ["peer"] * 3
    paths = []
    for k in range(people):
        answers = {i: rng.randint(2, 5) for i in q.items}
        who = Participant(f"person-{k:05d}", f"KAM {k}", f"Account {k % 40}")
        result = build_result(q, answers, score(q, answers), language="es", participant=who)
        path = results / f"r{k:05d}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        paths.append(path)
        for j, role in enumerate(roles[:raters]):
            view = rater_questionnaire(q, role)
            r = Rating(
                who.id,
                who.account,
                role,
                q.id,
                q.version,
                "es",
                {i: rng.randint(1, 5) for i in view.items},
                result.created_at,
            )
            (ratings / file_name(r, suffix=f"{k:05d}{j:02d}")).write_text(r.to_json(), encoding="utf-8")
    return paths


def bench_feedback(runs: int, env: dict[str, str]) -> list[Figure]:
    """A self-other report of 1 KAM with 12 raters, and a group of 300 KAMs with 5 raters each."""
    kamtrust = kamtrust_command()
    figures = []
    with tempfile.TemporaryDirectory(prefix="kamtrust-bench-feedback-") as tmp:
        one = Path(tmp) / "one"
        one.mkdir()
        (result,) = make_feedback(one, 1, 12)
        t = interleaved(
            {
                "show": [*kamtrust, "show", str(result)],
                "report": [*kamtrust, "feedback", "report", str(result), str(one / "ratings")],
                "html": [*kamtrust, "feedback", "report", str(result), str(one / "ratings"), "-f", "html"],
            },
            runs,
            env,
        )
        for name, label in (("report", "terminal"), ("html", "HTML")):
            ratio = t[name] / t["show"]
            figures.append(
                Figure(
                    f"feedback report: 1 KAM, 12 raters ({label})",
                    ms(t[name]),
                    f"kamtrust show {ms(t['show'])}",
                    ratio,
                    "≤ 2x",
                    ratio <= 2.0,
                )
            )
        group = Path(tmp) / "group"
        group.mkdir()
        make_feedback(group, 300, 5)
        t = interleaved(
            {
                "summary": [*kamtrust, "group", "summary", str(group / "results")],
                "feedback": [
                    *kamtrust,
                    "feedback",
                    "summary",
                    str(group / "results"),
                    "--ratings",
                    str(group / "ratings"),
                ],
            },
            max(2, runs // 2),
            env,
        )
        ratio = t["feedback"] / t["summary"]
        figures.append(
            Figure(
                "feedback summary: 300 KAMs x 5 raters",
                ms(t["feedback"]),
                f"group summary {ms(t['summary'])}",
                ratio,
                "≤ 4x",
                ratio <= 4.0,
            )
        )
    return figures


# -- main ---------------------------------------------------------------------------------------


def print_table(figures: list[Figure]) -> None:
    header = ["figure", "measured", "baseline", "ratio", "target", ""]
    rows = [header, *(f.row() for f in figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, r in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=f"any of: {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and files (a smoke test)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section: {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    sections = args.sections or list(SECTIONS)
    quick = args.quick
    runs = 3 if quick else 15
    with tempfile.TemporaryDirectory(prefix="kamtrust-bench-data-") as data:
        env = {**os.environ, "KAMTRUST_DATA_DIR": data, "NO_COLOR": "1"}
        env.pop("KAMTRUST_DEBUG", None)
        # As a user runs kamtrust: pip compiles an installed package's bytecode once, at install.
        # With PYTHONDONTWRITEBYTECODE (set in some development shells) every run would compile
        # kamtrust's sources again (about 0.1 s); the bytecode goes to the temporary folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(data, "pycache")
        print(f"kamtrust benchmarks · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs · medians\n")
        figures: list[Figure] = []
        for section in sections:
            if section == "startup":
                figures += bench_startup(runs, env)
            elif section == "scoring":
                figures += bench_scoring(3 if quick else 7, 10_000)
            elif section == "group":
                figures += bench_group(2 if quick else 5, 1_000 if quick else 10_000, env)
            elif section == "load":
                figures += bench_load(10 if quick else 50, env)
            elif section == "import":
                figures += bench_import(3 if quick else 5, 1_000 if quick else 5_000, env)
            elif section == "feedback":
                figures += bench_feedback(3 if quick else 7, env)
    print_table(figures)
    missed = [f.name for f in figures if f.ok is False]
    if missed:
        print(f"\nOff target: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
