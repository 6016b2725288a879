"""The paragraph orientation model of the COMMITMENT tagger: what it decides, its file."""

from __future__ import annotations

import pytest

from govreport_nlp.errors import ConfigError
from govreport_nlp.taggers.commitments.orientation import (
    PLAN,
    REVIEW,
    TARGETS,
    OrientationModel,
    ParagraphOrientation,
    default_model,
    paragraphs,
)

# Paragraphs of the provincial reports of 2026 (shared corpus), as a user pastes them.
ORIENTED = [
    # 辽宁: a plan paragraph of actions
    (
        "落实碳排放总量和强度双控制度。推进沈阳、大连国家碳达峰试点城市建设，筹建国家碳计量中心（辽宁）。"
        "建设一批零碳工厂和零碳园区，新增省级绿色制造单位100家。推进废钢、废铝等资源循环利用。",
        PLAN,
    ),
    # 江西: a plan paragraph
    (
        "深化污染防治攻坚，统筹推进蓝天、碧水、净土提升攻坚战，抓好中央生态环保督察反馈等问题整改，"
        "强化多污染物协同减排和区域协同治理，推进土壤污染源头防控和“无废城市”建设。",
        PLAN,
    ),
    # 广西: a review paragraph of results
    (
        "建立经济运行党政联合调度机制，落实“两重”、“两新”等国家政策，出台稳增长措施近100条。"
        "争取中央各类建设发展资金超900亿元，争取中央转移支付资金4113.7亿元、同口径增长5.6%。"
        "自治区重大项目开工390个、竣工437个。",
        REVIEW,
    ),
    # 陕西: review
    (
        "大力精简会议文件、厉行节约反对浪费，切实整治形式主义为基层减负，下气力纠治群众身边不正之风和腐败问题。"
        "制定修订省政府规章7部，行政复议与应诉工作深入推进，法治政府、效能政府、廉洁政府建设得到加强。",
        REVIEW,
    ),
    # 北京: the main targets
    ("今年经济社会发展主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长4%左右。", TARGETS),
    # a heading or topic line is too short to say
    ("积极促进消费。", None),
]


@pytest.mark.parametrize(("paragraph", "orientation"), ORIENTED, ids=[p[:10] for p, _ in ORIENTED])
def test_orientation_of_a_paragraph(paragraph: str, orientation: str | None) -> None:
    assert default_model().orient(paragraph) == orientation


def test_model_file_round_trip() -> None:
    model = default_model()
    again = OrientationModel.from_tsv(model.to_tsv(["a comment"]))
    assert again == model
    assert len(model.weights) > 10_000 and model.margin > 0


@pytest.mark.parametrize(
    "tsv",
    ["@bias\t0.1\n@margin\t0.5\n", "@bias\t0.1\n@margin\t0.5\n@orders\t1,2\n加快\tfast\n", "just text\n"],
)
def test_bad_model_files_are_refused(tsv: str) -> None:
    with pytest.raises(ConfigError):
        OrientationModel.from_tsv(tsv)


def test_a_short_paragraph_takes_its_neighbours_orientation() -> None:
    text = "积极促进消费。\n" + ORIENTED[0][0] + "\n"
    found = ParagraphOrientation(text)
    assert found.at(0) == PLAN  # the topic line takes the plan paragraph after it
    assert paragraphs(text)[0] == (0, 7)
