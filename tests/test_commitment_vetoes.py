"""COMMITMENT precision: sentences of a plan part that promise nothing themselves.

Every sentence is taken whole from the reports of the shared corpus (national, county and
provincial reports outside the gold test split).
"""

from __future__ import annotations

import pytest
from paths import SHARED_CORPUS, needs_shared
from spacy.language import Language

from govreport_nlp.annotate import process
from govreport_nlp.pipeline import blank

PLAN = "二、2026年工作安排\n{}\n"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank("char")


def commitments(nlp: Language, text: str) -> list[str]:
    doc = process(nlp, text)
    return [s.text for s in doc.spans["commitment"]]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # the sentence that says how the year's work is to be done (county 2017, national 2018)
        (
            "做好政府工作,必须要按照市委、市政府和区委的决策部署,主动适应把握经济发展新常态,深度对接国家、自治区和"
            "呼伦贝尔市重大发展战略,准确把握发展定位,勇于担当发展重任,全面做好稳增长、促改革、调结构、惠民生、防风险"
            "各项工作,促进经济平稳健康发展和社会和谐稳定。",
            [],
        ),
        (
            "做好政府工作，要在以习近平同志为核心的党中央坚强领导下，以马克思列宁主义、毛泽东思想、邓小平理论、"
            "“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导，全面深入贯彻党的十九大和十九届"
            "二中、三中全会精神，贯彻党的基本理论、基本路线、基本方略，坚持和加强党的全面领导，坚持稳中求进工作总基调，"
            "坚持新发展理念，紧扣我国社会主要矛盾变化，按照高质量发展的要求，统筹推进“五位一体”总体布局和协调推进"
            "“四个全面”战略布局，坚持以供给侧结构性改革为主线，统筹推进稳增长、促改革、调结构、惠民生、防风险各项工作，"
            "大力推进改革开放，创新和完善宏观调控，推动质量变革、效率变革、动力变革，特别在打好防范化解重大风险、精准脱贫、"
            "污染防治的攻坚战方面取得扎实进展，引导和稳定预期，加强和改善民生，促进经济社会持续健康发展。",
            [],
        ),
        # …but its build goals are commitments, as in a 总体要求 sentence (national 2014)
        ("做好政府工作，必须加强自身改革建设。", ["必须加强自身改革建设"]),
    ],
)
def test_the_guiding_sentence_promises_only_its_goals(nlp: Language, paragraph: str, expected: list[str]) -> None:
    assert commitments(nlp, PLAN.format(paragraph)) == expected


NATIONAL_2019_TARGETS = (
    "今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，城镇调查失业率5.5%左右，"
    "城镇登记失业率4.5%以内；居民消费价格涨幅3%左右；国际收支基本平衡，进出口稳中提质；宏观杠杆率基本稳定，金融财政"
    "风险有效防控；农村贫困人口减少1000万以上，居民收入增长与经济增长基本同步；生态环境进一步改善，单位国内生产总值"
    "能耗下降3%左右，主要污染物排放量继续下降。上述主要预期目标，体现了推动高质量发展要求，符合我国发展实际，与全面"
    "建成小康社会目标相衔接，是积极稳妥的。实现这些目标，需要付出艰苦努力。"
)


def test_sentences_about_the_targets_are_no_targets(nlp: Language) -> None:
    """The sentences after a target list that open with 上述目标 / 实现这些目标 speak about
    the targets (national 2019); they are no targets, in an excerpt or under a heading."""
    for text in (NATIONAL_2019_TARGETS, PLAN.format(NATIONAL_2019_TARGETS)):
        found = commitments(nlp, text)
        assert "城镇新增就业1100万人以上" in found and "主要污染物排放量继续下降" in found
        meta = (
            "上述主要预期目标",
            "符合我国发展实际",
            "与全面建成小康社会目标相衔接",
            "实现这些目标",
            "需要付出艰苦努力",
        )
        assert not set(meta) & set(found)


@pytest.mark.parametrize(
    ("paragraph", "loyalty", "kept"),
    [
        (  # 安徽
            "我们一定坚守绝对忠诚的政治品格，坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂，深刻领悟“两个确立”"
            "的决定性意义，坚决做到“两个维护”，自觉把党的领导贯穿政府工作各方面全过程，当好执行者、行动派、实干家，"
            "确保党中央决策部署及省委工作要求落地见效。",
            ["自觉把党的领导贯穿政府工作各方面全过程", "确保党中央决策部署及省委工作要求落地见效"],
            [],
        ),
        (  # 广西
            "我们要深刻汲取蓝天立等案件的沉痛教训，切实把看在眼里的教训转化为刻在心底的敬畏，以案为鉴、以案明纪、"
            "以案促改，加大一体推进“不敢腐、不能腐、不想腐”力度，牢记“五个必须”，严防“七个有之”，深刻警醒背离"
            "“两个维护”之害、党性蜕化之害、违背新时代党的组织路线之害、“四风”之害、擅权妄为之害、家风家教不严之害，"
            "全面落实中央巡视整改、审计整改，坚定不移推进政府党风廉政建设和反腐败斗争。",
            ["牢记“五个必须”", "严防“七个有之”"],
            ["全面落实中央巡视整改、审计整改"],
        ),
        (  # 青海
            "我们要坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂，深刻领悟“两个确立”的决定性意义，增强“四个意识”、"
            "坚定“四个自信”、做到“两个维护”，认真落实笃信、务实、担当、自律重要要求，始终懂感恩、有情怀、重实干，"
            "以更高标准当好贯彻党中央决策部署的执行者、行动派、实干家。",
            ["以更高标准当好贯彻党中央决策部署的执行者、行动派、实干家"],
            [],
        ),
    ],
)
def test_loyalty_formulas_are_no_commitments(
    nlp: Language, paragraph: str, loyalty: list[str], kept: list[str]
) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert set(kept) <= set(found)
    assert not set(loyalty) & set(found)


@pytest.mark.parametrize(
    ("paragraph", "vision", "kept"),
    [
        (  # 辽宁
            "《纲要（草案）》提出了经济社会发展奋斗目标：全省经济实力显著增强，创新驱动更加有力，公共服务发展水平大幅提高，"
            "维护国家“五大安全”能力明显提升，全面振兴取得新的更大突破，形成产业蝶变升级、创新活力迸发、文化魅力彰显、"
            "区域协同共进、生态秀美宜人、人民富足安康的振兴发展新图景，率先走出一条高质量发展、可持续振兴的新路子。",
            [
                "形成产业蝶变升级、创新活力迸发、文化魅力彰显、区域协同共进、生态秀美宜人、人民富足安康的振兴发展新图景",
                "率先走出一条高质量发展、可持续振兴的新路子",
            ],
            ["全省经济实力显著增强"],
        ),
        (  # 重庆
            "我们要坚定信心、乘势而上，锚定2030年确保基本实现社会主义现代化取得决定性进展目标，巩固拓展优势、破除瓶颈制约、"
            "补强短板弱项，基本建成新时代西部大开发重要战略支点和内陆开放综合枢纽，更好发挥“三个作用”，加快呈现全市域"
            "高质量发展、高水平开放、高品质生活、高效能治理的生动图景，努力在西部地区基本实现社会主义现代化进程中走在前列。",
            [
                "加快呈现全市域高质量发展、高水平开放、高品质生活、高效能治理的生动图景",
                "努力在西部地区基本实现社会主义现代化进程中走在前列",
            ],
            [],
        ),
    ],
)
def test_visions_of_the_future_are_no_commitments(
    nlp: Language, paragraph: str, vision: list[str], kept: list[str]
) -> None:
    """A vision of the path or the picture to come (…新图景, …新路子, …走在前列) states no action."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert set(kept) <= set(found)
    assert not set(vision) & set(found)


@pytest.mark.parametrize(
    ("paragraph", "stance", "kept"),
    [
        (  # 重庆
            "完善红岩文化育人体系，开展弘扬城市精神主题实践活动，实施文明创建提质扩面工程、“渝见好风尚”城市文明建设促进"
            "行动，发展志愿服务，深入践行社会主义核心价值观。",
            "深入践行社会主义核心价值观",
            "发展志愿服务",
        ),
        (  # 山东
            "加强精神文明建设。深入践行社会主义核心价值观，统筹推动文明培育、文明实践、文明创建，抓好移风易俗。",
            "深入践行社会主义核心价值观",
            "抓好移风易俗",
        ),
    ],
)
def test_practising_values_is_a_stance(nlp: Language, paragraph: str, stance: str, kept: str) -> None:
    """践行 (to practise values, a view of one's achievements) is a stance however it is led in."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert kept in found and stance not in found


@pytest.mark.parametrize(
    ("paragraph", "stance", "kept"),
    [
        (  # 陕西
            "我们要深入学习贯彻习近平强军思想，继续发扬双拥传统，支持国防和军队建设，提高国防动员能力，做好退役军人服务"
            "保障工作，巩固军政军民团结的良好局面。",
            "我们要深入学习贯彻习近平强军思想",
            "支持国防和军队建设",
        ),
        (  # national 1994
            "各级政府要认真贯彻落实去年召开的中央农村工作会议精神，稳定党在农村的各项基本政策，进一步深化农村改革，妥善解决"
            "农村经济发展中的突出矛盾和问题，在确保粮食和棉花产量稳定增加的基础上，促进农林牧副渔全面发展，保持乡镇企业"
            "持续增长，千方百计增加农民收入。",
            "各级政府要认真贯彻落实去年召开的中央农村工作会议精神",
            "千方百计增加农民收入",
        ),
    ],
)
def test_carrying_out_a_spirit_or_thought_is_a_stance(nlp: Language, paragraph: str, stance: str, kept: str) -> None:
    """贯彻…精神/思想/方针 states a stance wherever it stands in the clause (after its subject)."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert kept in found and stance not in found


def test_a_campaign_named_after_a_spirit_is_an_action(nlp: Language) -> None:
    """…精神学习教育 names a campaign: consolidating its results is a commitment (辽宁)."""
    paragraph = (
        "深入推进政府系统党风廉政建设。扛牢全面从严治党政治责任，巩固拓展深入贯彻中央八项规定精神学习教育成果，"
        "动真碰硬抓好中央巡视反馈问题整改。深入推进风腐同查同治，一步不停歇、半步不退让。"
    )
    assert "巩固拓展深入贯彻中央八项规定精神学习教育成果" in commitments(nlp, PLAN.format(paragraph))


HEILONGJIANG_REFORM = (
    "更好发挥经济体制改革牵引作用，重点领域关键环节改革取得新突破，充分激发各类经营主体活力，营造高质量发展优良环境，"
    "提升经济治理效能，吸引更多企业投资龙江、更多项目落地龙江、更多人才扎根龙江，确保高质量发展行稳致远。"
)


def test_unspecified_success_is_no_commitment(nlp: Language) -> None:
    """A promise of success in general (…取得新突破, …行稳致远, 取得更大实效) names no result (黑龙江, 山东)."""
    found = commitments(nlp, PLAN.format(HEILONGJIANG_REFORM))
    assert "充分激发各类经营主体活力" in found
    assert not {"重点领域关键环节改革取得新突破", "确保高质量发展行稳致远"} & set(found)
    shandong = "以国家重大战略实施为牵引，促进联动发展取得更大实效。抓实跨省区对接合作。"
    assert "促进联动发展取得更大实效" not in commitments(nlp, PLAN.format(shandong))


@pytest.mark.parametrize(
    ("paragraph", "purpose", "kept"),
    [
        (  # 广西
            "加强财源建设，规范非税收入。深化零基预算改革，强化预算绩效管理。做好金融“五篇大文章”，更好服务实体经济。"
            "持续营造市场化、法治化、国际化一流营商环境。",
            "更好服务实体经济",
            "做好金融“五篇大文章”",
        ),
        (  # 江西
            "做好金融“五篇大文章”，围绕安全效益，优化政策措施，深化实施企业上市升级工程，促进“险资入赣”，提高直接融资比重；"
            "推动省现代产业引导基金优化运营管理，更好发挥功能效应。加强财政资源和预算统筹，推进行政事业单位存量国有资产"
            "盘活共享，深化零基预算、省以下财政体制改革，大力压减低效无效支出，强化重大战略任务和基本民生财力保障。",
            "更好发挥功能效应",
            "推动省现代产业引导基金优化运营管理",
        ),
    ],
)
def test_a_purpose_after_the_action_is_no_commitment(nlp: Language, paragraph: str, purpose: str, kept: str) -> None:
    """更好… closing a sentence after its action says what the action is for (annotation ruling: purpose)."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert kept in found and purpose not in found


def test_a_sentence_that_opens_with_better_is_an_action(nlp: Language) -> None:
    assert "更好发挥经济体制改革牵引作用" in commitments(nlp, PLAN.format(HEILONGJIANG_REFORM))


@needs_shared
@pytest.mark.parametrize(
    ("report", "stance", "kept"),
    [
        (
            "anhui",
            ["自觉为人民出政绩、以实干出政绩", "追求实实在在、没有水分的增长", "遵守市场规则", "恪守契约精神"],
            "杜绝新官不理旧账和“形象工程”、“政绩工程”",
        ),
        ("qinghai", ["自觉按规律办事"], "切实提升服务效能"),
    ],
)
def test_attitudes_of_the_government_are_stances(nlp: Language, report: str, stance: list[str], kept: str) -> None:
    """自觉…, 恪守…, 遵守…, 追求…, 牢记…: an attitude of the government, not an action (the
    paragraph on the government's own conduct, as the report writes it)."""
    text = (SHARED_CORPUS / "provincial-2026" / f"provincial_{report}_2026.txt").read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if stance[0] in line)
    found = commitments(nlp, PLAN.format(paragraph))
    assert kept in found and not set(stance) & set(found)


@needs_shared
@pytest.mark.parametrize(
    ("report", "stance", "kept"),
    [
        ("chongqing", ["全市政府系统要始终保持本色、安守本分", "如临如履、谦虚谨慎"], "推进作风建设常态化长效化"),
        (
            "guangxi",
            ["我们要深刻汲取蓝天立等案件的沉痛教训", "以案为鉴、以案明纪、以案促改"],
            "全面落实中央巡视整改、审计整改",
        ),
        ("beijing", ["大兴调查研究之风"], "扎实推进“九五”普法"),
        ("anhui", ["用法治思维、法治方式推进工作"], "加强法治宣传教育"),
    ],
)
def test_the_governments_work_style_is_no_commitment(nlp: Language, report: str, stance: list[str], kept: str) -> None:
    """谦虚谨慎, 保持本色, 认认真真, 大兴…之风, 汲取…教训, 以案为鉴, 用法治思维, 依法行政: how the
    government means to work (in 8, 2, 1, 6, 2, 1, 5 and 50 reports of the corpus), not work it
    promises; the concrete actions of the same paragraph stay."""
    text = (SHARED_CORPUS / "provincial-2026" / f"provincial_{report}_2026.txt").read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if stance[-1] in line)
    found = commitments(nlp, PLAN.format(paragraph))
    assert kept in found and not set(stance) & set(found)


def test_adapting_to_a_change_is_a_stance(nlp: Language) -> None:
    """适应… (like 顺应…) names what the actions answer to, not an action (重庆)."""
    paragraph = (
        "持续深化新时代教育评价改革。适应学龄人口结构变化，推进教育资源布局结构调整，促进义务教育优质均衡发展，"
        "扩大优质高中办学资源，推动“教共体”“教联体”扩面提质，办好特殊教育、专门教育，引导规范民办教育发展。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "推进教育资源布局结构调整" in found and "适应学龄人口结构变化" not in found


def test_a_means_that_drives_an_end_is_a_slogan(nlp: Language) -> None:
    """以A带动/保障/引领B states the principle linking two aims (national 2014), not an action."""
    paragraph = (
        "就业是民生之本。坚持实施就业优先战略和更加积极的就业政策，优化就业创业环境，以创新引领创业，以创业带动就业。"
        "今年高校毕业生将达727万人，要开发更多就业岗位，实施不间断的就业创业服务，提高大学生就业创业比例。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "实施不间断的就业创业服务" in found
    assert not {"以创新引领创业", "以创业带动就业"} & set(found)


def test_a_paragraph_opening_clause_before_a_colon_is_a_title(nlp: Language) -> None:
    """20.2026年10件民生实事：…, 经济社会发展的主要预期目标是：… name what follows (江西, 陕西)."""
    notes = (
        "20.2026年10件民生实事：加大重点群体就业创业支持力度，提高困难群众生活保障标准，提升残疾人关爱服务水平，"
        "提升养老服务能力。"
    )
    assert "20.2026年10件民生实事" not in commitments(nlp, notes)
    targets = (
        "经济社会发展的主要预期目标是：生产总值增长5％左右，固定资产投资增速保持在全国平均水平以上，"
        "一般公共预算收入增长3％。"
    )
    found = commitments(nlp, targets)
    assert "经济社会发展的主要预期目标是" not in found and "一般公共预算收入增长3%" in found


def test_a_long_purpose_is_no_commitment(nlp: Language) -> None:
    """为…打好基础 states what a target serves, however long its object (广西)."""
    paragraph = (
        "经济发展方面，围绕增速、结构、效率提出5项指标，综合考虑各方面因素，兼顾需要与可能，提出地区生产总值年均增长5%左右，"
        "为确保与全国同步基本实现社会主义现代化、实现2035年人均地区生产总值比2020年翻一番打好基础。"
    )
    purpose = "为确保与全国同步基本实现社会主义现代化、实现2035年人均地区生产总值比2020年翻一番打好基础"
    assert purpose not in commitments(nlp, PLAN.format(paragraph))


@pytest.mark.parametrize(
    ("paragraph", "pieces", "kept"),
    [
        # national 1994: the slogan's second half is no clause of its own
        (
            "要实行“稳住一头，放开一片”的方针，大力支持基础研究、应用研究和高新技术研究，鼓励科技开发机构同企业联合，"
            "积极走向市场，增强自身的发展活力。",
            ["放开一片”的方针"],
            "大力支持基础研究、应用研究和高新技术研究",
        ),
        # national 2007: a three-part slogan, the space before the closing quote as written
        (
            "要认真贯彻“安全第一，预防为主，综合治理 ”的方针，完善安全生产体制，切实落实责任制，加大安全生产投入，"
            "加强安全生产教育和培训。",
            ["预防为主", "综合治理 ”的方针"],
            "完善安全生产体制",
        ),
        # Hubei 2026: the pieces of a quoted description, split by commas
        (
            "持续深化农村综合改革。聚焦逐步破解农业经济“人口多、土地少，小生产、大市场，投入高、产出低”三大基本矛盾，"
            "谋划推进以“外出人才返乡、城镇人才下乡、退休人才返聘、本地人才培养”为重点的农村人才管理改革，指导规范农村"
            "“三资”管理改革，重组“投、补、贷、保”农业政策工具，做好第二轮土地承包到期后再延长三十年整省试点，有序推进"
            "耕地适度规模经营和农村集体经营性建设用地入市流转，支持发展新型农村集体经济。支持襄阳争创国家农业高新技术产业"
            "示范区。深化集体林权制度改革、农垦改革和供销社改革。",
            ["小生产、大市场", "投入高、产出低”三大基本矛盾"],
            "指导规范农村“三资”管理改革",
        ),
    ],
)
def test_the_pieces_of_a_quoted_slogan_are_no_clauses(
    nlp: Language, paragraph: str, pieces: list[str], kept: str
) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert not set(pieces) & set(found)
    assert kept in found


def test_a_quote_that_opens_and_closes_inside_one_clause_is_no_slogan(nlp: Language) -> None:
    # Chongqing 2026: a quoted name whose "！" ends a sentence; the clause after it is whole
    paragraph = (
        "培育壮大文化旅游产业。完善现代文化产业体系，发展数字内容、网络视听、知识服务、网络出版等新业态。"
        "开展“你好！重庆”“向世界讲述重庆”等品牌推介，落地澜湄旅游城市合作联盟总部。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "重庆”“向世界讲述重庆”等品牌推介" in found
    assert "落地澜湄旅游城市合作联盟总部" in found


@pytest.mark.parametrize(
    ("paragraph", "stance", "kept"),
    [
        # national 2025 (the self-building part of the plan)
        (
            "坚决扛起全面从严治党政治责任，深入贯彻中央八项规定精神，坚定不移推进政府党风廉政建设和反腐败斗争。",
            "坚决扛起全面从严治党政治责任",
            "坚定不移推进政府党风廉政建设和反腐败斗争",
        ),
        # Anhui 2026: the responsibility shouldered, then the actions that carry it
        (
            "高水平建设江淮粮仓。扛牢粮食保供责任，严守耕地红线，深入实施“四良两优”工程，推动粮油等主要作物大面积单产提升。",
            "扛牢粮食保供责任",
            "严守耕地红线",
        ),
    ],
)
def test_shouldering_a_responsibility_is_a_stance(nlp: Language, paragraph: str, stance: str, kept: str) -> None:
    """扛起/扛牢/担负起…责任 (guidelines: 扛起…责任 is a stance clause), however it is led in."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert stance not in found
    assert kept in found


@pytest.mark.parametrize(
    ("paragraph", "manner", "kept"),
    [
        # national 1994: the way it is done, then what is done
        (
            "要加强农村卫生工作，采取农民自愿和互助相结合的办法，发展农村合作医疗制度，稳定农村医务人员队伍，建立健全县、"
            "乡、村三级医疗预防保健网，逐步实现人人享有初级卫生保健的目标。",
            "采取农民自愿和互助相结合的办法",
            "发展农村合作医疗制度",
        ),
        # national 2015
        (
            "要实施“中国制造2025”，坚持创新驱动、智能转型、强化基础、绿色发展，加快从制造大国转向制造强国。"
            "采取财政贴息、加速折旧等措施，推动传统产业技术改造。",
            "采取财政贴息、加速折旧等措施",
            "推动传统产业技术改造",
        ),
    ],
)
def test_the_means_before_an_action_is_a_manner_adjunct(nlp: Language, paragraph: str, manner: str, kept: str) -> None:
    """采取/采用/运用/通过…办法/措施/形式, before the clause that says what is done (guidelines:
    manner adjuncts are no commitments)."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert manner not in found
    assert kept in found


@pytest.mark.parametrize(
    ("paragraph", "exhorted"),
    [
        # national 1994: what athletes and doctors are asked to do is their goal, not the government's
        (
            "广泛开展群众体育活动，增强人民体质。体育健儿要努力拼搏，争取在第12届亚运会和其他国际比赛中取得好成绩。",
            ["体育健儿要努力拼搏", "争取在第12届亚运会和其他国际比赛中取得好成绩"],
        ),
        # national 2019: the conduct asked of officials
        (
            "广大干部要树立强烈的事业心和进取心，事不避难、义不逃责，埋头苦干、结合实际创造性地干，"
            "努力干出无愧于人民的新业绩，干出中国发展的新辉煌。",
            ["广大干部要树立强烈的事业心和进取心", "努力干出无愧于人民的新业绩"],
        ),
    ],
)
def test_what_others_are_exhorted_to_do_is_no_commitment(nlp: Language, paragraph: str, exhorted: list[str]) -> None:
    assert not set(exhorted) & set(commitments(nlp, PLAN.format(paragraph)))


def test_the_policy_a_school_system_carries_out_stays(nlp: Language) -> None:
    # national 2004: 各级各类学校都要… leads in the education policy that follows it
    paragraph = (
        "积极稳步发展高等教育，大力发展职业教育和继续教育。各级各类学校都要全面贯彻党的教育方针，加强素质教育，"
        "深化教育改革，提高教育质量。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "各级各类学校都要全面贯彻党的教育方针" not in found
    assert {"加强素质教育", "深化教育改革", "提高教育质量"} <= set(found)


@pytest.mark.parametrize(
    ("paragraph", "frame", "kept"),
    [
        # national 2017: the time that leads the sentence in
        (
            "新的一年，我们要继续坚持以党在新形势下的强军目标为引领，推进政治建军、改革强军、依法治军，强化练兵备战，"
            "坚决有效维护国家主权、安全、发展利益。",
            "新的一年",
            "推进政治建军、改革强军、依法治军",
        ),
        # national 2004
        (
            "从今年起，逐步降低农业税税率，平均每年降低1个百分点以上，五年内取消农业税。",
            "从今年起",
            "五年内取消农业税",
        ),
        # Chongqing 2026: 力争 with nothing but the year; the targets follow
        (
            "力争到2030年，重庆经西部陆海新通道货运量达到50万标箱，中欧班列（成渝）年开行量保持在4800列以上，"
            "枢纽通道联运量达到25万标箱。",
            "力争到2030年",
            "重庆经西部陆海新通道货运量达到50万标箱",
        ),
    ],
)
def test_a_clause_that_only_gives_the_time_is_no_commitment(
    nlp: Language, paragraph: str, frame: str, kept: str
) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert frame not in found
    assert kept in found


def test_the_speakers_belief_is_no_commitment(nlp: Language) -> None:
    # national 2016 (the part on Hong Kong and Macao)
    paragraph = (
        "全力支持香港、澳门特别行政区行政长官和政府依法施政。发挥港澳独特优势，提升港澳在国家经济发展和对外开放中的"
        "地位和功能。深化内地与港澳合作，促进港澳提升自身竞争力。我们相信，香港、澳门一定会保持长期繁荣稳定。"
    )
    assert "我们相信" not in commitments(nlp, PLAN.format(paragraph))


def test_a_condition_the_action_is_taken_under_is_an_adjunct(nlp: Language) -> None:
    # national 1986: 在…的前提下 is the condition of the action that follows
    paragraph = (
        "要在保证粮食稳定增产的前提下，有步骤地改善农村产业结构，促进种植业、林业、畜牧业、水产业和乡镇企业的全面发展。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "要在保证粮食稳定增产的前提下" not in found
    assert "有步骤地改善农村产业结构" in found


def test_a_condition_that_binds_itself_stays(nlp: Language) -> None:
    # national 1994: 确保 makes the condition a promise of its own
    paragraph = (
        "各级政府要认真贯彻落实去年召开的中央农村工作会议精神，稳定党在农村的各项基本政策，进一步深化农村改革，"
        "妥善解决农村经济发展中的突出矛盾和问题，在确保粮食和棉花产量稳定增加的基础上，促进农林牧副渔全面发展，"
        "保持乡镇企业持续增长，千方百计增加农民收入。"
    )
    assert "在确保粮食和棉花产量稳定增加的基础上" in commitments(nlp, PLAN.format(paragraph))


@pytest.mark.parametrize(
    ("paragraph", "purpose", "kept"),
    [
        # national 1994: 以 + the aim, after the action
        (
            "要完善市场规则，健全市场秩序，加强市场管理和监督，坚决依法惩处生产和销售假冒伪劣产品的行为，"
            "以保护消费者的合法权益。",
            "以保护消费者的合法权益",
            "坚决依法惩处生产和销售假冒伪劣产品的行为",
        ),
        # national 2022
        (
            "要落实好各类创新激励政策，以促进企业加大研发投入，培育壮大新动能。",
            "以促进企业加大研发投入",
            "要落实好各类创新激励政策",
        ),
    ],
)
def test_the_aim_after_an_action_is_its_purpose(nlp: Language, paragraph: str, purpose: str, kept: str) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert purpose not in found
    assert kept in found


@pytest.mark.parametrize(
    "paragraph",
    [
        # national 1993: what the year is, said of the plan year
        "各位代表！1993年是全面贯彻落实党的十四大精神，巩固和发展大好形势，促进国民经济既快又好地向前发展的一年。"
        "目前经济发展和改革开放的形势都是令人鼓舞的。",
        # national 2022: an event of the year, and what the year is
        "今年将召开中国共产党第二十次全国代表大会，是党和国家事业发展进程中十分重要的一年。",
    ],
)
def test_what_the_year_is_is_no_commitment(nlp: Language, paragraph: str) -> None:
    """…是…的一年 says what the year is, like …之年: a sentence on the outlook."""
    assert commitments(nlp, PLAN.format(paragraph)) == []


@pytest.mark.parametrize(
    ("paragraph", "manner", "kept"),
    [
        # national 2016
        ("面对外需持续低迷的严峻形势，要多措并举，遏制进出口下滑势头。", "要多措并举", "遏制进出口下滑势头"),
        # national 2019
        (
            "污染防治要聚焦打赢蓝天保卫战等重点任务，统筹兼顾、标本兼治，使生态环境质量持续改善。",
            "统筹兼顾、标本兼治",
            None,
        ),
        # national 1980
        ("因此，农业要加强资源调查，搞好区域规划，因地制宜，全面发展。", "因地制宜", "搞好区域规划"),
    ],
)
def test_idioms_of_manner_alone_are_no_commitment(nlp: Language, paragraph: str, manner: str, kept: str | None) -> None:
    """A clause of four-character idioms of manner only (因地制宜, 多措并举, 统筹兼顾、标本兼治): a slogan."""
    found = commitments(nlp, PLAN.format(paragraph))
    assert manner not in found
    assert kept is None or kept in found


@pytest.mark.parametrize(
    "paragraph",
    [
        # national 1986: positions of foreign policy, and support for the struggles of others
        "中国坚决反对帝国主义、殖民主义和种族主义，支持第三世界国家争取和维护民族独立的正义斗争。",
        # national 1988
        "我们坚决支持柬埔寨人民反抗越南侵略的斗争，并且一贯认为，公正合理地政治解决柬埔寨问题的关键在于越南军队尽早从"
        "柬埔寨全部撤走，让柬埔寨有关各方通过协商解决他们的内部问题。",
        # national 1994: what China advocates
        "中国主张积极扩大国与国之间的经贸关系，发展南南合作和南北对话。",
    ],
)
def test_positions_and_support_for_others_are_no_commitments(nlp: Language, paragraph: str) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert not [c for c in found if c.startswith(("中国", "我们", "支持"))], found


def test_opposing_local_protectionism_is_an_action(nlp: Language) -> None:
    # national 2001: a domestic reform, not a position abroad
    paragraph = "打破部门、行业垄断和地区封锁，反对地方保护主义，尽快建立和完善全国统一、公平竞争、规范有序的市场体系。"
    assert "反对地方保护主义" in commitments(nlp, PLAN.format(paragraph))


@pytest.mark.parametrize(
    ("paragraph", "subjects", "kept"),
    [
        # Liaoning 2026: whatever the rule applies to, then the rule
        (
            "深化数字政府建设，打通数据壁垒，完善一体化政务服务平台，新增“掌上办”高频服务事项100项、“高效办成一件事”"
            "20项以上。持续推进不见面审批，扩大“立等可取”“一次不用跑”事项覆盖范围，让“办事不求人”成为新常态。"
            "今后，凡是需要后台审批的，限期内办结；凡是能立等可取的，窗口当场办结；凡是能不见面审批的，绝不折腾企业和群众。",
            ["凡是需要后台审批的", "凡是能立等可取的", "凡是能不见面审批的"],
            "窗口当场办结",
        ),
        # national 1980
        ("同时，凡是适宜种粮食的地区，要努力增产粮食。", ["凡是适宜种粮食的地区"], "要努力增产粮食"),
    ],
)
def test_whom_the_next_clause_applies_to_is_no_commitment(
    nlp: Language, paragraph: str, subjects: list[str], kept: str
) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert not set(subjects) & set(found)
    assert kept in found


def test_the_topic_of_a_sentence_is_no_commitment(nlp: Language) -> None:
    # national 1964: 对于… names what the next clauses act on
    paragraph = (
        "这就是：要把任务交给群众讨论；开展比学赶帮竞赛；实行领导干部、专家、群众三结合；既要提倡敢想敢说敢做的革命精神，"
        "又要提倡实事求是的科学态度；既要干劲十足，又要劳逸结合；对于群众的各种创造，必须经过试验，逐步推广；"
        "必须坚持党的阶级路线，团结一切可以团结的力量，调动各种积极因素，为社会主义建设服务。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "对于群众的各种创造" not in found
    assert "必须经过试验" in found


def test_the_setting_an_action_is_taken_in_is_an_adjunct(nlp: Language) -> None:
    # national 2004: 在…中 sets the scene for the actions after it
    paragraph = (
        "在城镇房屋拆迁中，要严格依据城市总体规划和近期建设规划，合理确定拆迁规模，规范审批程序，完善补偿安置政策，"
        "强化监督检查。"
    )
    found = commitments(nlp, PLAN.format(paragraph))
    assert "在城镇房屋拆迁中" not in found
    assert "合理确定拆迁规模" in found


@pytest.mark.parametrize(
    ("paragraph", "confident", "kept"),
    [
        # national 2019: what is sure to come of the action is no action
        ("持续深化农村改革，广袤乡村必将焕发新的生机活力。", "广袤乡村必将焕发新的生机活力", "持续深化农村改革"),
    ],
)
def test_confidence_in_what_will_come_is_no_commitment(
    nlp: Language, paragraph: str, confident: str, kept: str | None
) -> None:
    found = commitments(nlp, PLAN.format(paragraph))
    assert confident not in found
    assert kept is None or kept in found
