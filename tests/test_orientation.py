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
    reports_results,
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


# Reviews written as lists of actions without 了 read like plans to the n-gram model; their
# results and statistics do not. Plans full of figures keep their plan words.
RESULTS = [
    # 安徽 2026, review: the n-gram model alone says plan
    (
        "高水平建设江淮粮仓，新建、改造高标准农田200.9万亩，耕地面积实现5连增，粮食产量838.6亿斤、再创历史新高，"
        "实现“二十二连丰”。加快农业开放创新，牵头组建“1+5”农业科技创新联盟，建设未来农业产业园、中荷现代设施农业"
        "产业园，农业科技进步贡献率67.5%。新建精品示范村205个、省级中心村816个。",
        True,
    ),
    # 青海 2026, review
    (
        "财政金融政策联动发力，撬动金融资金超500亿元，绿色信贷占比稳居全国前列。一般公共预算支出2164.2亿元。"
        "农牧业增产增效，一产增加值增长5.5%，牛羊出栏分别增长5.2%、1.9%。工业经济克服困难稳健提质，规上工业增加值"
        "增长7.6%、高于全国1.7个百分点，培育规上工业企业85家，高技术制造业、装备制造业增加值分别增长9.5%、10.7%，"
        "建成全国首批绿电铝核心生产基地、首个绿电铝轮毂生产基地。",
        True,
    ),
    # national 2025, plan: budget figures, but 今年, 拟, 左右
    (
        "今年赤字率拟按4%左右安排、比上年提高1个百分点，赤字规模5.66万亿元、比上年增加1.6万亿元。"
        "一般公共预算支出规模29.7万亿元、比上年增加1.2万亿元。拟发行超长期特别国债1.3万亿元、比上年增加3000亿元。",
        False,
    ),
    # 海拉尔 2014, the main targets after their lead-in: three statistics only
    (
        "地方财政总收入增长16%，达到28.8亿元;区本级固定资产投资增长20%，达到108.8亿元;社会消费品零售总额增长14%，"
        "达到126亿元;城镇居民人均可支配收入增长12%，农民人均纯收入增长14%，主要约束性指标达到上级要求。",
        False,
    ),
    # 内蒙古 2026, plan with figures: 要, 确保, 争取
    (
        "二要做好新能源外送和消纳文章。加快建设“十四五”批复的6个沙戈荒大基地及外送通道，争取再纳规3个沙戈荒大基地，"
        "确保新增新能源装机3000万千瓦、新能源发电量超3000亿度。建成20个500千伏输变电工程。",
        False,
    ),
]


@pytest.mark.parametrize(("paragraph", "results"), RESULTS, ids=[p[:8] for p, _ in RESULTS])
def test_a_record_of_results_is_a_review(paragraph: str, results: bool) -> None:
    assert reports_results(paragraph) is results
    if results:
        assert default_model().orient(paragraph) == REVIEW


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
