"""`govreport_nlp.render(doc)` and `govreport-nlp view`: one page with all four layers, the
user's own text, a fixed colour per label, each span's attributes on hover."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from paths import REPORTS
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.ingest import read_text

runner = CliRunner()
SENTENCE = "晋中市和平遥县实施乡村振兴战略，山西省确保粮食产量保持在31.1亿斤以上。"


class Page(HTMLParser):
    """The text of the page's `div.text`, and for each of its characters the labels over it,
    the link around it and the hover text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.labels: list[frozenset[str]] = []
        self.links: list[str | None] = []
        self.titles: list[str] = []
        self.styles = ""
        self._in_text = self._in_style = False
        self._stack: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "text":
            self._in_text = True
        elif tag == "style":
            self._in_style = True
        elif self._in_text:
            self._stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        elif self._in_text and self._stack:
            self._stack.pop()
        elif tag == "div":
            self._in_text = False

    def handle_data(self, data):
        if self._in_style:
            self.styles += data
        if not self._in_text:
            return
        labels = frozenset(label for _, a in self._stack for label in (a.get("data-labels") or "").split())
        link = next((a.get("href") for t, a in self._stack if t == "a"), None)
        title = next((a.get("title") or "" for _, a in self._stack if a.get("title")), "")
        for char in data:
            self.text.append(char)
            self.labels.append(labels)
            self.links.append(link)
            self.titles.append(title)


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    return parsed


@pytest.fixture(scope="module")
def nlp():
    return govreport_nlp.load("char", shared=True)


def assert_layers_shown(data: dict, page: Page) -> None:
    text = data["text"]
    assert "".join(page.text) == text
    for label in govreport_nlp.LABELS:
        covered = set()
        for span in (s for s in data["spans"] if s["label"] == label):
            covered.update(range(span["start"], span["end"]))
        shown = {i for i, labels in enumerate(page.labels) if label in labels}
        assert shown == covered, f"{label}: the bars do not match the spans"


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_layer_of_a_report_is_shown_over_the_users_own_text(nlp, path):
    data = govreport_nlp.annotate(read_text(path), nlp=nlp, doc_id=path.name)
    page = parse(govreport_nlp.render(data))
    assert_layers_shown(data, page)


def test_each_label_has_its_fixed_colour_and_the_legend_counts_spans(nlp):
    data = govreport_nlp.annotate(SENTENCE, nlp=nlp)
    page = govreport_nlp.render(data)
    styles = parse(page).styles
    for label, colour in govreport_nlp.LABEL_COLOURS.items():
        assert colour in styles
        count = sum(1 for s in data["spans"] if s["label"] == label)
        assert f"></i>{label} {count}</span>" in page
    assert len(set(govreport_nlp.LABEL_COLOURS.values())) == 4


def test_places_link_their_code_and_hover_shows_attributes(nlp):
    page = parse(govreport_nlp.render(nlp(SENTENCE), kb_url_template="https://example.org/division/{}"))
    text = "".join(page.text)
    at = text.index("平遥县")
    assert page.links[at] == "https://example.org/division/140728"
    assert "PLACE 平遥县" in page.titles[at] and "code: 140728" in page.titles[at]
    assert page.links[text.index("乡村振兴")] is None
    quantity = text.index("31.1")
    assert "QUANTITY 31.1亿斤以上" in page.titles[quantity] and "COMMITMENT" in page.titles[quantity]
    unlinked = parse(govreport_nlp.render(nlp(SENTENCE)))
    assert not any(unlinked.links)


def test_a_doc_and_its_json_render_alike(nlp):
    text = read_text(REPORTS / "jinzhong-traditional.txt")
    doc = nlp(text)
    assert govreport_nlp.render(doc) == govreport_nlp.render(govreport_nlp.doc_to_json(doc))
    assert "".join(parse(govreport_nlp.render(doc)).text) == text  # Traditional, as the user wrote it


def test_markup_in_the_text_is_shown_not_run(nlp):
    text = "<p>确保粮食产量保持在31.1亿斤以上。</p><script>alert(1)</script><p>晋中市</p>"
    page = govreport_nlp.render(govreport_nlp.annotate(text, nlp=nlp))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "".join(parse(page).text) == text


def test_view_writes_the_page_of_a_report(tmp_path):
    out = tmp_path / "page.html"
    report = REPORTS / "changzhi-2023.txt"
    result = runner.invoke(app, ["view", str(report), "--out", str(out), "--segmenter", "char"])
    assert result.exit_code == 0, result.stderr
    data = govreport_nlp.annotate(report, nlp=govreport_nlp.load("char", shared=True))
    assert_layers_shown(data, parse(out.read_text(encoding="utf-8")))


def test_view_reads_annotated_jsonl_and_picks_a_document(tmp_path, nlp):
    docs = [govreport_nlp.annotate(t, nlp=nlp, doc_id=str(i)) for i, t in enumerate([SENTENCE, "晋中市"])]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    result = runner.invoke(app, ["view", str(jsonl), "--doc", "1"])
    assert result.exit_code == 0, result.stderr
    assert "".join(parse(result.stdout).text) == "晋中市"
    missing = runner.invoke(app, ["view", str(jsonl), "--doc", "2"])
    assert missing.exit_code == 1 and "holds 2 document(s)" in missing.stderr


def test_view_of_empty_input_fails_with_a_message():
    result = runner.invoke(app, ["view", "-"], input=b"")
    assert result.exit_code == 1 and "empty input" in result.stderr
