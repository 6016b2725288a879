"""PLACE beyond Shanxi: the rule classes of issue #19, each a table of real sentences.

Every sentence is copied verbatim from a provincial report of 2026 in the shared corpus
(`provincial-2026/provincial_<province>_2026.txt`, reports of the dev split only); the
report's place is what `govreport_structure` gives the tagger. Expected: span text, kind
and, for divisions, the code (`-` for none).
"""

from __future__ import annotations

import pytest

from govreport_nlp.taggers.places.rules import PlaceRules


@pytest.fixture(scope="module")
def rules() -> PlaceRules:
    return PlaceRules()


def tag(rules: PlaceRules, text: str, place: str) -> list[str]:
    """The places of `text` in a report of `place` (`""`: an excerpt, no report place known)."""
    return [
        f"{text[p.start:p.end]}:{p.attrs['kind']}:{p.attrs.get('code') or '-'}"
        for p in rules.find(text, place=place or None, year=2026)
    ]


CONTRACTED = [
    # a run of province abbreviations: one PLACE per province
    ("安徽省", "推出12批1181项对照学习沪苏浙创新政策和举措，长三角创新共建",
     ["沪:admin:310000", "苏:admin:320000", "浙:admin:330000", "长三角:region:-"]),
    # cities of the report's province, the capital first (汉 = 武汉), then provinces
    ("湖北省", "着力构建省会带动、汉襄宜协同、鄂湘赣联动的区域发展格局。",
     ["汉:admin:420100", "襄:admin:420600", "宜:admin:420500",
      "鄂:admin:420000", "湘:admin:430000", "赣:admin:360000"]),
    ("内蒙古自治区", "发挥中部盟市挑大梁作用，加快呼包鄂乌一体化发展和呼和浩特都市圈建设。",
     ["呼:admin:150100", "包:admin:150200", "鄂:admin:150600", "乌:admin:150300",
      "呼和浩特都市圈:region:-"]),
    ("山东省", "发挥济青烟3个新业态新模式新场景消费试点作用",
     ["济:admin:370100", "青:admin:370200", "烟:admin:370600"]),
    # the report's own province by its abbreviation after a verb of place
    ("湖北省", "更大力度吸引海内外高校毕业生留鄂回鄂来鄂就业创业。", ["鄂:admin:420000"] * 3),
    ("陕西省", "驻陕部队和武警官兵为陕西发展作出了重要贡献。", ["陕:admin:610000", "陕西:admin:610000"]),
    # three or four province abbreviations need no cue; the official second abbreviations (黔, 滇, 陇, 蜀)
    ("重庆市", "深化市场准入异地同标、跨省税费征管等领域改革，强化川渝黔鄂电力互济。",
     ["川:admin:510000", "渝:admin:500000", "黔:admin:520000", "鄂:admin:420000"]),
    ("山东省", "国内首个风光火储一体化工程——陇东到山东特高压直流工程投运。", ["陇东:region:-", "山东:admin:370000"]),
    # in an excerpt, a city whose name districts elsewhere share (西安) still shows the province (西咸 = 西安,
    # 咸阳, not 咸宁)
    ("", "以西咸一体化为牵引加快西安都市圈建设", ["西:admin:610100", "咸:admin:610400", "西安都市圈:region:-"]),
    # no list: amounts, and words whose characters also begin city names
    ("辽宁省", "城乡居民低保月均标准分别提高到798元和676元。", []),
    ("广西壮族自治区", "打造平陆运河经济带，建设江海联动产业发展先行区。", ["平陆运河经济带:region:-"]),
]

REGIONS = [
    # a province's abbreviation and a direction
    ("安徽省", "深化沪苏浙城市结对合作帮扶皖北城市机制",
     ["沪:admin:310000", "苏:admin:320000", "浙:admin:330000", "皖北:region:-"]),
    # literary names of a province's land, named whole with 大地
    ("湖北省", "千湖之省山清水秀，荆楚大地绿意盎然。", ["荆楚大地:region:-"]),
    # a literary name stands for the place (创业齐鲁, 江淮儿女), not in a brand or slogan (齐鲁样板)
    ("山东省", "深化“创业齐鲁”行动，推进创业街区建设", ["齐鲁:region:-"]),
    ("安徽省", "江淮儿女期盼多年的引江济淮工程通水通航", ["江淮:region:-"]),
    ("山东省", "打造更高水平乡村振兴齐鲁样板", []),
    # a word that begins inside the head (地上) does not cut the name
    ("广西壮族自治区", "让更多群众在八桂大地上更好感受到“此心安处是吾乡”", ["八桂大地:region:-"]),
    # countries and continents (jionlp's world table), world regions: a direction and a continent
    # (中亚, 东南亚), and names the corpus coordinates with them (中东, 拉美, 东盟)
    ("黑龙江省", "深化与俄罗斯和中东、非洲、中亚、东南亚等国家和地区经贸合作",
     ["俄罗斯:region:-", "中东:region:-", "非洲:region:-", "中亚:region:-", "东南亚:region:-"]),
    ("山东省", "着力拓展中亚、中东、拉美、非洲、东盟等新兴市场，组织企业参加境外展洽活动500场以上",
     ["中亚:region:-", "中东:region:-", "拉美:region:-", "非洲:region:-", "东盟:region:-"]),
    ("青海省", "加强同中亚、东南亚、中东国家合作交流", ["中亚:region:-", "东南亚:region:-", "中东:region:-"]),
    # exports to a continent: 出口 after a region is trade, not a road's exit
    ("黑龙江省", "对共建“一带一路”国家、非洲、欧洲出口分别增长11.6%、28.4%、10.5%",
     ["非洲:region:-", "欧洲:region:-"]),
    # a partnership with China written with a dash names no place
    ("广西壮族自治区", "积极服从服务于构建中国—东盟命运共同体。", []),
]

NATURAL_FEATURES = [
    # rivers and lakes named by one character and their head, in a list or before their parts
    ("青海省", "深化黄河、湟水等流域横向生态补偿和多元化生态补偿机制建设", ["黄河:natural:-", "湟水:natural:-"]),
    ("广西壮族自治区", "推动漓江4条支流水质达标，基本实现“消劣返清”。", ["漓江:natural:-"]),
    # a known name that runs into the head does not stop the name (潮|白河)
    ("北京市", "加快构建高标准流域防洪体系，推进潮白河综合治理", ["潮白河:natural:-"]),
    # a word that crosses into a place head does not cut the name (丹江口|水库 over 口水)
    ("湖北省", "长江干流、丹江口水库水质稳定在Ⅱ类及以上", ["长江:natural:-", "丹江口水库:site:-"]),
    # islands; reservoirs after a verb; a kind of reservoir (水源型) is no name
    ("广西壮族自治区", "北海涠洲岛、防城港“蓝色海湾”",
     ["北海:admin:450500", "涠洲岛:natural:-", "防城港:admin:450600"]),
    ("山东省", "新建扩建老岚水库等水源型水库58座", ["老岚水库:site:-"]),
    # a count of sites around a lake is no site; the words 碧水 and 运河 are no rivers
    ("安徽省", "长江十年禁渔连续4次获评全国优秀，环巢湖十大湿地全面建成", ["长江:natural:-", "巢湖:natural:-"]),
    ("内蒙古自治区", "蓝天、碧水、净土保卫战取得重大成果", []),
]

#: Named features that jieba tags as places, with a feature's head (place_features.tsv): whole, not
#: the division or the river their name begins with (科尔沁|沙地, 黄河|三角洲); an event named
#: after one is no place.
MINED_FEATURES = [
    ("辽宁省", "实施科尔沁沙地综合治理290万亩。", ["科尔沁沙地:natural:-"]),
    ("陕西省", "保持黄河干流Ⅱ类水质，开展渭河、无定河等环境治理提升。",
     ["黄河:natural:-", "渭河:natural:-", "无定河:natural:-"]),
    ("重庆市", "石漠化面积1033平方公里，三峡库区431处存量危岩全面除险清患", ["三峡库区:region:-"]),
    ("北京市", "推进北护城河至北运河全线通航。", ["北运河:natural:-"]),
    ("内蒙古自治区", "举办第十届库布其沙漠论坛，新增5个国家生态文明示范区", []),
    # a named work jieba tags nz, used by three reports outside the test split
    ("山东省", "加强大运河生态环境保护，推进25条重点河湖生态流量达标", ["大运河:site:-"]),
    ("安徽省", "深入推进长江、淮河、新安江、大运河等保护治理",
     ["长江:natural:-", "淮河:natural:-", "新安江:natural:-", "大运河:site:-"]),
    # heritage and mining sites named whole by their head (城楼, 露天矿), after a place or a boundary
    ("辽宁省", "持续推进抚顺西露天矿、阜新海州露天矿等矿坑综合治理", ["抚顺西露天矿:site:-", "阜新海州露天矿:site:-"]),
    ("北京市", "推进正阳门城楼开放、永定门城楼修缮", ["正阳门城楼:site:-", "永定门城楼:site:-"]),
    ("北京市", "推进琉璃河遗址申遗、云居寺藏经申忆", ["琉璃河遗址:site:-", "云居寺:site:-"]),
    # a place inside a work's name is marked (the gold reads 长江三峡工程 → 长江三峡); a feature names a corridor
    ("重庆市", "推进渝东北一体化高质量发展，深化三峡后续工作，找准细分赛道发展绿色制造业",
     ["渝东北:region:-", "三峡:natural:-"]),
    ("湖北省", "大力推进三峡水运新通道、沿江高铁宜涪段", ["三峡水运新通道:route:-", "沿江高铁:route:-"]),
    # a word crossing the head (岛国) loses to a longer word that begins after it (国际)
    ("广西壮族自治区", "争取增加桂林入境旅游航线。建设涠洲岛国际生态岛。", ["桂林:admin:450300", "涠洲岛:natural:-"]),
    ("中国", "深化收费公路制度改革，降低过路过桥费用。", []),
    # a stem jieba tags as a place names the zone (天竺), a kind of land (平原) does not
    ("北京市", "亦庄综保区开关运作，天竺综保区罕见病药品进口额居全国首位", ["亦庄综保区:zone:-", "天竺综保区:zone:-"]),
    ("北京市", "加快平原新城高质量发展，培育壮大主导产业", []),
]

ROUTES = [
    ("广西壮族自治区", "崇左至凭祥铁路建成通车，新增高铁运营里程81公里。", ["崇左至凭祥铁路:route:-"]),
    # A至B in a list closed by 等 and a route head
    ("青海省", "开工同德至玛沁等公路项目，建成尖扎至贵德、小柴旦湖至老茫崖等公路",
     ["同德至玛沁:route:-", "尖扎至贵德:route:-", "小柴旦湖至老茫崖:route:-"]),
    # intercity railways named by two abbreviations, numbered metro lines
    ("安徽省", "加快沿江高铁、淮宿蚌铁路、巢马城际铁路、宁九高速公路",
     ["沿江高铁:route:-", "淮宿蚌铁路:route:-", "巢马城际铁路:route:-", "宁九高速公路:route:-"]),
    ("北京市", "京雄快线、京雄城际衔接升级", ["京雄快线:route:-", "京雄城际:route:-"]),
    ("重庆市", "建成轨道15号线一期、陶家隧道等重点项目", ["轨道15号线:route:-"]),
    # corridors named after a part of the country: the compass word begins them
    ("广西壮族自治区", "推动西部陆海新通道建设提质增效", ["西部陆海新通道:route:-"]),
    ("辽宁省", "高水平谋划建设东北海陆大通道，畅通“北粮南运”通道", ["东北海陆大通道:route:-"]),
    ("江西省", "东西南北大通道全面贯通", []),
]

ZONES = [
    ("内蒙古自治区", "支持和林格尔数据中心集群建设全国领先的绿色算力和数据产业集聚区",
     ["和林格尔数据中心集群:zone:-"]),
    ("内蒙古自治区", "高质量建设鄂尔多斯国家现代煤化工产业示范区，建好现代煤化工中试基地。",
     ["鄂尔多斯国家现代煤化工产业示范区:zone:-"]),
    ("广西壮族自治区", "提升中国—东盟信息港、中马“两国双园”、广西—文莱经济走廊等开放平台能级",
     ["广西—文莱经济走廊:zone:-"]),
    ("辽宁省", "辽西先导区承接京津冀转移项目131个。", ["辽西先导区:zone:-", "京津冀:region:-"]),
    ("辽宁省", "推动大连片区整合提升，支持沈阳片区扩大保税维修业务", ["大连片区:zone:-", "沈阳片区:zone:-"]),
]

NAMED_REGIONS = [
    # a plain or peninsula jieba tags as a place begins a region (关中平原, 山东半岛)
    ("陕西省", "推进关中平原城市群建设", ["关中平原城市群:region:-"]),
    # metropolitan areas (大都市圈, 城市圈) and former base areas (革命老区) are named whole…
    ("湖北省", "坚持以同城化理念超常规打造广域武汉大都市圈", ["武汉大都市圈:region:-"]),
    ("安徽省", "提升阜阳城市圈综合承载能力", ["阜阳城市圈:region:-"]),
    ("广西壮族自治区", "推动左右江革命老区振兴发展", ["左右江革命老区:region:-"]),
    ("", "支持革命老区、民族地区振兴发展", []),
    # …and places in a list that share the head are marked each
    ("山东省", "山东半岛城市群龙头作用显著增强。济南、青岛都市圈获批建设",
     ["山东半岛城市群:region:-", "济南:admin:370100", "青岛:admin:370200"]),
]

ZONES_OF_CONTRACTED_LISTS = [
    # a zone named after a contracted list is one span, as a zone named after one place
    ("北京市", "推动功能圈创新发展，协同推进京津合作示范区建设", ["京津合作示范区:zone:-"]),
    ("内蒙古自治区", "推动怀柔国家实验室内蒙古基地、呼包鄂国家自主创新示范区尽早落地",
     ["呼包鄂国家自主创新示范区:zone:-"]),
    ("辽宁省", "推动东北三省一区共建沈大哈长产业科技创新带、跨区域标志性文旅体平台",
     ["东北:region:-", "沈大哈长产业科技创新带:zone:-"]),
    ("陕西省", "支持宝汉天工业母机集群、汉中航空关键零部件基地", ["宝汉天工业母机集群:zone:-", "汉中:admin:610700"]),
    ("山东省", "晋冀鲁豫大宗商品骨干流通走廊等50余个合作事项扎实落地。", ["晋冀鲁豫大宗商品骨干流通走廊:zone:-"]),
    # …and a region (经济带, 城市群, 都市圈) named after one (national report 2001)
    ("", "培育西陇海兰新线经济带、长江上游经济带", ["西陇海兰新线经济带:region:-", "长江上游经济带:region:-"]),
]

SHARED_HEADS = [
    # places in a list share the head after the last one: each place is marked, no zone
    ("内蒙古自治区", "推动和林格尔与乌兰察布片区要素互济、优势互补、协同发展",
     ["和林格尔:admin:150123", "乌兰察布:admin:150900"]),
    ("陕西省", "陈仓、洋县园区产值超过100亿元", ["陈仓:admin:610304", "洋县:admin:610723"]),
    ("广西壮族自治区", "新增梧州、北海、防城港跨境电商综合试验区",
     ["梧州:admin:450400", "北海:admin:450500", "防城港:admin:450600"]),
    # a kind of zone (自贸) or a word (合作) before the head names no zone
    ("广西壮族自治区", "深入实施自贸试验区提升战略", []),
    ("北京市", "支持天津滨海-中关村科技园等合作园区发展", ["天津滨海-中关村科技园:zone:-"]),
]

NOT_PLACES = [
    # labs, funds, delegations and quoted brands named after a place
    ("辽宁省", "辽宁实验室集聚科研人员1110人、实施自主科研项目88项、转化科研成果328项。", []),
    ("安徽省", "组建运行省新质生产力投资平台，参与组建长三角创业投资引导基金。", []),
    ("山东省", "举办群众性体育赛事活动9.5万场，山东体育代表团勇夺全运会“五连冠”。", []),
    # a word that takes a province's first character (在内|蒙古) does not veto the province
    ("", "营造尊商、重商、亲商、护商的浓厚氛围，让各类企业在内蒙古办事顺心", ["内蒙古:admin:150000"]),
    # a place right after an organisation names its branch
    ("江西省", "积极支持中国科学院赣江创新研究院、太行国家实验室江西创新中心以及南昌实验室、赣南实验室等稳定运行", []),
    ("重庆市", "建强习近平文化思想研究中心重庆市协同研究基地", []),
    ("山东省", "实施“山东交旅1号工程”，构建票根经济生态圈，办好体育消费季、“好运山东”系列赛事。",
     ["山东:admin:370000"]),  # the first is inside a programme's name: a place (rulings)
    # division names that are ordinary words here: 新增|城市 (增城), 乡村振兴 (振兴区)
    ("辽宁省", "实施消防装备提升工程，新增城市小型站200个", []),
    ("辽宁省", "深入实施乡村振兴补短板工程，做好涉农民生重点项目突出问题排查整改", []),
]

WORDS_NOT_NAMES = [
    # a generic division name or a phrase before a village head names no village
    ("青海省", "开展城市更新行动，实施老旧小区、城中村、城市危旧房改造2.2万套，完成城镇管线改造1323公里", []),
    ("安徽省", "建成智能算力超4.8万P，公用充电桩覆盖所有乡镇，5G信号覆盖所有行政村", []),
    ("呼伦贝尔市", "建立健全生态环境、村容村貌、公共卫生服务长效机制", []),  # county_hailar_2017 (dev)
    # a county's short name from another province is the word (山城区 in Henan, 盐湖区 in Shanxi,
    # 大关县 in Yunnan, 长寿区 in Chongqing)
    ("重庆市", "治理提升两江四岸滨江岸线70公里，新建山城绿道595公里", []),
    ("青海省", "扎实开展盐湖化工企业生态环境问题根治行动", []),
    ("山东省", "经济总量连续跨过3个万亿元大关，占全国比重由2020年的7.2%提升至7.4%", []),
    ("", "国内生产总值突破３万亿元大关", []),  # national 1994: after an amount, in any report
    # a preposition's word (同日, 向东) does not cut a country or a region after it (national 1994, Guangxi 2026)
    ("", "我国同日本、俄罗斯、韩国的互利合作关系不断扩大", ["日本:region:-", "俄罗斯:region:-", "韩国:region:-"]),
    ("广西壮族自治区", "高水平建设面向东盟的金融开放门户", ["东盟:region:-"]),
    # …but a province's people keep the province (台湾人民: 台湾人 is a word; national 1981, 2000)
    ("", "促进全国人民包括台湾人民在内的统一祖国愿望的早日实现", ["台湾:admin:710000"]),
    ("", "我们寄希望于台湾当局，更寄希望于台湾人民", ["台湾:admin:710000", "台湾:admin:710000"]),
    ("", "包括美国人民在内的世界各国人民", ["美国:region:-"]),  # national 1957: a country's people too
    # …and a country with its state's form is the state's full name, one region (national 1955)
    ("", "连结我国和蒙古人民共和国及苏联的集宁到二连的铁路",
     ["蒙古人民共和国:region:-", "苏联:region:-", "集宁:admin:150902"]),
    ("广西壮族自治区", "培育长寿养生、旅居养老等特色业态", []),
    # words crossing a name on both sides take it apart, even a prefecture's (national reports 1978, 2019,
    # 2009: 伟大|理论 over 大理, 隆重|庆祝 over 重庆, 均衡|水平 over 衡水); not between two places (山西|晋中)
    ("", "我们在国际斗争中坚决按照毛主席关于三个世界的伟大理论", []),
    ("", "我们隆重庆祝改革开放40周年", []),
    ("", "保持人民币汇率在合理均衡水平上的基本稳定", []),
    # an idiom that ends in a head (jieba tag i: national 1986), a word with a head (孤岛: Hailar 2019), a verb
    # or a count before a head (Chongqing, Shandong 2026), a function word before a list (Inner Mongolia 2026)
    ("", "发扬艰苦创业的愚公移山精神", []),
    ("呼伦贝尔市", "打通教育“信息孤岛”、建立完备统一的教育", []),
    ("重庆市", "渝东北、渝东南迈入高铁时代，全市铁路路网密度居西部第一",
     ["渝东北:region:-", "渝东南:region:-", "西部:region:-"]),
    ("山东省", "推进万华新一代电池材料等10个绿电产业园建设", []),
    ("内蒙古自治区", "参与共建“一带一路”和中蒙俄经济走廊建设", []),
    # …but it still begins a longer name: the canal, then its economic belt
    ("广西壮族自治区", "打造平陆运河经济带，建设江海联动产业发展先行区。", ["平陆运河经济带:region:-"]),
]


COMPASS_REGIONS = [
    # a compass word names a region before 地区, 大开发, 崛起, 的, and in a ranking (居中部…)
    ("", "城乡低保、特困救助标准连续19年提高，城乡居民养老保险待遇水平居中部地区第1", ["中部:region:-"]),
    ("", "区域协同带动作用、美丽山东建设成效、社会文明程度、人民生活品质、安全发展能力等“八个显著提升”，"
         "北方地区经济重要增长极作用更加彰显", ["山东:admin:370000", "北方:region:-"]),
    ("", "长江经济带发展、中部地区崛起等多重国家发展战略协同推进，链接东中部的枢纽功能持续增强",
     ["长江经济带:region:-", "中部:region:-", "东中部:region:-"]),
    # …but not as a modifier of a noun (盟市, 基地, a company), nor inside a list of directions
    ("", "“两重”“两新”、基础设施等重大项目深入推进，东部清洁能源基地电力外送通道获国家支持", []),
    ("", "国有企业改革深化提升，西部矿业、能源发展集团等6家企业入选2025西部企业数字化建设成效卓越单位", []),
    ("山东省", "深化“跨境电商+产业带”培育工程，优化海外仓布局，打造北方跨境电商集散中心", []),
    ("内蒙古自治区", "一要促进东中西部协调发展。推动东部盟市全面振兴", []),
]

NUMBERED_DISTRICTS = [
    # 一区 was a district of Ili until 1983: in a slogan it counts items
    ("", "锚定“三地一区”实现新突破和取得“三个新的更大进展”目标", []),
    ("", "全面推进国家数据要素“一区三中心”建设", []),
]

ARRIVALS = [
    # a verb of place and a province's abbreviation, in an excerpt whose province is unknown
    ("", "超过200家世界500强企业在陕设立分支机构，实际使用外资年均增长15.7％", ["陕:admin:610000"]),
    ("", "支持在京高校“双一流”建设", ["京:admin:110000"]),
    # 新 is read as a word first (在新赛道), 涉 is no verb of place (涉黑涉恶)
    ("", "我们要在新赛道乘势而上", []),
    ("", "严厉打击涉黑涉恶、网赌电诈、毒品等违法犯罪", []),
]


@pytest.mark.parametrize(("place", "text", "expected"), COMPASS_REGIONS)
def test_compass_words_name_a_region_only_as_the_region(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), NUMBERED_DISTRICTS)
def test_numbered_districts_are_no_places(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), ARRIVALS)
def test_a_province_abbreviation_after_a_verb_of_place(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), WORDS_NOT_NAMES)
def test_words_that_are_also_division_names_are_no_places(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), CONTRACTED)
def test_contracted_lists_give_one_place_per_member(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


def test_names_before_a_count_of_townships_are_no_contracted_list(rules: PlaceRules) -> None:
    """吉曲3乡 (Qinghai 2026) counts townships: 吉 and 曲 are no 吉林 and 曲麻莱."""
    text = "全面完成玉树东坝、尕羊、吉曲3乡大电网延伸工程"
    assert not [p for p in rules.find(text, year=2026) if p.end - p.start == 1]


@pytest.mark.parametrize(("place", "text", "expected"), REGIONS)
def test_regions_beyond_divisions(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), NATURAL_FEATURES)
def test_natural_features_named_by_an_unknown_stem(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


#: Unknown names in a list closed by 等, a count and a head they share: each a site, river or lake, the
#: head no part of it (national report of 1955; Shaanxi, Inner Mongolia 2026).
LISTED_SITES = [
    ("", "计划建成南湾、薄山、佛子岭、梅山等四个大型水库，共可蓄水三十八亿立方公尺",
     ["南湾:site:-", "薄山:site:-", "佛子岭:natural:-", "梅山:site:-"]),
    ("陕西省", "可可盖等11处煤矿建成试运转、新增产能3095万吨/年", ["可可盖:site:-"]),
    ("内蒙古自治区", "开展大黑河和美岱沟等13条河流、300条中型以上侵蚀沟治理", ["大黑河:natural:-", "美岱沟:natural:-"]),
    # a kind of reservoir before the shared head is no name
    ("山东省", "新建扩建老岚水库等水源型水库58座", ["老岚水库:site:-"]),
    # railways and expressways named by two abbreviations (national 1994)
    ("", "京九、南昆等铁路干线建设进展顺利", ["京九:route:-", "南昆:route:-"]),
    # …and beside a route A至B closed by a count of them (Shaanxi 2026)
    ("陕西省", "西延高铁和眉太、岚皋至陕渝界等4条高速公路建成通车",
     ["西延高铁:route:-", "眉太:route:-", "岚皋至陕渝界:route:-"]),
]


#: Centres and institutes named after a place (rulings: no place, nor the place inside them), a few
#: characters on; not where a verb or function word stands between or the centre is a city's role.
CENTRES = [
    ("安徽省", "推动合肥综合性国家科学中心研发机构与有关市开展技术合作", []),
    ("青海省", "青海盐湖研究所首创绿色高效萃取分离提锂技术", []),
    ("安徽省", "申建芜湖空港保税物流中心（B型），加快建设", []),
    ("湖北省", "以武汉为中心实行跨国协同", ["武汉:admin:420100"]),
    ("湖北省", "支持荆州申建保税物流中心", ["荆州:admin:421000"]),
    ("山东省", "推动青岛国际航运中心建设", ["青岛:admin:370200"]),
    # quoted brands in a list closed by 等 and the head they share
    ("青海省", "“青绣”“互助家政”“乐都水暖工”“高原雪山向导”等特色劳务品牌培育壮大", []),
]


#: A county whose name is a common word is a place in a list of divisions joined by 、, even beside
#: another such name (互助 beside 民和), when the list holds one plain division name (湟中).
DIVISION_LISTS = [
    ("青海省", "大通、湟中、民和、互助、共和、同仁新型城镇化试点县建设稳步推进",
     ["大通:admin:630121", "湟中:admin:630106", "民和:admin:630222", "互助:admin:630223", "共和:admin:632521",
      "同仁:admin:632301"]),
]


#: An ordinary word before 公路 or 铁路 names a kind of road or railway, not one (Liaoning 2026, national
#: 2018); a region's name (南疆, national 1997) and the abbreviations before 高铁 (沿江, Anhui 2026) still do.
KINDS_OF_ROUTES = [
    ("辽宁省", "国际公路运输业务量增长2倍", []),
    ("", "深化收费公路制度改革", []),
    ("", "新开工了南疆铁路、山西阳城坑口电厂", ["南疆铁路:route:-", "山西阳城:admin:140522"]),
    ("安徽省", "加快沿江高铁、淮宿蚌铁路、巢马城际铁路",
     ["沿江高铁:route:-", "淮宿蚌铁路:route:-", "巢马城际铁路:route:-"]),
]


#: Numbered roads and lines are routes named whole, without the mode before a lettered line.
NUMBERED_ROUTES = [
    ("内蒙古自治区", "东中西高速公路大通道和沿边331国道全线贯通", ["331国道:route:-"]),
    ("北京市", "推动轨道交通M102线规划建设", ["M102线:route:-"]),
]


@pytest.mark.parametrize(("place", "text", "expected"), NUMBERED_ROUTES)
def test_numbered_roads_and_lines(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), KINDS_OF_ROUTES)
def test_a_word_before_a_highway_head_names_a_kind(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


def test_a_word_ending_in_the_list_closer_does_not_cut_the_last_place(rules: PlaceRules) -> None:
    """苍梧、昭平等10个县区 (Guangxi 2026): 平等 ends in the 等 that closes the list; 华北、西北、华中等地
    (national 1955): 中等 likewise."""
    text = "苍梧、昭平等10个县区通了新的高速公路"
    assert [text[p.start : p.end] for p in rules.find(text, place="广西壮族自治区", year=2026)] == ["苍梧", "昭平"]
    text = "积极地进行华北、西北、华中等地新的工业基地的建设"
    assert [text[p.start : p.end] for p in rules.find(text, year=1955)] == ["华北", "西北", "华中"]


@pytest.mark.parametrize(("place", "text", "expected"), DIVISION_LISTS)
def test_common_word_counties_in_a_list_of_divisions(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), CENTRES)
def test_centres_named_after_a_place(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), LISTED_SITES)
def test_names_sharing_a_site_head_in_a_list(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), MINED_FEATURES)
def test_mined_feature_names_are_whole(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), ROUTES)
def test_routes_written_a_to_b_are_one_span(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), ZONES)
def test_designated_zones_are_one_span(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), NAMED_REGIONS)
def test_named_regions_are_one_span(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), ZONES_OF_CONTRACTED_LISTS)
def test_a_zone_named_after_a_contracted_list_is_one_span(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), SHARED_HEADS)
def test_a_list_of_places_sharing_a_head_is_no_zone(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


@pytest.mark.parametrize(("place", "text", "expected"), NOT_PLACES)
def test_place_names_inside_organisations_and_brands_are_not_places(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


def test_a_to_b_section_is_no_route(rules: PlaceRules) -> None:
    text = "推进淮河干流峡山口至涡河口段行洪区调整和建设。"  # provincial_anhui_2026.txt
    assert all(p.attrs["kind"] != "route" for p in rules.find(text, place="安徽省", year=2026))


def test_a_report_before_the_first_code_table_takes_its_codes() -> None:
    from govreport_nlp.taggers.places.gazetteer import Gazetteer

    assert Gazetteer.default().known_in("鹰潭", 1955)
    assert not Gazetteer.default().known_in("一区", 2026)  # a county of 1982 only


def test_a_province_and_its_county_are_one_chain(rules: PlaceRules) -> None:
    """A county right after its province is one span even when no prefecture is written."""
    text = "广东省清远县试行由县经委统一领导全县企业的经济活动"  # national_china_1982.txt
    found = [(text[p.start:p.end], p.attrs["code"]) for p in rules.find(text, place="中国", year=1982)]
    assert [name for name, _ in found] == ["广东省清远县"]
    assert found[0][1].startswith("44")


SITES_NAMED_WITH_THEIR_KIND = [
    # an unknown name, the words of its kind or rank, the head: one site or zone (rulings: named whole)
    ("内蒙古自治区", "推动哈民考古遗址公园建设、大窑遗址公园提档升级，完成第四次全国文物普查任务",
     ["哈民考古遗址公园:site:-", "大窑遗址公园:site:-"]),
    ("内蒙古自治区", "完成历史遗留矿山生态修复117平方公里，大青山国家级自然保护区成功入选世界生物圈保护区。",
     ["大青山国家级自然保护区:site:-"]),
    ("重庆市", "推进白鹤梁题刻、蜀道（重庆段）等申遗，提档建设钓鱼城国家考古遗址公园。",
     ["重庆:admin:500000", "钓鱼城国家考古遗址公园:site:-"]),
    ("山东省", "大汶口国家考古遗址公园挂牌，大明湖西南遗址考古取得重大突破。",
     ["大汶口国家考古遗址公园:site:-", "大明湖:natural:-"]),
    ("山东省", "高质量建设黄河口国家公园，积极创建长岛国家公园、国际零碳岛，推动自然保护地整合优化",
     ["黄河口国家公园:site:-", "长岛国家公园:site:-"]),
    ("山东省", "支持尼山文化片区打造国家级文化“两创”示范片区。", ["尼山文化片区:zone:-"]),
    ("重庆市", "编制出台城市绿化等专项规划，优化南山、寸滩国际新城等重点片区规划。", ["寸滩国际新城:zone:-"]),
    # a feature a suffix rule found begins the zone named after it
    ("安徽省", "紫云山（包河）文化创意产业园营收超650亿元。", ["紫云山（包河）文化创意产业园:zone:-"]),
    # no name before the words of the kind: a verb (办好), a word of scope (全域)
    ("中国", "办好国家高新区，发挥集聚创新要素的领头羊作用", []),
    ("中国", "创建全域旅游示范区，降低重点国有景区门票价格", []),
]


@pytest.mark.parametrize(("place", "text", "expected"), SITES_NAMED_WITH_THEIR_KIND)
def test_sites_and_zones_named_with_the_words_of_their_kind(
    rules: PlaceRules, place: str, text: str, expected: list[str]
) -> None:
    assert tag(rules, text, place) == expected


NAMED_EXPERIENCES = [
    # a quoted experience named after the town it began in (place_features.tsv, jieba ns)
    ("安徽省", "坚持和发展新时代“枫桥经验”，用好“六尺巷工作法”等有效方式。", ["枫桥:admin:-"]),
    ("重庆市", "健全社会治理体系，深化新时代“枫桥经验”市域实践，增强综治中心实战实效", ["枫桥:admin:-"]),
]


@pytest.mark.parametrize(("place", "text", "expected"), NAMED_EXPERIENCES)
def test_a_quoted_experience_names_its_town(rules: PlaceRules, place: str, text: str, expected: list[str]) -> None:
    assert tag(rules, text, place) == expected
