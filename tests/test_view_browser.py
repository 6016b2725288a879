"""The rendered page in a real browser: headless Chromium takes a screenshot of
`govreport_nlp.render(...)` and the screenshot must show the text and a bar of each
label's own colour. (tests/test_view.py checks which characters each bar covers; this
checks that a browser really draws them.)

Chromium and a CJK font are system packages (scripts/browser.sh, run by scripts/test.sh);
without them this test skips, unless GOVREPORT_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import govreport_nlp

image = pytest.importorskip("matplotlib.image")
SENTENCE = "晋中市和平遥县实施乡村振兴战略，山西省确保粮食产量保持在31.1亿斤以上。"


def browser() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found is None:
        if os.environ.get("GOVREPORT_REQUIRE_BROWSER"):
            pytest.fail("no Chromium: bash scripts/browser.sh installs it")
        pytest.skip("no Chromium (bash scripts/browser.sh)")
    return found


def screenshot(page: str, tmp_path, width: int = 900, height: int = 500):
    html = tmp_path / "page.html"
    html.write_text(page, encoding="utf-8")
    png = tmp_path / "page.png"
    command = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--window-size={width},{height}", f"--screenshot={png}", html.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=True, cwd=tmp_path)
    pixels = image.imread(png)  # floats 0..1, RGB(A)
    return (pixels[:, :, :3] * 255).round().astype(int)


def colour_pixels(pixels, hex_colour: str) -> int:
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return int(((abs(pixels - rgb)).sum(axis=2) <= 6).sum())


@pytest.mark.slow
def test_the_browser_draws_a_bar_of_each_labels_colour_under_the_text(tmp_path):
    nlp = govreport_nlp.load("char", shared=True)
    (tmp_path / "plain").mkdir()
    (tmp_path / "spans").mkdir()
    # A page without spans shows each colour only in its legend swatch.
    plain = screenshot(govreport_nlp.render(govreport_nlp.annotate("今天天气很好。", nlp=nlp)), tmp_path / "plain")
    spans = screenshot(govreport_nlp.render(govreport_nlp.annotate(SENTENCE, nlp=nlp)), tmp_path / "spans")
    assert int((spans.sum(axis=2) < 200).sum()) > int((plain.sum(axis=2) < 200).sum()) + 500, "no text drawn"
    for label, colour in govreport_nlp.LABEL_COLOURS.items():
        swatch = colour_pixels(plain, colour)
        assert swatch > 50, f"no {label} swatch in the legend"
        # each bar is 3 px under every character of its spans: 平遥县 alone is some 150 px
        assert colour_pixels(spans, colour) > swatch + 150, f"no {label} bar in the screenshot"
