"""The COMMITMENT tagger: `component` (spaCy factory `govreport_commitments`), `rules`
(pure Python: clauses, cues, strength, deadline), `indicators` (indicator names and keys)
and `targets` (the targets and outcomes tables)."""
