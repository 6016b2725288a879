"""Run the corpus runner's shards on a Dask cluster: same shards, same manifest, more machines.

The client plans exactly as the local runner does (`runner.plan_run`), sends one task per
shard, and commits each shard and its manifest part as its result comes back, so the
output folder is byte for byte what one process writes and a killed run resumes the same
way. Workers return JSON lines; only the client writes to the output folder, so workers
need to read the inputs but never see the output.

Each worker loads the pipeline once (`PipelinePlugin` at worker start, then a per-process
cache keyed by segmenter and model path) and annotates a shard with `n_process=1`: on a
cluster, parallelism comes from workers. Use one thread per worker process
(`--nthreads 1`); a worker's pipeline is used by one task at a time.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dask.distributed import Client, Worker, WorkerPlugin, as_completed, get_worker
from spacy.language import Language

from ..pipeline import DEFAULT_SEGMENTER, load
from .runner import (
    DEFAULT_SHARD_SIZE,
    DEFAULT_TIME_LIMIT,
    Input,
    Outcome,
    Progress,
    RunSummary,
    annotate_inputs,
    collect_inputs,
    commit_shard,
    locked,
    plan_run,
    prepare_out,
    recover,
    tally,
    write_manifest,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineSpec:
    """Which pipeline a worker loads: a segmenter, or a saved pipeline folder.

    `shipped` (the SHA-256 of the zipped folder) means the folder travels inside
    `PipelinePlugin` and is unpacked under each worker's local directory, in a folder named
    by that checksum, so a changed model never meets the cached old one.
    """

    segmenter: str = DEFAULT_SEGMENTER
    model: str | None = None
    shipped: str | None = None
    clean: bool = True
    time_limit: float | None = None

    def model_path(self, worker: Worker | None = None) -> str | None:
        """Where this worker finds the model (`worker`: by default the one running the current task)."""
        if self.model is None or self.shipped is None:
            return self.model
        return str(shipped_models(worker or get_worker()) / self.shipped / Path(self.model).name)


def shipped_models(worker: Worker) -> Path:
    return Path(worker.local_directory) / "govreport-models"


def zip_folder(folder: Path) -> bytes:
    """The folder (a saved pipeline) as zip bytes, its files under the folder's own name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    return buffer.getvalue()


_PIPELINES: dict[tuple[str, str | None], Language] = {}
_LOCK = threading.Lock()
_LOADS: list[tuple[str, str | None]] = []  # what this process loaded, for tests and diagnostics


def worker_pipeline(spec: PipelineSpec, worker: Worker | None = None) -> Language:
    """This process's pipeline for `spec`, loaded on first use and kept for every later task."""
    key = (spec.segmenter, spec.model_path(worker))
    with _LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = load(key[0], key[1])
            _LOADS.append(key)
        return _PIPELINES[key]


def pipelines_loaded() -> list[tuple[str, str | None]]:
    """The pipelines this worker process has loaded (each should appear once)."""
    return list(_LOADS)


class PipelinePlugin(WorkerPlugin):
    """Prepares every worker, including ones that join later: unpacks a shipped model, loads the pipeline.

    With `ship_model` the saved pipeline folder travels inside the plugin (zipped), so
    workers need no shared file system and no `build-model` of their own.
    """

    name = "govreport-nlp-pipeline"

    def __init__(self, spec: PipelineSpec, archive: bytes | None = None) -> None:
        self.spec = spec
        self.archive = archive

    def setup(self, worker: Worker) -> None:
        if self.archive is not None and self.spec.shipped is not None:
            with zipfile.ZipFile(io.BytesIO(self.archive)) as archive:
                archive.extractall(shipped_models(worker) / self.spec.shipped)
        worker_pipeline(self.spec, worker)


def annotate_shard(items: list[tuple[str, str]], spec: PipelineSpec) -> list[Outcome]:
    """The task: annotate one shard's (name, path) inputs with this worker's pipeline."""
    nlp = worker_pipeline(spec)
    inputs = [Input(name, Path(path)) for name, path in items]
    with _LOCK:  # one task at a time uses the pipeline (it is not shared between threads)
        return list(annotate_inputs(inputs, nlp, n_process=1, clean=spec.clean, time_limit=spec.time_limit))


def run_corpus_dask(
    paths: Iterable[str | Path],
    out: str | Path,
    client: Client,
    *,
    segmenter: str = DEFAULT_SEGMENTER,
    model: str | Path | None = None,
    ship_model: bool = False,
    pattern: str = "*.txt",
    shard_size: int = DEFAULT_SHARD_SIZE,
    clean: bool = True,
    progress: bool | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> RunSummary:
    """`runner.run_corpus` with each shard annotated on a Dask worker.

    Args:
        client: a connected `dask.distributed.Client` (a `LocalCluster` or a real scheduler).
        model: a saved pipeline folder (e.g. `models/govreport_zh_pkuseg`); workers read it at
            this path unless `ship_model` uploads it to each worker first.
        Inputs must be readable by the workers at their absolute paths (a shared file
        system); the other arguments are those of `run_corpus`.
    """
    out = Path(out)
    prepare_out(out)
    start = time.perf_counter()
    if ship_model and model is None:
        raise ValueError("ship_model needs model: the folder of a saved pipeline to upload")
    archive = zip_folder(Path(model)) if ship_model and model else None
    shipped = hashlib.sha256(archive).hexdigest()[:16] if archive else None
    spec = PipelineSpec(segmenter, str(Path(model).resolve()) if model else None, shipped, clean, time_limit)
    with locked(out):
        quarantined = recover(out)
        plan = plan_run(collect_inputs(paths, pattern=pattern), out, shard_size=shard_size)
        summary = RunSummary(skipped=len(plan.skipped))
        if plan.inputs:
            client.register_plugin(PipelinePlugin(spec, archive))
            futures = {
                client.submit(annotate_shard, [(i.name, str(i.path.resolve())) for i in items], spec, pure=False):
                (number, items)
                for number, items in plan.shards
            }
            bar = Progress(len(plan.inputs), enabled=progress)
            try:
                for future in as_completed(futures):
                    number, items = futures.pop(future)
                    outcomes: list[Outcome] = future.result()
                    if [o.name for o in outcomes] != [i.name for i in items]:
                        raise RuntimeError(f"shard {number} came back with other inputs than were sent")
                    commit_shard(out, number, outcomes)
                    tally(summary, outcomes)
                    for outcome in outcomes:
                        bar.update(outcome)
            finally:
                bar.close()
                for future in futures:  # a failure above: do not leave the cluster working for nothing
                    future.cancel()
        write_manifest(out)
    summary.quarantined = quarantined
    summary.seconds = time.perf_counter() - start
    return summary
