"""The spaCy Doc plumbing every tagger shares.

- `layers`: the span groups (one per label), the Doc/Span extensions and `write_layer`,
  which splits tokens at span edges and writes a tagger's spans;
- `tokens`: splitting tokens at character offsets and finding token bounds;
- `char_tokenizer`: the one-token-per-character tokenizer of the `char` pipeline;
- `pkuseg_model`: fetching and converting pkuseg's default model for `build-model`.
"""
