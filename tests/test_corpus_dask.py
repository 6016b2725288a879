"""The Dask path writes the same shards, manifest and tables as one local process."""

from __future__ import annotations

from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")

from test_corpus_runner import BAD, make_corpus  # noqa: E402

from govreport_nlp.corpus.distributed import pipelines_loaded, run_corpus_dask  # noqa: E402
from govreport_nlp.corpus.runner import read_manifest, run_corpus  # noqa: E402
from govreport_nlp.corpus.tables import build_tables, read_tables  # noqa: E402
from govreport_nlp.pipeline import build  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def output_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.jsonl"))}


def test_dask_run_equals_one_process_byte_for_byte(tmp_path, client, nlp_char):
    make_corpus(tmp_path / "in", copies=2)
    local = run_corpus([tmp_path / "in"], tmp_path / "local", nlp=nlp_char, shard_size=2, progress=False)
    remote = run_corpus_dask([tmp_path / "in"], tmp_path / "dask", client, segmenter="char", shard_size=2,
                             progress=False)
    assert (remote.done, remote.failed, remote.chars) == (local.done, local.failed, local.chars)
    assert remote.failed == len(BAD) and remote.done > 0
    files = output_files(tmp_path / "local")
    assert len(files) > 6 and output_files(tmp_path / "dask") == files  # shards, manifest parts, manifest

    build_tables([tmp_path / "local"], tmp_path / "t-local")
    build_tables([tmp_path / "dask"], tmp_path / "t-dask")
    ours, theirs = read_tables(tmp_path / "t-local"), read_tables(tmp_path / "t-dask")
    assert ours["documents"].num_rows == local.done and ours["quantities"].num_rows > 0
    for name, table in ours.items():
        assert theirs[name].equals(table), name

    # Each worker process loaded the pipeline once, however many shards it annotated.
    loads = client.run(pipelines_loaded)
    assert len(loads) == 2 and all(v == [("char", None)] for v in loads.values())

    # A rerun on the cluster skips what is done and retries only the failures.
    again = run_corpus_dask([tmp_path / "in"], tmp_path / "dask", client, segmenter="char", shard_size=2,
                            progress=False)
    assert (again.skipped, again.done, again.failed) == (local.done, 0, len(BAD))
    assert read_manifest(tmp_path / "dask") == read_manifest(tmp_path / "local") | {
        name: record for name, record in read_manifest(tmp_path / "dask").items() if record["status"] == "failed"
    }


def test_shipped_model_is_uploaded_to_workers_and_gives_the_same_output(tmp_path, client):
    model = build("char", tmp_path / "govreport_zh_char")
    (tmp_path / "in").mkdir()
    for n, text in enumerate(["今年新增就业1.2万人。", "粮食产量保持在31.1亿斤以上。", "完成投资500亿元。"]):
        (tmp_path / "in" / f"{n}.txt").write_text(text, encoding="utf-8")
    run_corpus([tmp_path / "in"], tmp_path / "local", model=model, segmenter="char", progress=False)
    summary = run_corpus_dask([tmp_path / "in"], tmp_path / "dask", client, segmenter="char", model=model,
                              ship_model=True, progress=False)
    assert summary.done == 3
    assert output_files(tmp_path / "dask") == output_files(tmp_path / "local")
    loaded = [path for paths in client.run(pipelines_loaded).values() for _, path in paths if path]
    assert loaded and all(Path(p).name == model.name and Path(p) != model for p in loaded)
    assert all((Path(p) / "config.cfg").exists() for p in loaded)
