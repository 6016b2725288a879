"""COMMITMENT `indicator`: the measured noun phrase of a target, as the user wrote it.

Sentences are taken from the reports of the shared corpus and the bundled Shanxi reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from govreport_nlp.annotate import annotate
from govreport_nlp.pipeline import blank
from govreport_nlp.taggers.commitments.indicators import indicator_key
from govreport_nlp.taggers.commitments.targets import target_rows

ROOT = Path(__file__).resolve().parents[1]
PLAN = "二、2026年工作安排\n{}\n"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank("char")


def indicators(nlp: Language, text: str) -> dict[str, object]:
    """Clause text → indicators (a list, `govreport-nlp/2`) of every COMMITMENT span of the exported document."""
    data = annotate(text, nlp=nlp)
    return {s["text"]: s["attrs"]["indicator"] for s in data["spans"] if s["label"] == "COMMITMENT"}


def named(expected: str | list[str] | None) -> list[str]:
    """The expected indicators as the export lists them: one name, several, or none."""
    return [] if expected is None else [expected] if isinstance(expected, str) else expected


def test_indicators_are_written_as_in_the_users_text(nlp: Language) -> None:
    """A Traditional-script report is read in Simplified script; its indicators are
    exported as written (the gold compares them as written), and keep their key."""
    line = next(
        x
        for x in (ROOT / "corpus/reports/jinzhong-traditional.txt").read_text(encoding="utf-8").splitlines()
        if x.startswith("主要預期指標是")
    )
    data = annotate(PLAN.format(line), nlp=nlp)
    found = {s["text"]: s["attrs"] for s in data["spans"] if s["label"] == "COMMITMENT"}
    assert found["規模以上工業增加值增長13%"]["indicator"] == ["規模以上工業增加值"]
    assert found["城鎮登記失業率控制在4.2%以內"]["indicator"] == ["城鎮登記失業率"]
    assert found["地區生產總值增長9%"]["indicator"] == ["地區生產總值"]
    assert found["地區生產總值增長9%"]["indicator_key"] == ["gdp"]


@pytest.mark.parametrize(
    ("paragraph", "clause", "expected"),
    [
        # action verbs before a counted thing are not part of it (黑龙江, 辽宁, 陕西, 安徽)
        ("续建安置房7550套，新开工1000套以上，新建改造供排水、供热管网1600公里。", "续建安置房7550套", "安置房"),
        (
            "加强黑土地保护，分区分类建设高标准农田980万亩以上，一体推进侵蚀沟治理和农田防护林更新修复，强化建后管护。",
            "分区分类建设高标准农田980万亩以上",
            "高标准农田",
        ),
        ("培育技术经理人超过600人。", "培育技术经理人超过600人", "技术经理人"),
        ("巩固危房改造成果，新创建“千万工程”示范村500个左右。", "新创建“千万工程”示范村500个左右", "“千万工程”示范村"),
        # members counted one by one (辽宁, 安徽)
        (
            "实施优质企业梯度培育行动，新增省级专精特新企业300家、雏鹰瞪羚独角兽企业500家。",
            "新增省级专精特新企业300家、雏鹰瞪羚独角兽企业500家",
            ["省级专精特新企业", "雏鹰瞪羚独角兽企业"],
        ),
        (
            "建设农村集中供水工程200处，建设改造农村公路4000公里、农村电网5800公里。",
            "建设改造农村公路4000公里、农村电网5800公里",
            ["农村公路", "农村电网"],
        ),
    ],
)
def test_counted_things_are_named_without_their_verb(
    nlp: Language, paragraph: str, clause: str, expected: object
) -> None:
    assert indicators(nlp, PLAN.format(paragraph))[clause] == named(expected)


ANHUI_TARGETS = (
    "经济社会发展的主要预期目标是：全省地区生产总值增长5%—5.5%，在实际工作中努力争取更好结果；全员劳动生产率"
    "增速高于地区生产总值增速，项目（不含房地产开发）投资增速高于全部投资增速，制造业投资和民间投资占比稳步提升，社"
    "会消费品零售总额增长4%左右，进出口总额增长6%左右，一般公共预算收入增长2%左右，城镇常住居民人均可支配收入"
    "增速高于全国平均水平，农村常住居民人均可支配收入增速高于全国平均水平、高于城镇居民收入增速，城镇新增就业68万"
    "人左右，城镇调查失业率5.5%左右，居民消费价格指数上涨2%左右，粮食播种面积及生态环境质量指标完成国家下达目"
    "标任务。"
)
HUBEI_TARGETS = (
    "今年是“十五五”开局之年，做好今年工作意义重大。经济社会发展主要预期目标是：经济增长5.5%左右，在实际工作中"
    "努力争取更好结果；城镇调查失业率5.5%左右，城镇新增就业70万人以上；居民消费价格涨幅2%左右；居民收入增长"
    "和经济增长同步；粮食产量继续保持500亿斤以上；单位地区生产总值二氧化碳排放完成国家下达目标。"
)
SHAANXI_TARGETS = (
    "经济社会发展的主要预期目标是：生产总值增长5％左右，固定资产投资增速保持在全国平均水平以上，一般公共预算收入增"
    "长3％，居民收入增速高于经济增速、高于全国平均水平，城镇新增就业40万人以上，城镇调查失业率5.5％左右，居民"
    "消费价格涨幅2％左右，完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务。"
)


@pytest.mark.parametrize(
    ("paragraph", "clause", "expected"),
    [
        (ANHUI_TARGETS, "全员劳动生产率增速高于地区生产总值增速", "全员劳动生产率增速"),
        (ANHUI_TARGETS, "城镇常住居民人均可支配收入增速高于全国平均水平", "城镇常住居民人均可支配收入增速"),
        (ANHUI_TARGETS, "粮食播种面积及生态环境质量指标完成国家下达目标任务", ["粮食播种面积", "生态环境质量指标"]),
        (HUBEI_TARGETS, "居民收入增长和经济增长同步", "居民收入增长"),
        (HUBEI_TARGETS, "单位地区生产总值二氧化碳排放完成国家下达目标", "单位地区生产总值二氧化碳排放"),
        (SHAANXI_TARGETS, "居民收入增速高于经济增速、高于全国平均水平", "居民收入增速"),
        (
            SHAANXI_TARGETS,
            "完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务",
            ["粮食生产", "单位生产总值二氧化碳减排"],
        ),
        # a measure raised or lowered without a figure (江西, 广西, 内蒙古)
        (
            "提高直接融资比重；推动省现代产业引导基金优化运营管理，更好发挥功能效应。",
            "提高直接融资比重",
            "直接融资比重",
        ),
        (
            "加强财政金融联动，推动AI与金融双向奔赴，切实降低融资成本，加紧清理拖欠企业账款。",
            "切实降低融资成本",
            "融资成本",
        ),
        (
            "确保基本养老、医疗保险参保率稳定在95%以上，提高城乡居民养老保险基础养老金标准，"
            "开展欠薪欠保、违法裁员等问题治理。",
            "提高城乡居民养老保险基础养老金标准",
            "城乡居民养老保险基础养老金标准",
        ),
    ],
)
def test_targets_without_a_figure_name_what_they_measure(
    nlp: Language, paragraph: str, clause: str, expected: object
) -> None:
    assert indicators(nlp, PLAN.format(paragraph))[clause] == named(expected)


def test_efficiency_and_quality_are_no_measured_figures(nlp: Language) -> None:
    assert (
        indicators(
            nlp,
            PLAN.format(
                "提高政府立法质量和效率，严格规范公正文明执法，落实府院联动工作机制意见，完善实质性化解行政争议机制。"
            ),
        )["提高政府立法质量和效率"]
        == []
    )


HEILONGJIANG_HOUSING = "续建安置房7550套，新开工1000套以上，新建改造供排水、供热管网1600公里。"


@pytest.mark.parametrize(
    ("paragraph", "clause", "expected"),
    [
        # what is done to the counted thing is not its name (重庆, 山东, 辽宁)
        (
            "推进精细治理，开展中心城区城市环境提质焕新行动，加强全域环境综合治理，加大轨道站点、群租空间等区域整治，"
            "完成200条背街小巷整治。",
            "完成200条背街小巷整治",
            "背街小巷",
        ),
        (
            "抓好新能源消纳利用，推进万华新一代电池材料等10个绿电产业园建设，拓展绿电直连、虚拟电厂等应用场景，"
            "探索源网荷储一体化新模式。",
            "推进万华新一代电池材料等10个绿电产业园建设",
            "绿电产业园",
        ),
        (
            "实施县域主导产业培育行动，因地制宜引育一批链主企业和专精特新企业，培育5个特色农业县、5个工业强县、3个文旅强县。"
            "选派2000名农村科技特派员服务县域特色产业发展。",
            "选派2000名农村科技特派员服务县域特色产业发展",
            "农村科技特派员",
        ),
        # a verb alone names nothing: the thing follows the figure, or the clause before named it (陕西, 内蒙古, 黑龙江)
        (
            "设立10亿元绿色发展纵向补偿基金，完善生态环境补偿机制。",
            "设立10亿元绿色发展纵向补偿基金",
            "绿色发展纵向补偿基金",
        ),
        (
            "建成20个500千伏输变电工程，启动阿拉善至蒙中地区特高压柔性直流输电线路论证。",
            "建成20个500千伏输变电工程",
            "输变电工程",
        ),
        (HEILONGJIANG_HOUSING, "新开工1000套以上", "安置房"),
        # one member per figure (山东); a predicate ending in 至 (青海)
        (
            "加强大运河生态环境保护，推进25条重点河湖生态流量达标，美丽河湖、美丽海湾建成率分别达到30%、50%。",
            "美丽河湖、美丽海湾建成率分别达到30%、50%",
            ["美丽河湖", "美丽海湾建成率"],
        ),
        (
            "完善城乡融合发展体制机制，常住人口城镇化率提升至67%左右，加快建设生态农业强省。",
            "常住人口城镇化率提升至67%左右",
            "常住人口城镇化率",
        ),
        # a result to reach names what rises (辽宁, 安徽, 陕西)
        (
            "全省经济实力显著增强，创新驱动更加有力，公共服务发展水平大幅提高，维护国家“五大安全”能力明显提升。",
            "全省经济实力显著增强",
            "经济实力",
        ),
        (
            "到2030年，高质量充分就业取得新进展，居民收入增长与经济增长同步，中等收入群体规模稳步扩大，"
            "基本公共服务均等化水平明显提升，人均预期寿命提高到80岁以上。",
            "中等收入群体规模稳步扩大",
            "中等收入群体规模",
        ),
        (
            "严防新增隐性债务，加快融资平台市场化转型，力争实现存量隐性债务清零。",
            "力争实现存量隐性债务清零",
            "存量隐性债务",
        ),
    ],
)
def test_counted_things_and_results_are_named_whole(
    nlp: Language, paragraph: str, clause: str, expected: object
) -> None:
    assert indicators(nlp, PLAN.format(paragraph))[clause] == named(expected)


@pytest.mark.parametrize(
    ("paragraph", "clause", "expected"),
    [
        # levels that count one thing (辽宁)
        (
            "推动产业集群与实验室群、中试平台、制造业创新中心等深度对接，着力培育6个世界级、7个国家级、9个区域级产业集群。",
            "着力培育6个世界级、7个国家级、9个区域级产业集群",
            "产业集群",
        ),
        # a scale is a class of the thing, not its name (黑龙江)
        (
            "优化提升传统产业，促进服务业优质高效发展，加快建设现代化基础设施体系，推动产业层级从中初级为主向中高端为主"
            "转变，培育壮大12个千亿级特色产业集群。",
            "培育壮大12个千亿级特色产业集群",
            "特色产业集群",
        ),
        # money raised for a named work (广西)
        (
            "筹措7亿元实施就业惠民工程，开展稳岗扩容提质行动，加强医疗护理员培训，稳定高校毕业生、农民工等重点群体就业。",
            "筹措7亿元实施就业惠民工程",
            "就业惠民工程",
        ),
        # a figure raised from one value to another (national 2018)
        (
            "加大研发费用加计扣除政策实施力度，将科技型中小企业加计扣除比例从75%提高到100%，对企业投入基础研究实行税收优惠。",
            "将科技型中小企业加计扣除比例从75%提高到100%",
            "科技型中小企业加计扣除比例",
        ),
    ],
)
def test_levels_funds_and_ranges_name_one_thing(nlp: Language, paragraph: str, clause: str, expected: object) -> None:
    assert indicators(nlp, PLAN.format(paragraph))[clause] == named(expected)


# The indicator keys of the targets table (data/commitment_indicators.tsv): statistical
# indicators (group nbs/report/mined) and counting indicators (group count: the head of
# the counted thing, for a count). Each sentence is a plan clause of a report of the corpus.
@pytest.mark.parametrize(
    ("report", "sentence", "expected"),
    [
        (
            "provincial henan 2026",
            "加快钢铁、煤炭、有色等10个传统产业提质升级，实施200个以上节能降碳改造和用能设备更新项目，"
            "新培育绿色工厂200个、绿色工业园区10个。",
            [("10个", "n_industries"), ("200个以上", "n_projects"), ("200个", "n_factories"), ("10个", "n_parks")],
        ),
        ("provincial jilin 2026", "实施亿元以上项目2000个以上。", [("2000个以上", "n_projects")]),
        ("provincial jilin 2026", "增加普惠性养老床位2000个。", [("2000个", "n_beds")]),
        ("provincial anhui 2026", "实施稳经济30项举措。", [("30项", "n_policy_measures")]),
        # a statistic that ends with a counted head keeps its own key
        ("provincial anhui 2026", "城镇新增就业68万人左右。", [("68万人左右", "urban_new_jobs")]),
        (
            "provincial qinghai 2026",
            "农牧区劳动力转移就业106万人次以上。",
            [("106万人次以上", "rural_labour_transfer")],
        ),
        (
            "provincial beijing 2026",
            "抓好507栋危旧简易楼排险工作，改造完工老旧小区300个以上，实施老楼加装电梯800台以上，深入开展第三轮回天行动，"
            "持续推进城中村改造。",
            [("507栋", None), ("300个以上", "old_residential_compounds"), ("800台以上", None)],
        ),
        # a count of something else than the statistic named inside the phrase
        ("provincial henan 2026", "推进66个粮食产能提升重点县建设。", [("66个", None)]),
        # measured things, any kind of figure
        ("provincial guangxi 2026", "建设高标准农田95万亩。", [("95万亩", "high_standard_farmland")]),
        ("provincial henan 2026", "新改建农村公路5000公里。", [("5000公里", "rural_roads")]),
        ("national 2013", "今年拟安排财政赤字1.2万亿元。", [("1.2万亿元", "fiscal_deficit")]),
        ("provincial shanghai 2026", "单位生产总值能耗累计下降14%。", [("14%", "energy_intensity")]),
        # a ratio to GDP is not GDP; a span of time measures nothing
        ("provincial jilin 2026", "社会物流总费用与GDP比率降低至13.6%左右。", [("13.6%左右", None)]),
        (
            "county hailar 2019",
            "要继续补齐城市建设短板，利用三年左右时间对老旧小区进行改造，重点解决供热不畅、环境不优、绿化不多等突出问题。",
            [("三年左右", None)],
        ),
        # a figure that is part of a name is no target
        ("national 2021", "要锲而不舍落实中央八项规定精神。", []),
    ],
)
def test_indicator_keys_of_target_rows(nlp: Language, report: str, sentence: str, expected: list[object]) -> None:
    rows = target_rows(annotate(PLAN.format(sentence), nlp=nlp))
    assert [(r["target_text"], r["indicator_key"]) for r in rows] == expected


def test_counting_keys_need_a_count_and_the_head() -> None:
    """项目 names the number of projects only as the head of a counted thing."""
    assert indicator_key("省重点项目", kinds=["count"]) == "n_projects"
    assert indicator_key("省重点项目", kinds=["money"]) is None
    assert indicator_key("项目投资", kinds=["money"]) == "investment"
    assert indicator_key("“四单合一”产业项目", kinds=["count"]) == "n_projects"
    assert indicator_key(["规模以上工业企业", "单项冠军企业"], kinds=["count", "count"]) == ["n_enterprises"] * 2
    # a sector's output value or value added: the indicator column names the sector
    assert indicator_key("光子产业产值", kinds=["money"]) == "sector_output_value"
    assert indicator_key("高技术制造业增加值", kinds=["percent"]) == "sector_value_added"
    assert indicator_key("规模以上工业增加值", kinds=["percent"]) == "industrial_value_added"
