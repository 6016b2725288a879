"""From a folder of reports to a table of targets, a plot and a page to read.

A notebook written as a script: each `# %%` starts a cell (VS Code, PyCharm and Jupytext
open it as a notebook), and `python docs/walkthrough.py` runs it from top to bottom.

    python docs/walkthrough.py [FOLDER] [--out DIR]     # default: the bundled reports

It needs pandas and matplotlib (`pip install 'govreport-nlp[corpus,plot]'`). CI runs it on
the bundled reports (tests/test_walkthrough.py).
"""

# %% [markdown]
# ## 1. Annotate every report of a folder
# The default pipeline (char) needs no model files and no network. `annotate_many` takes
# (input, metadata) pairs; a path is decoded whatever its encoding, and a file that
# cannot be read comes back as an error record instead of stopping the run.

# %%
import argparse
import json
from pathlib import Path

import govreport_nlp

ROOT = Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser(description="From a folder of reports to targets, a plot and a page.")
parser.add_argument("folder", type=Path, nargs="?", default=ROOT / "corpus" / "reports")
parser.add_argument("--out", type=Path, default=Path("walkthrough-out"))
args = parser.parse_args()
args.out.mkdir(parents=True, exist_ok=True)

nlp = govreport_nlp.load()
paths = sorted(args.folder.rglob("*.txt"))
results = list(govreport_nlp.annotate_many(((p, {"id": p.name, "source": str(p)}) for p in paths), nlp))
docs = [d for d in results if "error" not in d]
for failed in (d for d in results if "error" in d):
    print("could not read", failed["meta"]["id"], failed["error"]["message"])
with (args.out / "reports.jsonl").open("w", encoding="utf-8") as fh:  # kept: to_dataframe reads it back too
    fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
print(f"{len(docs)} reports, {sum(len(d['spans']) for d in docs):,} spans")

# %% [markdown]
# ## 2. The targets table
# One row per quantitative target: the indicator (as written, and as a key that is the
# same across reports), comparator, value, unit, strength, deadline and the offsets of
# the target in the report's own text.

# %%
targets = govreport_nlp.to_dataframe(docs, "targets")
print(targets[["doc_id", "year", "indicator", "indicator_key", "comparator", "value", "unit"]].head(10).to_string())
targets.to_csv(args.out / "targets.csv", index=False)

# %% [markdown]
# ## 3. Targets by indicator and year
# The plot a researcher wants first: for the indicators set as a percentage (growth,
# shares), the target each year's report set, one line per indicator.

# %%
import matplotlib  # noqa: E402  (a notebook imports where it first needs a library)

matplotlib.use("Agg")  # no display needed; in a notebook, leave this out
import matplotlib.pyplot as plt  # noqa: E402

percent = targets[(targets["unit"] == "%") & targets["indicator_key"].notna() & targets["year"].notna()]
by_year = percent.pivot_table(index="year", columns="indicator_key", values="value", aggfunc="median")
shown = percent["indicator_key"].value_counts().index[:8]
years = range(int(percent["year"].min()), int(percent["year"].max()) + 1) if len(percent) else range(0)
fig, ax = plt.subplots(figsize=(9, 5))
for key in shown:
    series = by_year[key].reindex(years)  # a year without that target breaks the line
    ax.plot(list(years), series.values, marker="o", label=key)
ax.set_xlabel("report year")
ax.set_ylabel("target (%)")
ax.set_title(f"Percentage targets by indicator and year ({len(docs)} reports)")
ax.legend(fontsize="small")
fig.tight_layout()
fig.savefig(args.out / "targets_by_indicator_and_year.png", dpi=120)
print("plotted", ", ".join(shown))

# %% [markdown]
# ## 4. A page to read
# All four layers of one report over its own text, a fixed colour per label; hover a
# span for its attributes.

# %%
page = govreport_nlp.render(docs[0], kb_url_template="https://example.org/division/{}")
(args.out / "report.html").write_text(page, encoding="utf-8")
print("wrote", args.out)
