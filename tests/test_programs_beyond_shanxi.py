"""PROGRAM beyond Shanxi: the rule classes of issue #20 (second round), each a table of real sentences.

Every clause is copied from a report of the shared corpus in its normalised form: a provincial
report of 2026 of the dev split (`provincial-2026/provincial_<province>_2026.txt`) or a national
report; `test_clauses_are_real` checks that each one occurs in the report it names. Each row
lists every PROGRAM span the pipeline finds in the clause, as (text, canonical).
"""

from __future__ import annotations

from functools import cache

import pytest
from paths import SHARED_CORPUS, needs_shared
from spacy.language import Language

from govreport_nlp.ingest.normalize import normalize
from govreport_nlp.ingest.prepare import load_source
from govreport_nlp.pipeline import blank
from govreport_nlp.taggers.programs.rules import ProgramRules

RULES = ProgramRules()


@cache
def pipeline() -> Language:
    """The char pipeline with the programme tagger: PLACE spans feed the place brands (健康湖北)."""
    import govreport_nlp.taggers.programs.component  # noqa: F401  (registers the factory)

    nlp = blank("char")
    if "govreport_programs" not in nlp.pipe_names:
        nlp.add_pipe("govreport_programs", before="govreport_ents")
    return nlp


def programs(clause: str) -> list[tuple[str, str]]:
    doc = pipeline()(clause)
    return [(s.text, s._.govreport_attrs["canonical"]) for s in doc.spans["program"]]


@cache
def report_text(stem: str) -> str:
    folder = "provincial-2026" if stem.startswith("provincial_") else "national"
    return normalize(load_source(SHARED_CORPUS / folder / f"{stem}.txt")[0]).text


# Campaigns named by a short list of their targets: one programme, with or without a verb
# before the list, and with a word between the last target and the head (提升攻坚战).
SHORT_LISTS = [
    ("provincial_neimenggu_2026", "蓝天、碧水、净土保卫战取得重大成果",
     [("蓝天、碧水、净土保卫战", "蓝天碧水净土保卫战")]),
    ("provincial_hubei_2026", "持续打好蓝天、碧水、净土保卫战",
     [("蓝天、碧水、净土保卫战", "蓝天碧水净土保卫战")]),
    ("provincial_jiangxi_2026", "统筹推进蓝天、碧水、净土提升攻坚战",
     [("蓝天、碧水、净土提升攻坚战", "蓝天碧水净土提升攻坚战")]),
]

# Verbs that end a name on its left: 进行, 发挥, 做实, 纳入 (not part of the programme).
LEFT_VERBS = [
    ("provincial_anhui_2026", "推深做实零基预算改革2.0版", [("零基预算改革", "零基预算改革")]),
    ("provincial_heilongjiang_2026", "更好发挥经济体制改革牵引作用", [("经济体制改革", "经济体制改革")]),
    ("provincial_heilongjiang_2026", "融合绿色智造等2个园区纳入国家零碳园区试点", [("零碳园区试点", "零碳园区试点")]),
]

# Members of a list closed by 等 + a programme head, also when the list opens its clause; a
# reform of production factors (要素) is no clause word 要.
LISTS_AND_WORDS = [
    ("provincial_heilongjiang_2026",
     "传统产业持续优化升级，千企技改、制造业数字化转型、工业绿色化发展等专项行动深入实施",
     [("千企技改", "千企技改"), ("制造业数字化转型", "制造业数字化转型"), ("工业绿色化发展", "工业绿色化发展")]),
    ("provincial_qinghai_2026", "深化要素市场化配置改革，盘活用好存量土地",
     [("要素市场化配置改革", "要素市场化配置改革")]),
]

# A policy or system named by the benefit or instrument it grants (the 育儿补贴制度), its
# canonical without 制度 after a subsidy or compensation (H18) and without the national scope;
# not the kind of instrument (财政补贴政策) nor a system named by its field (信用修复制度).
INSTRUMENTS = [
    ("provincial_beijing_2026", "延迟退休政策平稳实施", [("延迟退休政策", "延迟退休")]),
    ("provincial_heilongjiang_2026", "学前教育免费政策惠及儿童13万名", [("学前教育免费政策", "学前教育免费")]),
    ("provincial_guangxi_2026", "优化个人消费和服务业经营主体贷款贴息政策",
     [("个人消费和服务业经营主体贷款贴息政策", "个人消费和服务业经营主体贷款贴息")]),
    ("provincial_jiangxi_2026", "实施陆生野生动物致害补偿制度", [("陆生野生动物致害补偿制度", "陆生野生动物致害补偿")]),
    ("provincial_heilongjiang_2026", "落实国家育儿补贴制度和普惠托育服务", [("育儿补贴制度", "育儿补贴")]),
    ("provincial_shandong_2026", "优化以旧换新政策", [("以旧换新政策", "消费品以旧换新")]),
    ("provincial_shaanxi_2026", "规范税收优惠、财政补贴政策", []),
    ("provincial_shaanxi_2026", "完善信用修复制度", []),
    ("provincial_liaoning_2026", "深化港口体制机制改革", []),  # a reform of a field's 体制机制 is generic
]

# Not programmes: sports (冰雪运动), generic reforms (各方面改革, 差异化改革, 公用事业价格改革),
# problems, the subject of a document (…实施方案, …实施意见); 制定 is a verb, not part of the name.
NOT_PROGRAMMES = [
    ("provincial_heilongjiang_2026", "推动冰雪运动、冰雪文化", []),
    ("provincial_anhui_2026", "改造多功能运动空间", []),
    ("provincial_anhui_2026", "全面协调推动各方面改革", []),
    ("provincial_jiangxi_2026", "稳步推进公用事业价格改革", []),  # prices of a field: generic
    # quoted working methods and descriptions mined as slogans (四链 in 3 reports, 天空地 in 2)
    ("provincial_shandong_2026", "健全关键领域“四链”融合赋能机制", []),
    ("provincial_jiangxi_2026", "完善“天空地”一体化监测网络", []),
    ("provincial_anhui_2026", "打造更多首创性、差异化改革品牌", []),
    ("provincial_anhui_2026", "健全“一类问题”解决机制", []),
    ("provincial_anhui_2026", "制定合肥滨湖科学城实体化改革实施方案", []),
    ("provincial_hubei_2026", "出台深化投资体制改革实施意见", []),
    ("national_china_2025", "制定固体废物综合治理行动计划", [("固体废物综合治理行动计划", "固体废物综合治理")]),
    # a head noun inside a longer word: 战略要地, 改革示范区, 改革试验区, 自贸试验区联动发展区
    ("provincial_qinghai_2026", "巩固提升稳疆固藏战略要地功能", []),
    ("provincial_shandong_2026", "高标准建成国家中医药综合改革示范区", []),
    ("provincial_anhui_2026", "高标准建设合肥科创金融改革试验区", []),
    ("provincial_beijing_2026", "探索设立自贸试验区联动发展区", []),
    ("provincial_anhui_2026", "优化升级江淮英才计划", [("江淮英才计划", "江淮英才计划")]),  # a compound verb
    # a “+” formula of words is a business model, also with a Latin word (veto row, round four); the national
    # 互联网+ and 人工智能+ programmes are not (tests/test_programs.py)
    ("provincial_shaanxi_2026", "推广“工业互联网+AI”模式", []),
]

# Verbs inside a name: 统筹 and 推广 after another verb belong to the name; 提升, 优化 and 扩大 open
# a name only at the start of their clause (提升爱国卫生运动成效), elsewhere they are part of it.
VERBS_INSIDE = [
    ("provincial_chongqing_2026", "在全国首批开展统筹协调耕林空间试点",
     [("统筹协调耕林空间试点", "统筹协调耕林空间试点")]),
    ("provincial_heilongjiang_2026", "加力实施农机研发制造推广应用一体化试点",
     [("农机研发制造推广应用一体化试点", "农机研发制造推广应用一体化试点")]),
    ("provincial_heilongjiang_2026", "推进国家级整合统筹使用农业领域转移支付资金试点",
     [("整合统筹使用农业领域转移支付资金试点", "整合统筹使用农业领域转移支付资金试点")]),
    ("provincial_qinghai_2026", "提升爱国卫生运动成效", [("爱国卫生运动", "爱国卫生运动")]),
    ("provincial_chongqing_2026", "推进新一轮服务业扩大开放综合试点",
     [("服务业扩大开放综合试点", "服务业扩大开放综合试点")]),
    ("provincial_anhui_2026", "依法行政能力提升行动深入开展", [("依法行政能力提升行动", "依法行政能力提升")]),
    ("provincial_neimenggu_2026", "实施饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动",
     [("饲草料供给提升", "饲草料供给提升"), ("肉牛肉羊增产增效", "肉牛肉羊增产增效"), ("奶业振兴行动", "奶业振兴")]),
]

# The same verbs in the national reports: 扩大 after a verb is a verb (巩固扩大蓝天保卫战成果), in
# the middle of a name part of it (增设服务业扩大开放综合试点); 过 and 好 go with their verb; a
# generic member of a list is left out (区域重大战略); 战略方针 is no strategy.
NATIONAL_VERBS = [
    ("national_china_2019", "巩固扩大蓝天保卫战成果", [("蓝天保卫战", "蓝天保卫战")]),
    ("national_china_2025", "推进扩大职业伤害保障试点", [("职业伤害保障试点", "新就业形态人员职业伤害保障试点")]),
    ("national_china_2021", "增设服务业扩大开放综合试点", [("服务业扩大开放综合试点", "服务业扩大开放综合试点")]),
    ("national_china_2011", "进一步扩大免费孕前优生健康检查试点",
     [("免费孕前优生健康检查试点", "免费孕前优生健康检查试点")]),
    ("national_china_2012", "落实好带薪休假制度", [("带薪休假制度", "带薪休假制度")]),
    ("national_china_1958", "多次地进行过增产节约运动", [("增产节约运动", "增产节约运动")]),
    ("national_china_2018", "制定新形势下军事战略方针", []),
    ("national_china_1957", "编制1957年的国民经济计划草案", []),  # the state plan: a document, not a programme
    ("national_china_2025", "发挥区域协调发展战略、区域重大战略、主体功能区战略",
     [("区域协调发展战略", "区域协调发展战略"), ("主体功能区战略", "主体功能区战略")]),
]

# A province's brand 健康/法治/数字 + place leaves 建设 outside; the 平安 campaign is 平安建设.
PLACE_BRANDS = [
    ("provincial_beijing_2026", "扎实推进健康北京建设", [("健康北京", "健康北京")]),
    ("provincial_hubei_2026", "深入推进健康湖北建设", [("健康湖北", "健康湖北")]),
    ("provincial_shandong_2026", "平安山东、法治山东建设取得明显成效",
     [("平安山东", "平安山东"), ("法治山东", "法治山东")]),
    ("provincial_chongqing_2026", "深化平安重庆建设", [("平安重庆建设", "平安重庆建设")]),
]

# One pilot, one canonical: the scope of a province's pilot (整省, 整省区) and the way its name
# is written (三十年, 二轮土地延包) do not make another programme; the pilot of a social insurance
# scheme groups under the scheme.
PILOTS = [
    ("provincial_heilongjiang_2026", "全面开展第二轮土地承包到期后再延长30年整省试点",
     [("第二轮土地承包到期后再延长30年整省试点", "第二轮土地承包到期后再延长30年试点")]),
    ("provincial_hubei_2026", "做好第二轮土地承包到期后再延长三十年整省试点",
     [("第二轮土地承包到期后再延长三十年整省试点", "第二轮土地承包到期后再延长30年试点")]),
    ("provincial_neimenggu_2026", "做好二轮土地延包整省区试点",
     [("二轮土地延包整省区试点", "第二轮土地承包到期后再延长30年试点")]),
    ("provincial_shaanxi_2026", "深化土地二轮延包试点", [("土地二轮延包试点", "第二轮土地承包到期后再延长30年试点")]),
    ("provincial_anhui_2026", "高质量完成二轮土地承包到期延包整省试点工作",  # …试点工作: the pilot and its work
     [("二轮土地承包到期延包整省试点", "第二轮土地承包到期后再延长30年试点")]),
    ("provincial_beijing_2026", "稳妥推进二轮土地承包到期后再延长30年试点",
     [("二轮土地承包到期后再延长30年试点", "第二轮土地承包到期后再延长30年试点")]),
    ("national_china_2012", "2343个县（市、区）开展新型农村社会养老保险试点",
     [("新型农村社会养老保险试点", "新型农村社会养老保险")]),
    ("national_china_2008", "88个城市启动城镇居民基本医疗保险试点",
     [("城镇居民基本医疗保险试点", "城镇居民基本医疗保险")]),
]

# Quoted names: “…”计划 is a programme (a plan period “七五”计划 is not); the housing “白名单”
# when quoted; a count of lakes and rivers names places unless the work on them follows;
# 强省会 is no meeting; a phrase that names a capability, a product or a body is no initiative.
QUOTED = [
    ("provincial_neimenggu_2026", "扩大“学生饮用奶”计划覆盖面", [("学生饮用奶", "学生饮用奶计划")]),  # round four
    ("provincial_liaoning_2026", "用好“白名单”制度", [("白名单", "房地产白名单")]),
    ("provincial_shaanxi_2026", "612个房地产项目纳入“白名单”", [("白名单", "房地产白名单")]),
    ("provincial_beijing_2026", "纳入“无事不扰”白名单企业55万户", [("无事不扰", "无事不扰")]),
    ("national_china_1998", "顺利完成了“八五”计划", []),
    ("provincial_neimenggu_2026", "提升黄河、“一湖两海”及察汗淖尔等河湖湿地治理成效", []),
    ("provincial_jiangxi_2026", "深化“五河两岸一湖一江”全流域治理", [("五河两岸一湖一江", "五河两岸一湖一江")]),
    ("provincial_anhui_2026", "提升通算、智算、超算、量算“四算合一”统筹调度能力", []),
    ("provincial_qinghai_2026", "优化提升“光伏治沙”效能", []),
    ("provincial_shandong_2026", "做优“鲁科系”金融产品", []),
    ("provincial_anhui_2026", "新增“两院”院士5人", []),  # the academies: an organisation
    ("provincial_beijing_2026", "危险化学品等“一件事”全链条治理", [("一件事", "一件事全链条整治")]),  # H18
    # a list of verb phrases keeps its 、 in the canonical (only two-character members lose it)
    ("provincial_liaoning_2026", "持续实施“抓招商、推项目、促落地”专项行动",
     [("抓招商、推项目、促落地", "抓招商、推项目、促落地")]),
    ("provincial_shandong_2026", "大力实施济南“强省会”、青岛“强龙头”战略",
     [("强省会", "济南强省会"), ("强龙头", "青岛强龙头")]),
]

# Campaigns and policies mined from the corpus (in 9 to 15 reports), in their written forms.
MINED = [
    ("provincial_heilongjiang_2026", "持续深化群众身边不正之风和腐败问题集中整治",
     [("群众身边不正之风和腐败问题集中整治", "群众身边不正之风和腐败问题集中整治")]),
    ("provincial_liaoning_2026", "纵深推进群众身边的不正之风和腐败问题集中整治",
     [("群众身边的不正之风和腐败问题集中整治", "群众身边不正之风和腐败问题集中整治")]),
    ("provincial_shaanxi_2026", "全面完成国企改革深化提升行动任务", [("国企改革深化提升行动", "国企改革深化提升")]),
    ("provincial_qinghai_2026", "国有企业改革深化提升，西部矿业", [("国有企业改革深化提升", "国企改革深化提升")]),
    ("national_china_1957", "伴随着社会主义改造的高潮的到来", [("社会主义改造", "社会主义改造")]),  # 1954–1984
    ("national_china_1981", "实行对外开放政策，开展对外经济技术交流", [("对外开放政策", "对外开放")]),  # 1981–1997
    ("national_china_2025", "始终坚持对外开放不动摇", []),  # the orientation, not the policy's name
]

# Campaigns, reforms and price systems written bare, without quotes or a verb before them
# (文化惠民工程 in a list, 平安建设, “标准地” before a count), mined from the corpus (2 to 16 reports
# each, round three).
MINED_BARE = [
    ("national_china_2012", "中央财政加大对文化惠民工程的支持", [("文化惠民工程", "文化惠民工程")]),
    ("provincial_ningxia_2026", "高考综合改革平稳落地", [("高考综合改革", "高考综合改革")]),
    ("provincial_qinghai_2026", "巩固“双减”和高考综合改革成果", [("双减", "双减"), ("高考综合改革", "高考综合改革")]),
    ("national_china_2014", "建立健全居民用水、用气阶梯价格制度", [("阶梯价格制度", "阶梯价格制度")]),
    ("national_china_2015", "推行环境污染第三方治理", [("第三方治理", "第三方治理")]),
    ("provincial_neimenggu_2026", "持续开展成品油和计量设施“打非治违”", [("打非治违", "打非治违")]),
    ("national_china_2003", "完善农村义务教育以县为主的管理体制", [("以县为主", "以县为主")]),
    # the production responsibility systems of the 1980s group under 农业生产责任制 (10 reports);
    # the safety responsibility system is another programme
    ("national_china_1980", "实行了多种形式的生产责任制", [("生产责任制", "农业生产责任制")]),
    ("national_china_1982", "继续稳定、完善和提高农业生产责任制", [("农业生产责任制", "农业生产责任制")]),
    ("national_china_2003", "健全安全生产责任制", [("安全生产责任制", "安全生产责任制")]),
    ("national_china_2006", "广泛深入推进平安建设", [("平安建设", "平安建设")]),
    ("provincial_jiangxi_2026", "连续19年获全国平安建设（综治工作）考评优秀省", [("平安建设", "平安建设")]),
    ("provincial_chongqing_2026", "落实重庆市平安建设条例、社区工作者管理办法", []),  # a document
    ("provincial_liaoning_2026", "加大“标准地”出让力度", [("标准地", "标准地")]),
    ("provincial_guangxi_2026", "工业项目“标准地”改革深入推进", [("标准地", "标准地")]),
]

# A plan of so many years (…三年行动计划) is the plan document, not tagged; the campaign is named
# …三年行动; the national preschool plans keep their plan in the name (mined, 6 reports).
MULTIYEAR_PLANS = [
    ("provincial_chongqing_2026", "启动城市更新三年行动计划", []),
    ("provincial_heilongjiang_2026", "农产品加工业高质量发展三年行动计划深入实施", []),
    ("provincial_ningxia_2026", "启动实施特色优势产业高质量发展三年行动计划", []),
    ("provincial_shaanxi_2026", "启动实施城市更新三年行动", [("城市更新三年行动", "城市更新三年")]),
    ("provincial_chongqing_2026", "实施农民工就近就业三年行动", [("农民工就近就业三年行动", "农民工就近就业三年")]),
    ("national_china_2013", "实施学前教育三年行动计划", [("学前教育三年行动计划", "学前教育三年行动计划")]),
    ("provincial_anhui_2026", "深入实施长江大保护三年行动计划", [("长江大保护", "长江大保护")]),
]

# A national strategy is named where it is shown (国家乡村振兴示范县, H19), though other lexicon
# names before a model county or a body are not (双拥模范城, 计划生育委员会).
SHOWCASES = [
    ("provincial_guangxi_2026", "象州、宜州入选国家乡村振兴示范县", [("乡村振兴", "乡村振兴战略")]),
]

# A scheme received (得到, 有了) is a benefit of people, not the programme (H1).
BENEFITS = [
    ("provincial_chongqing_2026", "100万新就业群体有了职业伤害保障", []),
    ("national_china_2004", "全国2235万城市居民得到最低生活保障", []),
]

# An insurance whose coverage or pooling is measured is a field of work, not the programme; the
# scheme itself stays one (长期护理保险制度).
INSURANCE_FIELDS = [
    ("provincial_hubei_2026", "扩大工伤保险、失业保险覆盖面", []),
    ("provincial_neimenggu_2026", "扩大失业保险、工伤保险覆盖面", []),
    ("provincial_shaanxi_2026", "持续深化失业、工伤保险省级统筹", []),
    ("provincial_heilongjiang_2026", "推行长期护理保险制度", [("长期护理保险制度", "长期护理保险")]),
]

# Regional integration named by its places (the PLACE spans the place tagger gives in the report,
# listed here): one programme, 发展 dropped in the canonical.
INTEGRATIONS = [
    ("provincial_guangxi_2026", "推进北钦防一体化发展，建强南宁", ["北", "钦", "防", "南宁"],
     [("北钦防一体化发展", "北钦防一体化")]),
    ("provincial_shaanxi_2026", "加快推进西安都市圈同城化，西咸一体化基础设施", ["西安都市圈", "西", "咸"],
     [("西安都市圈同城化", "西安都市圈同城化"), ("西咸一体化", "西咸一体化")]),
    ("provincial_neimenggu_2026", "加快呼包鄂乌一体化发展和呼和浩特都市圈建设",
     ["呼", "包", "鄂", "乌", "呼和浩特都市圈"],
     [("呼包鄂乌一体化发展", "呼包鄂乌一体化")]),
]


# Round four. A lexicon programme written with the generic head 工程 or 战略 is one span with its
# head and the lexicon's canonical, so its written forms group across reports and years
# (少生快富 in 2010, 少生快富工程 in 2006–2009; 城市(基础设施)生命线安全工程 in four provinces).
LEXICON_HEADS = [
    ("provincial_guangxi_2026", "推进燃气、水电、通信、排水防涝等城市生命线安全工程",
     [("城市生命线安全工程", "城市基础设施生命线安全")]),
    ("national_china_2017", "实施新一轮东北振兴战略", [("东北振兴战略", "东北振兴")]),
    ("national_china_2008", "大实施农村计划生育家庭奖励制度和少生快富工程范围",
     [("计划生育", "计划生育"), ("少生快富工程", "少生快富")]),
    ("national_china_2016", "实施脱贫攻坚工程", [("脱贫攻坚工程", "脱贫攻坚")]),
    # the pilots of the rural cooperative medical scheme group under it, as insurance pilots do (H18)
    ("national_china_2005", "稳步进行新型农村合作医疗制度试点", [("新型农村合作医疗制度试点", "新型农村合作医疗")]),
    ("national_china_2007", "新型农村合作医疗试点范围扩大", [("新型农村合作医疗试点", "新型农村合作医疗")]),
    # a name found by its head whose bare form plus 计划 or 战略 is a lexicon name groups under it
    ("provincial_jiangxi_2026", "实施县域普通高中振兴行动", [("县域普通高中振兴行动", "县域普通高中振兴计划")]),
    ("provincial_shaanxi_2026", "开展基础教育扩优提质、县域普通高中振兴等行动",
     [("基础教育扩优提质", "基础教育扩优提质"), ("县域普通高中振兴", "县域普通高中振兴计划")]),
]

# Round four. A national scheme mined from the corpus (8 reports, national 2017–2019 and provincial
# 2026), quoted or not; the quoted short name groups under it.
MINED_SCHEMES = [
    ("provincial_shaanxi_2026", "发放高龄补贴32亿元、残疾人两项补贴12.4亿元", [("残疾人两项补贴", "残疾人两项补贴")]),
    ("provincial_anhui_2026", "最低工资标准、残疾人“两项补贴”标准稳步提高", [("两项补贴", "残疾人两项补贴")]),
    ("national_china_2017", "全面落实残疾人“两项补贴”制度", [("两项补贴", "残疾人两项补贴")]),
]

# Round four. 发展 and 创新 closing a noun compound before the quotes (高质量发展, 科技创新) are no
# action verb: the quoted phrase is a metaphor for it; as verbs they still act on an initiative.
NOUN_COMPOUNDS = [
    ("provincial_qinghai_2026", "推动形成全省高质量发展“大格局”", []),
    ("provincial_guangxi_2026", "区经济社会发展“负重起势”与外部风险", []),
    ("provincial_shandong_2026", "创新“友邻善治”基层治理路径", [("友邻善治", "友邻善治")]),
]

# Round four. A prize is an honour: every use of “五个一工程” in the corpus (6 reports) names the
# “五个一工程”奖 won by works (reviewed decision in program_review.tsv).
PRIZES = [
    ("provincial_hubei_2026", "12部文艺作品获得“五个一工程”奖", []),
    ("provincial_liaoning_2026", "等6部作品获中宣部“五个一工程”奖", []),
]

# Round four. A quoted name followed by 计划 names the plan: 计划 is no generic head (the rulings drop
# only 政策/新政/行动/工程), so it stays in the canonical and the quoted short name groups with the
# full name (“星火”计划 → 星火计划, the lexicon's name); a longer description before 计划 and an
# action's plan do not (“徽动全球”合作伙伴计划). An edition in brackets is left out of the canonical;
# a plan period stays a document even with a space inside its quotes.
QUOTED_PLANS = [
    ("national_china_1987", "积极落实振兴农村经济的“星火”计划", [("星火", "星火计划")]),
    ("national_china_2001", "“863”计划顺利实施", [("863", "863计划")]),
    ("provincial_anhui_2026", "发挥“徽动全球”合作伙伴计划等平台机制作用", [("徽动全球", "徽动全球")]),
    ("provincial_guangxi_2026", "开展“购在中国（广西站）”活动", [("购在中国（广西站）", "购在中国")]),
    ("national_china_1993", "着手研究制定“九五 ”计划和到2010年", []),
]

# Round four. A quoted phrase counted right after the quotes (100条, 300个, 40个) names a kind of
# facility or thing built, not the initiative (program_vetoes.tsv); a programme head after the count
# keeps it (“一泓清水入黄河”51项年度工程, tests/test_programs.py).
COUNTED_THINGS = [
    ("provincial_chongqing_2026", "等闲置空间改造利用，打造“山城后巷”100条", []),
    ("provincial_jiangxi_2026", "区域性中心敬老院90家、“一老一小幸福院”300个", []),
    ("provincial_jiangxi_2026", "建设“口袋体育公园”40个以上", []),
]

# Round four. Clause words that end a name on its left (包括, 保证, 部署, 赋予, 明确, 突出, 拓展 and
# 调整优化 as verbs, seen before reforms in the national reports 1983–2016); 拓展 opens a name only at
# the start of its clause, as 提升 does (入境消费拓展行动).
CLAUSE_WORDS = [
    ("national_china_2010", "包括经济体制改革、政治体制改革以",
     [("经济体制改革", "经济体制改革"), ("政治体制改革", "政治体制改革")]),
    ("national_china_2003", "才能保证国有企业改革目标的实现", [("国有企业改革", "国有企业改革")]),
    ("national_china_2007", "全面部署农村综合改革", [("农村综合改革", "农村综合改革")]),
    ("national_china_1987", "进一步明确政治体制改革的原则", [("政治体制改革", "政治体制改革")]),
    ("provincial_hubei_2026", "实施入境消费拓展行动", [("入境消费拓展行动", "入境消费拓展")]),
]

# Round four. A reform keeps its head in the canonical (the rulings keep 改革): a short quoted name
# under its topic names the reform with the words after the quotes; a quoted name that says what
# it is stands alone (“拨改投”).
QUOTED_REFORMS = [
    ("provincial_hubei_2026", "持续深化国有“三资”管理改革", [("三资", "国有三资管理改革")]),
    ("provincial_shaanxi_2026", "深入实施科技金融“五项机制”改革", [("五项机制", "科技金融五项机制改革")]),
    ("provincial_hubei_2026", "深化“拨改投”“补转股”改革", [("拨改投", "拨改投"), ("补转股", "补转股")]),
]

# Round five. One canonical per programme across reports: a counted name under its topic keeps its
# head (H4: 碳达峰“十大行动” and “十大工程” are two packages, not one 碳达峰十大); quoted names written
# one after the other share the head after the last (府院联动 as 府检联动); white space inside the
# quotes is no part of the name; 创新驱动战略 is the strategy written without 发展.
ONE_CANONICAL = [
    ("provincial_hunan_2026", "扎实推进碳达峰“十大行动”", [("碳达峰", "碳达峰碳中和"), ("十大行动", "碳达峰十大行动")]),
    ("provincial_shandong_2026", "深入实施碳达峰“十大工程”",
     [("碳达峰", "碳达峰碳中和"), ("十大工程", "碳达峰十大工程")]),
    ("national_china_1999", "粮食收购资金实行封闭运行“三项政策”", [("三项政策", "封闭运行三项政策")]),
    ("provincial_anhui_2026", "省市县“府院”“府检”联动机制", [("府院", "府院联动"), ("府检", "府检联动")]),
    ("national_china_1995", "认真实施“八七扶贫攻坚计划 ”", [("八七扶贫攻坚计划", "八七扶贫攻坚计划")]),
    ("national_china_2013", "实施创新驱动战略", [("创新驱动战略", "创新驱动发展战略")]),
    # the topic before a short quoted name starts after its verb, as in a report without the verb
    ("provincial_henan_2026", "严格农村集体“三资”管理", [("三资", "农村集体三资")]),
    ("provincial_liaoning_2026", "农村集体“三资”管理", [("三资", "农村集体三资")]),
    ("national_china_2007", "基本实现了农村“五保”从农民集体", [("五保", "农村五保")]),
]

# Round five. A campaign year written bare with 活动 after it is one programme, as the quoted “项目推进年”活动
# and the …突破年行动 are; the canonical drops 活动 as it drops 行动. 青少年/老年活动 name no year.
CAMPAIGN_YEARS = [
    ("provincial_heilongjiang_2026", "深入开展产业项目建设年活动", [("产业项目建设年活动", "产业项目建设年")]),
    ("provincial_shaanxi_2026", "深化营商环境突破年活动", [("营商环境突破年活动", "营商环境突破年")]),
    ("provincial_shandong_2026", "开展优化营商环境提升年活动", [("优化营商环境提升年活动", "优化营商环境提升年")]),
    ("national_china_2001", "加强青少年、老年活动场所建设", []),
    ("provincial_chongqing_2026", "市青少年活动中心建成投用", []),
]


def places_in(clause: str, names: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each name in turn, searching on from the previous one."""
    spans, at = [], 0
    for name in names:
        at = clause.index(name, at)
        spans.append((at, at + len(name)))
        at += len(name)
    return spans


@pytest.mark.parametrize(("stem", "clause", "places", "expected"), INTEGRATIONS, ids=[r[1][:10] for r in INTEGRATIONS])
def test_integration_of_places(stem: str, clause: str, places: list[str], expected: list[tuple[str, str]]) -> None:
    found = RULES.find(clause, places=places_in(clause, places))
    assert [(clause[p.start:p.end], p.attrs["canonical"]) for p in found] == expected


@needs_shared
@pytest.mark.parametrize(("stem", "clause"), [r[:2] for r in INTEGRATIONS], ids=[r[1][:10] for r in INTEGRATIONS])
def test_integration_clauses_are_real(stem: str, clause: str) -> None:
    assert clause in report_text(stem)


TABLES = {
    "short lists": SHORT_LISTS, "lists and words": LISTS_AND_WORDS, "left verbs": LEFT_VERBS,
    "verbs inside": VERBS_INSIDE, "national verbs": NATIONAL_VERBS, "place brands": PLACE_BRANDS, "pilots": PILOTS,
    "quoted": QUOTED, "mined": MINED, "mined bare": MINED_BARE, "multi-year plans": MULTIYEAR_PLANS,
    "insurance fields": INSURANCE_FIELDS, "instruments": INSTRUMENTS,
    "not programmes": NOT_PROGRAMMES, "benefits": BENEFITS, "showcases": SHOWCASES,
    "lexicon heads": LEXICON_HEADS, "clause words": CLAUSE_WORDS, "quoted reforms": QUOTED_REFORMS,
    "counted things": COUNTED_THINGS, "mined schemes": MINED_SCHEMES,
    "quoted plans": QUOTED_PLANS, "prizes": PRIZES,
    "noun compounds": NOUN_COMPOUNDS, "one canonical": ONE_CANONICAL,
    "campaign years": CAMPAIGN_YEARS,
}
ROWS = [(kind, *row) for kind, table in TABLES.items() for row in table]


@needs_shared
@pytest.mark.parametrize(("kind", "stem", "clause", "expected"), ROWS, ids=[f"{r[0]}:{r[2][:10]}" for r in ROWS])
def test_clauses_are_real(kind: str, stem: str, clause: str, expected: list[tuple[str, str]]) -> None:
    assert clause in report_text(stem)


@pytest.mark.parametrize(("kind", "stem", "clause", "expected"), ROWS, ids=[f"{r[0]}:{r[2][:10]}" for r in ROWS])
def test_programs_beyond_shanxi(kind: str, stem: str, clause: str, expected: list[tuple[str, str]]) -> None:
    assert programs(clause) == expected
