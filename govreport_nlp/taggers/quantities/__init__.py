"""The QUANTITY tagger: `component` (spaCy factory `govreport_quantities`) and `rules`
(pure Python: numbers, units, comparators, ranges, change)."""
