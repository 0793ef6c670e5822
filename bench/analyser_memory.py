"""What the Japanese analyser adds to the bot: resident memory and start-up time, beside their targets.

    .venv/bin/python bench/analyser_memory.py

Each measurement runs in a fresh process: RSS (the pages really mapped in, so the memory-mapped dictionary
counts as much as it is touched) before loading, after loading, and after analysing the clinic's article and
every sentence of the crisis development set (about what weeks of messages touch), split into anonymous memory
(the process's own) and file-backed pages (the memory-mapped dictionary: shared with every other process that maps
it, the content builder included, and given back by the kernel under memory pressure). Alternatives are measured
too when their packages are installed (``pip install sudachidict_core fugashi unidic-lite`` to compare).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_RSS_MB = 120
TARGET_LOAD_S = 0.5

_PROBE = r"""
import json, sys, time, psutil, yaml
proc = psutil.Process()
rss = lambda: proc.memory_info().rss / 1e6
which, repo = sys.argv[1], sys.argv[2]
texts = open(repo + "/../shared/seed/clinic-article.ja.txt", encoding="utf-8").read().splitlines() \
    if __import__("os").path.exists(repo + "/../shared/seed/clinic-article.ja.txt") else []
texts += [c["text"] for c in yaml.safe_load(open(repo + "/bench/data/crisis_dev.yaml", encoding="utf-8"))["cases"]]
def split():
    fields = dict(l.split(":", 1) for l in open("/proc/self/status") if l.startswith(("RssAnon", "RssFile")))
    return {k: int(v.split()[0]) / 1024 for k, v in fields.items()}
before = rss(); before_split = split(); start = time.perf_counter()
if which.startswith("sudachi"):
    from sudachipy import Dictionary, SplitMode
    tok = Dictionary(dict=which.split(":")[1]).tokenizer(mode=SplitMode.C)
    run = lambda s: [m.normalized_form() for m in tok.tokenize(s)]
else:
    import fugashi
    tagger = fugashi.Tagger()
    run = lambda s: [w.feature.lemma for w in tagger(s)]
run("テスト")
load = time.perf_counter() - start
loaded = rss()
for text in texts:
    if text.strip():
        run(text[:2000])
after = split()
anon, file = (after[k] - before_split[k] for k in ("RssAnon", "RssFile"))
print(json.dumps({"load": load, "loaded": loaded - before, "used": rss() - before, "anon": anon, "file": file}))
"""

CANDIDATES = (("SudachiPy + sudachidict_small (shipped)", "sudachi:small", "sudachidict_small"),
              ("SudachiPy + sudachidict_core", "sudachi:core", "sudachidict_core"),
              ("fugashi + unidic-lite", "fugashi", "unidic_lite"))


def measure(which: str) -> dict[str, float] | None:
    result = subprocess.run([sys.executable, "-c", _PROBE, which, str(REPO)], capture_output=True, text=True,
                            check=False)
    return json.loads(result.stdout) if result.returncode == 0 else None


def main() -> int:
    print(f"{'analyser':<42}{'load':>8}{'RSS loaded':>12}{'RSS in use':>12}{'of it anon':>12}{'file-backed':>13}"
          f"   targets: < {TARGET_RSS_MB} MB, < {TARGET_LOAD_S} s")
    for label, which, package in CANDIDATES:
        try:
            __import__(package)
        except ImportError:
            print(f"{label:<42}   (not installed)")
            continue
        figures = measure(which)
        if figures is None:
            print(f"{label:<42}   (failed)")
            continue
        print(f"{label:<42}{figures['load']:>7.2f}s{figures['loaded']:>10.0f}MB{figures['used']:>10.0f}MB"
              f"{figures['anon']:>10.0f}MB{figures['file']:>11.0f}MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
