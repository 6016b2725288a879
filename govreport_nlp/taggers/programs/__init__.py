"""The PROGRAM tagger: `component` (spaCy factory `govreport_programs`), `rules` (pure
Python: lexicon, quoted-name classifier, head nouns, canonical names) and `table`
(programme rows and programmes per year)."""
