"""Corpus scale: annotate thousands of reports resumably, on one machine or a Dask cluster, into tables.

`runner` writes sharded JSONL and a manifest; `distributed` does the same on Dask workers;
`tables` turns the shards into Parquet tables. The last two need the `corpus` extra
(`pip install 'govreport-nlp[corpus]'`), so they are imported from their modules, not here.
"""

from .runner import CorpusError, Input, Outcome, RunSummary, collect_inputs, read_manifest, run_corpus

__all__ = ["CorpusError", "Input", "Outcome", "RunSummary", "collect_inputs", "read_manifest", "run_corpus"]
