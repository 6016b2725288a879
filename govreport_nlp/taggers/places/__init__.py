"""The PLACE tagger: `component` (spaCy factory `govreport_places`), `rules` (pure Python),
`gazetteer` (the division index it links to), `table` (per-place rows) and the optional
`hanlp` NER backend (factory `govreport_hanlp_ner`, imported only when asked for)."""
