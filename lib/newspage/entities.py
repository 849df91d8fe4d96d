"""Named entities: people with roles, organisations, places, documents and programmes.

Generic mechanisms only, by evidence, not by a list of names (nothing here knows any page):

* **one jieba cut per page**: :func:`extract` takes ``words.page_cut(page)`` (shared with the
  tokens table) and gives each story its slice; nothing is cut twice.
* **people** from bylines (``page.credits``: 记者, 通讯员, 摄影 ...), page staff lines (责任编辑,
  版式设计, 制图: ...), ``<org?><title><name>`` (a lexicon of titles, 总经理, 参赞, 列车长 ...,
  followed by a surname and one or two characters, or a minority name with ``·``; a name jieba cut
  after two characters takes its third when a name boundary follows), a name before a verb of
  speech, names listed with 、 (张某、林某等), and names introduced by 名叫/叫他/人称 (老王, 小李).
* **organisations**: a jieba token ending in an organisation head (有限公司, 集团, 局, 委, 部, 司,
  处, 署, 中心, 管委会, 合作社 ...), extended to the left over name-like tokens, which must hold a
  proper word (a place, name or organisation word) so that kinds (乡镇卫生院) are not taken; a head
  that ends a common word with the character before it (部署) is none; a department follows its
  ministry (交通运输部运输服务司); quoted company names (“青禾”公司); cooperatives and family farms
  back to the clause's start; short company names (name + 科技/电子/重工 ...); counts of bodies
  (16个部门); bodies named by their level (县委, 市住建局); a small lexicon of media and national
  bodies.
* **places**: the gazetteer of divisions shipped in cpca (:func:`gazetteer`: full names, and short
  forms where the context says place), tokens ending in an administrative suffix (省, 市, 县, 区,
  镇, 乡, 村, 街道, 社区 ...), natural features and landmarks after a proper head (河, 湖, 水库,
  湿地, 公园, 沙漠, 古镇, 港区 ...), protected areas with their place, dateline places, and
  a chain of places split into its levels (X区Y镇: both).
* **documents**: ``《...》`` titles and quoted rules (“十条措施”); **programmes**: quoted names that
  read as a policy, campaign or model (a numeral head, a 行动/工程/计划 head, parallel parts, a cue
  word around the quotes) and national programmes without quotes (健康中国行动).
* **short forms**: ``X(以下简称Y)`` maps every mention of Y to ``canonical`` X.
* **consistency**: the masthead's paper is an organisation, and a name found once is found wherever
  the page writes it (:func:`_page_wide`).

Overlaps are resolved to one flat layer: documents and quoted programmes first, then people,
then longer spans.  Every scan is linear in the page (names are looked up by their first
characters, overlaps by bisection).
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from itertools import compress, repeat
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from . import tables, words
from .rx import finditer as _finditer, may_match as _may_match

SCHEMA = tables.Schema(
    "entities",
    [
        tables.Column("entity_id", "str", "Identifier of the mention on the page (e001 ... in reading order)"),
        tables.Column("story_id", "str", "Story of the mention (stories.story_id)"),
        tables.Column("para_id", "str", "Paragraph of the mention (paragraphs.para_id)"),
        tables.Column("start", "int", "Offset of the mention's first character in page.text", "characters"),
        tables.Column("end", "int", "Offset just past the mention in page.text", "characters"),
        tables.Column("surface", "str", "The mention as written, page.text[start:end] (documents with 《》)"),
        tables.Column("type", "str", "person, org, place, document (a 《》 title) or programme (a quoted policy or campaign name)"),
        tables.Column("canonical", "str", "The full form: the long form where the page gives a short form "
                      "(X(以下简称Y): Y -> X), else the surface"),
        tables.Column("role", "str", "People: byline role (记者, 通讯员, 摄影 ...) or title as written (总经理, 项目负责人 ...)"),
        tables.Column("org", "str", "People: the organisation the title belongs to (canonical form), when written before the title"),
        tables.Column("source", "str", "How it was found: byline (credits), title (title + name), "
                      "pattern (suffix, quotes, 《》, short form), dict (lexicon or a name found earlier on the page)"),
    ],
    sort=["start", "end"],
    description="Named entities of the page: people with roles, organisations, places, documents and "
                "programmes; one row per mention, non-overlapping.",
)
SCHEMAS = [SCHEMA]

TYPES = ("person", "org", "place", "document", "programme")

_START, _END = operator.itemgetter(0), operator.itemgetter(1)   # a token's (or an Entity's) start, end


class Entity(NamedTuple):
    """One mention.  A named tuple (made, hashed and compared in C: the finders make and the
    resolution sorts and deduplicates thousands per page); change a field with ``_replace``."""
    start: int
    end: int
    surface: str
    type: str
    canonical: str
    role: str | None = None
    org: str | None = None
    source: str = "pattern"


# ---------------------------------------------------------------------------
# Lexicons (generic)
# ---------------------------------------------------------------------------

COMPOUND_SURNAMES = ("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 "
                     "端木 独孤 南宫 万俟 闻人 西门 申屠 呼延 澹台 赫连").split()
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰"
    "赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富"
    "尧闭由阎郗")

# Titles, longest first when matched.  A title may carry modifiers before it (生产副总经理).
TITLES = sorted(set("""
总经理 副总经理 经理 董事长 副董事长 董事 总裁 副总裁 总监 厂长 副厂长 局长 副局长 处长 副处长 科长 副科长
主任 副主任 书记 副书记 第一书记 县长 副县长 市长 副市长 州长 副州长 省长 副省长 区长 副区长
镇长 副镇长 乡长 副乡长 村长 主席 副主席 部长 副部长 厅长 副厅长 院长 副院长 校长 副校长 所长 副所长 站长
副站长 队长 副队长 组长 副组长 会长 副会长 秘书长 理事长 行长 副行长 社长 总编辑 负责人 项目负责人 总工程师
工程师 技术员 医生 医师 护士长 教授 研究员 专家 村民 农民 牧民 农户 居民 市民 职工 员工 工人 队员 村支书
网格员 指挥长 园长 馆长 主管 联络员 发言人 新闻发言人 代表 委员 干部 种植户 养殖户 老板 创始人 法人
大户 种粮大户 种植大户 养殖大户 致富带头人 带头人 家庭农场主 户主 志愿者 党员 游客 乘客 顾客 消费者 老人 学生 家长
参赞 文化参赞 列车长 乘务长 船长 机长 领队 主播 理事 执行董事 总干事 首席专家 首席科学家 馆员 讲解员 调解员 宣讲员
茶农 果农 菜农 棉农 渔民 菇农 值班员 客运值班员 质检员 检验员 乘务员 驾驶员 快递员 营业员 服务员 缝纫工 焊工
操作工 店主 摊主 返乡青年 考古领队 儿子 女儿 妻子 丈夫 父亲 母亲 孙子 孙女 老伴
被告人 犯罪嫌疑人 嫌疑人 原告 被告 当事人 受害人 证人 法官 检察官 民警 辅警 律师 医生 教师 老师 法定代表人
""".split()), key=len, reverse=True)

# Appellations written after a surname instead of a given name (陈阿姨, 王师傅): a person.
APPELLATIONS = tuple("阿姨 大爷 大妈 大姐 大哥 大叔 大婶 师傅 老师 女士 先生 老汉 奶奶 爷爷 老伯 阿婆 阿公 同志".split())
# Characters that follow a name rather than end it (王|说, 李|的)
NOT_NAME_CHARS = set("说的等和与及在是也就对向带把被给让同跟率都还又已曾将要从称讲问答笑看到了着过")
# adverbs and the like that start the words after a name, never end a name
NAME_STOP_CHARS = set("正便才却仍先再不没很最更一")
# Verbs of speech after a name without a title (X说, X表示): the name is a person.
SPEECH_VERBS = tuple("说 表示 介绍 指出 认为 告诉 坦言 透露 强调 称 谈到 感慨 解释 回忆 补充 笑着说 说道".split())
# Credit lines of the page's staff: 责任编辑：X  版式：Y
STAFF_CREDIT = re.compile(r"(?P<role>责任编辑|责编|美术编辑|摄影编辑|编辑|校对|版式设计|版面设计|版式|美编|组版|制图|摄影|图片|策划|统筹|审核|监制)"
                          r"(?:\s*[:：]\s*|[ \u3000\t]+)(?P<name>[\u4e00-\u9fff]{2,3}(?:·[\u4e00-\u9fff]{1,10})?)(?![\u4e00-\u9fff])")

# Words that end a name: speech verbs and the like that follow a quoted person.
FOLLOW_WORDS = tuple("""
介绍 表示 说 称 指出 认为 告诉 强调 坦言 感慨 笑着 透露 谈到 提到 解释 补充 回忆 说道 讲 等 和 与 及 在 也 是
就 对 向 带领 带着 正在 一直 看来 一边 说起 所说 的 则 还 都 已 曾 将 要 又 从 把 被 给 让 同 跟 率 一行
""".split())

# Verbs and words that commonly follow a name: a name with · stops before them.
NAME_END = FOLLOW_WORDS + tuple("带领 完成 参加 来到 走进 获得 荣获 发现 组织 主持 出席 陪同 率队 一边 正 今年 近日 目前".split())

ORG_SUFFIXES = sorted(set("""
股份有限公司 有限责任公司 有限公司 集团 公司 银行 医院 大学 学院 研究院 研究所 研究中心 中心 委员会 管委会 局 委
厅 政府 党委 法院 检察院 开发区 高新区 经开区 产业园 协会 商会 合作社 报社 电视台 学校 中学 小学 工作站 卫生院
卫生室 办公室 办事处 分行 支行 分公司 子公司 事务所 基金会 联合会 工作部 监狱 公安局 派出所 工厂 厂
常委会 人大常委会 政协 海关 分局 支队 大队 法庭 人民法院 中级人民法院 纪委 监委 党组 总工会 工会 团委 妇联 科协
日报 晚报 商报 早报 新闻网 电视台 广播电视台 融媒体中心 出版社 杂志社
部 司 处 署 总署 总队 调查队 调查总队 研究会 研究小组 图书馆 气象台 机场 农场 家庭农场 大使馆 领事馆 血站 央行
联合社 专业合作社 业务部 管护站 服务站 工作站 车站 东站 西站 南站 北站 时报 政务报
""".split()), key=len, reverse=True)
# words ending in an organisation suffix that are not organisations
NOT_ORGS = set("""
全部 内部 外部 东部 西部 南部 北部 中部 干部 总部 局部 头部 底部 顶部 腹部 胸部 腰部 足部 俱乐部 各部 本部 部分 上司
公司 各处 到处 好处 处处 此处 一处 益处 难处 长处 用处 害处 住处 去处 深处 别处 相处 判处 处理 站点 车站 各站
农场 机场 市场 现场 广场 战场 商场 会场 剧场 赛场 考场 操场 部署 签署 署名 公署
""".split())

# One character naming the level of a local body (市住建局, 县委, 省政府: "the city's/county's ..."):
# a definite organisation though it has no proper name.
LEVEL_CHARS = set("省市县区州乡镇")

# Org words that are a name on their own (they may still extend to the left).
STANDALONE_ORGS = set("管委会 党中央 国务院 中共中央 全国人大 全国政协 中央军委 公共资源交易中心".split())

INDUSTRY_SUFFIXES = set("科技 电子 重工 纸业 实业 建材 化工 药业 能源 物流 股份 控股 置业 矿业 钢铁 水泥 电气 "
                        "机械 制药 食品 乳业 纺织 光电 新材 环保 传媒 农业 牧业 种业 电力 智能".split())

MEDIA = set("""
新华社 人民日报 新疆日报 兵团日报 光明日报 经济日报 中国日报 中央电视台 央视 中央广播电视总台 中国新闻社 中新社
新华网 人民网 天山网 求是 中国青年报 工人日报 农民日报 法治日报 科技日报 参考消息 环球时报
""".split())

NATIONAL_BODIES = set("""
党中央 国务院 中共中央 全国人大 全国人大常委会 全国政协 中央军委 最高人民法院 最高人民检察院 中央纪委
国家发展改革委 国家发改委 财政部 商务部 农业农村部 国家卫生健康委 工业和信息化部 教育部 生态环境部 自然资源部
外交部 国防部 科学技术部 科技部 工业和信息化部 工信部 公安部 国家安全部 民政部 司法部 人力资源和社会保障部
人力资源社会保障部 人社部 住房和城乡建设部 住房城乡建设部 住建部 交通运输部 水利部 文化和旅游部 文旅部
国家卫健委 退役军人事务部 应急管理部 中国人民银行 审计署 海关总署 国家税务总局 国家市场监督管理总局 市场监管总局
国家统计局 国家医保局 中国国家铁路集团 国铁集团 国家林业和草原局 国家能源局 国家外汇管理局 国家知识产权局
国家移民管理局 中国民用航空局 民航局 国家邮政局 国家文物局 国家乡村振兴局 国务院国资委 中国证监会 国家数据局
国家金融监督管理总局 国家铁路局 国家粮食和物资储备局 国家体育总局 国家广播电视总局 国家药监局 国家疾控局
""".split())
_LEXICON_ORGS = sorted(MEDIA | NATIONAL_BODIES)

PLACES = set("""
美国 日本 韩国 朝鲜 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 印度 尼泊尔 孟加拉国 斯里兰卡
阿富汗 伊朗 伊拉克 沙特阿拉伯 沙特 阿联酋 土耳其 以色列 埃及 南非 尼日利亚 肯尼亚 埃塞俄比亚 英国 法国 德国 意大利
西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 芬兰 丹麦 波兰 希腊 奥地利 乌克兰 白俄罗斯 匈牙利 塞尔维亚 加拿大 墨西哥
巴西 阿根廷 智利 秘鲁 澳大利亚 新西兰 格鲁吉亚 阿塞拜疆 亚美尼亚
亚洲 欧洲 非洲 北美 南美 拉美 大洋洲 东南亚 南亚 东亚 西亚 中东 东欧 西欧 北欧 亚太
大湾区 粤港澳大湾区 成渝 长江经济带 黄河流域
广州 深圳 杭州 南京 武汉 成都 西安 郑州 长沙 沈阳 哈尔滨 长春 济南 青岛 大连 厦门 宁波 苏州 无锡 福州 合肥 南昌
南宁 昆明 贵阳 兰州 西宁 银川 呼和浩特 乌鲁木齐 拉萨 太原 石家庄 海口 三亚 珠海 东莞 佛山 温州 烟台 徐州 洛阳

中国 全国 北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南
四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 北疆 南疆 东疆 天山南北 中亚 中亚五国
西北 东北 华北 华东 华南 华中 西南 长三角 珠三角 京津冀 粤港澳大湾区 一带一路
哈萨克斯坦 吉尔吉斯斯坦 塔吉克斯坦 乌兹别克斯坦 土库曼斯坦 俄罗斯 蒙古国 巴基斯坦
""".split()) - {"全国", "一带一路"}

# References to an administrative unit that make an organisation name proper (自治区党委).
ADMIN_REFS = set("自治区 兵团 师市 党中央 中央 国家".split())
# Geographic words that may follow a lexicon place inside one jieba token (中亚国家).
PLACE_TAILS = ("国家", "各国", "地区", "一带", "沿线", "方向", "各地")
SINGLE_SUFFIX = set("省市州县区镇乡村旗盟")

FACILITIES = ("口岸", "机场", "火车站", "高铁站", "客运站", "港口")
PLACE_SUFFIXES = sorted("省 自治区 自治州 自治县 州 地区 市 县 区 新区 镇 乡 村 盟 旗 街道 社区".split(), key=len, reverse=True)
# natural features and landmarks: a proper head (jieba's place or name tag, or a name-like token) before them
FEATURE_SUFFIXES = ("水库 湿地公园 森林公园 湿地 公园 沙漠 古镇 古城 遗址 景区 港区 大道 广场 河 江 湖 山 岛 湾 港 峡 "
                    "海 塬 滩 泉 大坝 水电站 风景区 新村 社区 街道 大桥 平原 走廊 街区 沙地").split()

# Words that end in an administrative suffix but are not places.
NOT_PLACES = set("""
城市 园区 社区 地区 市区 县区 辖区 片区 景区 厂区 小区 全区 各区 本区 该区 城区 矿区 牧区 山区 灾区 郊区 湾区
县市区 地州市 县市 乡村 农村 城乡 各乡镇 乡镇 各县 各市 全市 全县 全州 本市 本县 该县 该市 都市 超市 股市 楼市 车市
上市 门市 夜市 集市 城镇 村镇 各村 全村 本村 该村 新村 新区 老区 两市 两县 两区 九市 两省 山村 渔村 各州 该州 神州 九州 各省 全省 本省 该省 外省
外地 本地 当地 两地 三地 四地 五地 多地 各地 异地 内地 重点地区 边远地区 偏远地区 单一地区 其他地区 周边地区 贫困地区
""".split())

PLACE_NAME_POS = {"ns", "nr", "nrt", "nrfg", "nz", "j", "n", "ng"}

NAME_POS = {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "b", "vn", "l", "ng", "eng", "an", "nrfg", "i"}
PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt"}
FIRST_CHAR_STOP = set("各全本该此这那每其某诸多几一二三四五六七八九十两首双")
GENERIC_MODIFIERS = set("新型 高端 绿色 智能 现代 传统 综合 重点 中心 县级 市级 省级 基层 有关 相关 其他 国有 民营 "
                        "大型 中小 小型 重要 各级 地方 当地 本地 优质 先进 一流".split())

PROGRAMME_BEFORE = ("将", "把", "实施", "开展", "推行", "启动", "建设", "打造", "推进", "落实", "执行", "实行", "坚持",
                    "深化", "创建", "争创", "推广", "践行", "聚力", "聚焦", "围绕", "实现", "推动", "推出", "举办")
PROGRAMME_AFTER = ("行动", "工程", "计划", "战略", "模式", "机制", "原则", "标准", "政策", "改革", "试点", "活动",
                   "专项", "限制", "要求", "制度", "措施", "作为", "品牌", "服务", "体系", "示范", "方式", "主题", "庙会",
                   "系列活动", "文化节")
PROGRAMME_NOT_AFTER = ("期间", "时期", "规划期")

DATELINE = re.compile(r"(?:新华社|中新社|中国新闻社|本报)(?P<place>[\u4e00-\u9fff]{2,6}?)[0-9]{1,2}月[0-9]{1,2}日(?:专)?电")
ALIAS = re.compile(r"[(（]\s*(?:以下简称|以下称|下称|简称|以下统称)\s*[:：]?\s*(?P<short>[^()（）\n，。；]{1,30}?)\s*[)）]")
DOC = re.compile(r"《[^《》\n]{1,120}》")
QUOTE = re.compile(r"[“\"‘]([^“”\"‘’\n]{1,40})[”\"’]")
QUOTED_ORG = re.compile(r"[“\"][\u4e00-\u9fffA-Za-z]{2,8}[”\"](?:有限公司|公司|集团|专业合作社|合作社|家庭农场|农场|工作室|牧场)")
COOP_TRADES = set("养殖 种植 加工 销售 经营 服务 农机 植保 育苗 营销 生产 运销 农业 蔬菜 水果".split())
COOP_HEADS = ("合作社", "联合社", "家庭农场", "农场", "牧场")
COOP_STOP = set("的 是 在 与 和 及 由 把 将 对 向 为 了 有 等 加入 成立 领办 创办 来到 走进 通过 依托 带动 组建 组建成 "
                "成为 参加 牵头 联合 其中 包括 如 像 以 从 和 同 给 让 入社 社员 全村 全镇 全县 当地 示范 省级 市级 县级 国家级 在册 "
                "认定 新认定 申报 信任 改造 改造成 专业".split())
# (digits only from the start of a run: a match never ends on a digit, so inside a run it is tried
# only after failing at the run's start, for the same run end; a long run is scanned once, not once
# from each of its digits)
COUNT_BODIES = re.compile(r"(?:(?<![0-9])[0-9]+|[一二三四五六七八九十两]{1,3})个?(?:部门|单位|厅局|委办厅局)")
# what every match of COUNT_BODIES holds: the word and the character before it (个, a digit or a
# numeral); a pattern with a first character class, scanned fast (COUNT_BODIES starts with a
# lookbehind, so sre tries it at every position): a story without it is not scanned for counts
COUNT_BODY_PAIR = re.compile(r"[0-9一二三四五六七八九十两个](?:部门|单位|厅局|委办厅局)")
MINORITY_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,10}(?:·[\u4e00-\u9fff]{1,10})?")
HAN = re.compile(r"[\u4e00-\u9fff]")
ADMIN_CHARS = set("省市州县区乡镇村")
PUNCT = set("，。、；：？！“”‘’《》()（）「」『』【】—…·,.;:?!\"' \n")


def _suffix_finder(table):
    """``f(word, proper=False)``: the longest word of ``table`` that ``word`` ends with (shorter than
    ``word`` when ``proper``), or None; a few set lookups instead of a scan of the table."""
    table = set(table)
    lengths = sorted({len(x) for x in table}, reverse=True)
    last = frozenset(x[-1] for x in table if x)   # a word ends with a word of the table only on one of these
    shortcut = "" not in table

    @functools.lru_cache(maxsize=1 << 16)   # pure; the same words come back on every page
    def f(w: str, proper: bool = False):
        if shortcut and w[-1:] not in last:
            return None
        n = len(w)
        for k in lengths:
            if k < n or (k == n and not proper):
                if w[n - k:] in table:
                    return w[n - k:]
        return None
    return f


_FEW_FIRSTS = 160   # up to this many first characters, str.find each; more, one pass over the text
# (compiling a class of the first characters costs more than either: 1-3 ms for 30-100 characters)


def _names_index(names, compiled: bool = False) -> tuple[dict[str, list[str]], re.Pattern | None]:
    """The names by first character (longest first) and, when ``compiled`` (a list indexed once
    and read many times), a class of the first characters."""
    by_first: dict[str, list[str]] = {}
    for w in names:
        if w:
            by_first.setdefault(w[0], []).append(w)
    if not by_first:
        return by_first, None
    for v in by_first.values():
        v.sort(key=len, reverse=True)
    if not compiled:
        return by_first, None
    return by_first, re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]")


def _first_positions(text: str, firsts) -> list[int]:
    """Every position of ``text`` holding one of the characters ``firsts``, in order."""
    if len(firsts) > _FEW_FIRSTS:
        return [i for i, c in enumerate(text) if c in firsts]
    out = []
    for c in firsts:
        i = text.find(c)
        while i >= 0:
            out.append(i)
            i = text.find(c, i + 1)
    out.sort()
    return out


def _occurrences(text: str, names) -> list[tuple[int, int, str]]:
    """Every place where one of ``names`` is written in ``text``: ``(start, end, name)``.  One scan for
    the names' first characters, then a look at the names starting with that character, so the
    work grows with the text, not with text x names (a page naming hundreds of people stays linear)."""
    if names is _LEXICON_ORGS:       # the same long list for every story: indexed once
        # (by the first two characters: 国 or 中 start dozens of its names, and each is written often)
        out = []
        by_two = _LEXICON_BY_TWO
        for m in _LEXICON_INDEX[1].finditer(text):
            i = m.start()
            for w in by_two.get(text[i:i + 2], ()):
                if text.startswith(w, i):
                    out.append((i, i + len(w), w))
        return out
    by_first, rx = _names_index(names)
    if not by_first:
        return []
    out = []
    starts = _first_positions(text, by_first) if rx is None else [m.start() for m in rx.finditer(text)]
    for i in starts:
        for w in by_first[text[i]]:
            if text.startswith(w, i):
                out.append((i, i + len(w), w))
    return out


_LEXICON_INDEX = _names_index(_LEXICON_ORGS, compiled=True)
_LEXICON_BY_TWO: dict[str, list[str]] = {}   # the same names by their first two characters, same order
for _names in _LEXICON_INDEX[0].values():
    for _w in _names:
        _LEXICON_BY_TWO.setdefault(_w[:2], []).append(_w)
del _names, _w
assert all(len(w) >= 2 for w in _LEXICON_ORGS)   # (a one-character name would need its own index)
_ORG_SUFFIX = _suffix_finder(ORG_SUFFIXES)
_TITLE_SUFFIX = _suffix_finder(TITLES)
_TITLE_SET = frozenset(TITLES)   # membership tests (TITLES is a list)
_PLACE_SUFFIX = _suffix_finder(PLACE_SUFFIXES)
_FEATURE_SUFFIX = _suffix_finder(FEATURE_SUFFIXES)
_FEATURE_SET = frozenset(FEATURE_SUFFIXES)   # membership tests (FEATURE_SUFFIXES is a list)
_ORG_SUFFIX_SET = frozenset(ORG_SUFFIXES)


@functools.lru_cache(maxsize=1 << 16)   # pure; the same words come back on every page
def _place_word(w: str) -> str | None:
    """The word-only tests of :func:`find_places`' first pass, once per word: "" for a lexicon
    place, the administrative suffix a possible place name ends with, else None."""
    if w in PLACES:
        return ""
    if w in NOT_PLACES or not HAN.match(w) or w[0] in FIRST_CHAR_STOP:
        return None
    return _PLACE_SUFFIX(w, True)


@functools.lru_cache(maxsize=1 << 16)   # pure; the same words come back on every page
def _org_word(w: str) -> tuple[str, str] | None:
    """The word-only tests of :func:`find_orgs`' first pass, once per word: (the organisation
    suffix, the word up to and with it) for a word ending in a suffix, or in a suffix followed by
    a title (医院院长 -> 医院), else None."""
    suffix = _ORG_SUFFIX(w)
    if suffix is not None:
        return suffix, w
    title = _TITLE_SUFFIX(w, True)
    head = w[:-len(title)] if title else ""
    suffix = _ORG_SUFFIX(head)
    if suffix is None:
        return None
    return suffix, head


@functools.lru_cache(maxsize=1 << 16)   # pure; the same words come back on every page
def _feature_word(w: str) -> bool:
    """A word that names a natural feature or landmark by itself (云龙湖) when jieba tags it a place
    or a name: it ends in a feature word after a head that is no common modifier."""
    feat = _FEATURE_SUFFIX(w, True)
    return bool(feat and HAN.match(w) and w not in NOT_PLACES and w[0] not in FIRST_CHAR_STOP
                and not (len(w) - len(feat) == 1 and w[0] in GENERIC_HEADS) and w not in _FEATURE_SET)


RESERVE = re.compile(r"(?:国家级|省级|市级|县级)?(?:自然保护区|风景名胜区|地质公园|森林公园|湿地公园|保护区)")
SHORT_PLACE_AFTER = ("等地", "籍", "一带", "地区", "方向", "境内", "人", "的")
# one-character heads that make a feature word a common noun (大山, 古镇, 沿河, 港湾)
GENERIC_HEADS = set("大小深高群名青古重老新旧沿入离港河江湖山海城中东西南北上下前后内外")
ORG_WORDS_AFTER_PLACE = ("人民政府", "政府", "委员会", "党委", "人大", "政协")


def _alone(text: str, s: int, e: int) -> bool:
    """The word stands between punctuation or the ends of the text (、莆田、)."""
    before = text[s - 1] if s else "\n"
    after = text[e] if e < len(text) else "\n"
    return (before in PUNCT or before.isspace()) and (after in PUNCT or after.isspace() or after in "等和与及")


_GAZETTEER = None


def gazetteer() -> tuple[frozenset, frozenset]:
    """(full names, short forms) of China's provinces, prefectures and counties from cpca's
    adcodes.csv (MIT; read as a file, cpca itself is not imported).  A short form drops the level
    (莆田市 -> 莆田, 湾沚区 -> 湾沚) and keeps two characters or more; short forms that are also
    ordinary words of jieba's dictionary (和平, 长安, 新华) are left out."""
    global _GAZETTEER
    if _GAZETTEER is None:
        import csv
        import importlib.util
        from pathlib import Path
        full, short = set(), set()
        spec = importlib.util.find_spec("cpca")
        if spec is not None and spec.submodule_search_locations:
            path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
            if path.is_file():
                with path.open(encoding="utf-8") as fh:
                    for row in csv.DictReader(fh):
                        name = row["name"]
                        if len(name) < 2 or name.endswith(("辖区", "直辖县级行政区划")):
                            continue
                        full.add(name)
                        for suf in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
                                    "地区", "省", "市", "县", "区", "盟", "旗"):
                            if name.endswith(suf) and len(name) - len(suf) >= 2:
                                short.add(name[:-len(suf)])
                                break
        freq, tags = words.tokenizer().tokenizer.FREQ, words.tokenizer().word_tag_tab
        common = {w for w in short if (freq.get(w) or 0) > 200 and w not in PLACES and tags.get(w) != "ns"}
        _GAZETTEER = (frozenset(full - NOT_PLACES), frozenset(short - common - NOT_PLACES))
    return _GAZETTEER


# ---------------------------------------------------------------------------
# Token view of a text
# ---------------------------------------------------------------------------

class _Tokens:
    """jieba tokens of a text with lookups by offset (digits kept whole)."""

    def __init__(self, text: str, toks: list[tuple[int, int, str, str]] | None = None):
        self.text = text
        self.toks = words.tokenize(text) if toks is None else toks
        # (by map and zip: the loops over the tokens run in C)
        self.starts = list(map(_START, self.toks))
        self.ends = list(map(_END, self.toks))
        # what each finder's pass over the tokens looks for first, per token (see _token_facts):
        # the passes then visit only the tokens that may concern them
        self._flag_idx, self._flag_facts = _flagged(self.toks)
        self._having: dict[int, list[int]] = {}

    @functools.cached_property
    def by_start(self) -> dict[int, int]:
        """Token index by start offset (built when first asked: many stories never ask)."""
        return dict(zip(self.starts, range(len(self.toks))))

    @functools.cached_property
    def by_end(self) -> dict[int, int]:
        """Token index by end offset (built when first asked)."""
        return dict(zip(self.ends, range(len(self.toks))))

    def having(self, mask: int) -> list[int]:
        """Indices of the tokens (in order) with one of the facts ``mask`` (:func:`_token_facts`)."""
        got = self._having.get(mask)
        if got is None:
            # (compress over the flagged tokens' facts and mask: a C loop, a dozen masks a story)
            got = self._having[mask] = list(compress(self._flag_idx, map(operator.and_, self._flag_facts, repeat(mask))))
        return got

    def at(self, offset: int) -> int:
        """Index of the token covering ``offset`` (or -1)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.toks[i][0] <= offset < self.toks[i][1]:
            return i
        return -1

    def aligned(self, start: int, end: int) -> bool:
        return start in self.by_start and end in self.by_end


# Facts of a token (word, part of speech) that decide whether a pass over the tokens looks at it
# at all: each is the first test of that pass, so skipping the tokens without it changes nothing.
F_ORG = 1          # find_orgs: ends in an organisation suffix (_org_word)
F_INDUSTRY = 2     # find_orgs: an industry word (科技, 电子 ...)
F_COOP = 4         # find_orgs: ends in a cooperative's or farm's head
F_COMPANY = 8      # find_orgs: 公司 or 集团
F_PLACE = 16       # find_places: a lexicon place or a word ending in an administrative suffix (_place_word)
F_PROPER = 32      # find_places: a proper name (or j) of 2-5 Han characters, or a place word (ns)
F_FEATURE = 64     # find_places: a natural feature or landmark, or a feature word
F_GAZ_FULL = 128   # find_places: a division's full name (gazetteer)
F_GAZ = 256        # find_places: a division's full name, or a short form not tagged a verb
F_FACILITY = 512   # find_places: ends in a facility word (口岸, 机场 ...)
F_UNIT = 1024      # find_places: 新村, 社区 or 街道
F_SPEAKER = 2048   # find_people_speaking: a person's name (nr) with a surname, or a lone surname


_FACTS: dict[str, dict[str, int]] = {}   # part of speech -> word -> _token_facts (a memory)
_FACTS_MAX = 1 << 16                    # words kept per part of speech


def _flagged(toks) -> tuple[list[int], list[int]]:
    """The indices and the facts of the tokens with some fact (:func:`_token_facts`, remembered per
    tag and word: the same words come back on every page)."""
    out, out_facts = [], []
    memory = _FACTS
    for i, (_, _, w, p) in enumerate(toks):
        known = memory.get(p)
        if known is None:
            known = memory[p] = {}
        f = known.get(w)
        if f is None:
            if len(known) >= _FACTS_MAX:
                known.clear()
            f = known[w] = _token_facts(w, p)
        if f:
            out.append(i)
            out_facts.append(f)
    return out, out_facts


# The last characters of every word whose ending gives a fact (organisation, industry,
# cooperative, company, place and administrative suffixes, titles, features, facilities, units):
# a word ending in none of them, of a tag no fact asks for, and in neither part of the gazetteer
# nor a lone surname has no fact (most new words of a page: the tests below are then skipped).
_FACT_ENDS = frozenset(x[-1] for group in (ORG_SUFFIXES, TITLES, INDUSTRY_SUFFIXES, COOP_HEADS, ("公司", "集团"), PLACES,
                                           PLACE_SUFFIXES, FEATURE_SUFFIXES, FACILITIES, ("新村", "社区", "街道"))
                       for x in group if x)


def _token_facts(w: str, p: str) -> int:
    if w[-1:] not in _FACT_ENDS and p not in PROPER_POS and p != "j" and not p.startswith("nr") \
            and not (len(w) == 1 and w in SURNAMES):
        full, short = gazetteer()
        if w not in full and w not in short:
            return 0
    f = 0
    if _org_word(w) is not None:
        f |= F_ORG
    if w in INDUSTRY_SUFFIXES:
        f |= F_INDUSTRY
    if w.endswith(COOP_HEADS):
        f |= F_COOP
    if w in ("公司", "集团"):
        f |= F_COMPANY
    if _place_word(w) is not None:
        f |= F_PLACE
    if (p in PROPER_POS or p == "j") and (2 <= len(w) <= 5 or p == "ns"):
        f |= F_PROPER
    if (p in ("ns", "nz", "nr") and _feature_word(w)) or (w in _FEATURE_SET and len(w) >= 2):
        f |= F_FEATURE
    full, short = gazetteer()
    if w in full:
        f |= F_GAZ_FULL | F_GAZ
    elif w in short and p != "v":
        f |= F_GAZ
    if w.endswith(FACILITIES):
        f |= F_FACILITY
    if w in ("新村", "社区", "街道"):
        f |= F_UNIT
    if (p.startswith("nr") and 2 <= len(w) <= 4 and (w[0] in SURNAMES or w[:2] in COMPOUND_SURNAMES)) \
            or (len(w) == 1 and w in SURNAMES):
        f |= F_SPEAKER
    return f


def _name_like(tok: tuple[int, int, str, str]) -> bool:
    s, e, w, p = tok
    if p not in NAME_POS or not HAN.search(w):
        return False
    if w[0] in FIRST_CHAR_STOP and not p.startswith("n" if p in PROPER_POS else "~"):
        return False
    return True


def _extend_left(tk: _Tokens, i: int, max_chars: int = 24) -> int:
    """Index of the first token of the name that ends with token ``i`` (going left over name-like
    tokens, across a short parenthesised place, and across a lone character between names)."""
    j = i
    first = tk.toks[i][0]
    while j > 0:
        prev = tk.toks[j - 1]
        if prev[2] in ADMIN_CHARS and prev[1] == first:
            j -= 1  # 县农业农村局, 沙湾|市|农业农村局: an administrative unit word
            first = prev[0]
            continue
        if prev[2] in (")", "）") and j >= 3:
            # (新疆)有限公司: skip a short bracketed name before the suffix
            k = j - 2
            while k >= 0 and tk.toks[k][2] not in ("(", "（") and first - tk.toks[k][0] <= 10:
                k -= 1
            if k >= 1 and tk.toks[k][2] in ("(", "（") and all(_name_like(t) for t in tk.toks[k + 1:j - 1]) \
                    and _name_like(tk.toks[k - 1]) and not tk.text[tk.toks[k - 1][0] - 1:tk.toks[k - 1][0]].isdigit() \
                    and not any(t[2] in _TITLE_SET or t[2] in ("记者", "通讯员", "实习生") for t in tk.toks[k + 1:j - 1]):
                j = k
                first = tk.toks[j][0]
                continue
            break
        if first - prev[0] > max_chars:
            break
        if prev[0] > 0 and tk.text[prev[0] - 1].isdigit():
            break  # 4月7日电: a token glued to a date is never part of a name
        if _name_like(prev):
            j -= 1
            first = prev[0]
            continue
        # 和 joining two fields of one body (文化和旅游局, 工业和信息化厅)
        if prev[2] == "和" and j >= 2 and _name_like(tk.toks[j - 2]) and tk.toks[j - 2][3] in ("n", "vn", "j", "nz") \
                and tk.toks[i][2].endswith(("局", "厅", "部", "委", "委员会", "办")):
            j -= 1
            first = prev[0]
            continue
        # a single character of another class between two name-like tokens (农牧|投|集团)
        if len(prev[2]) == 1 and HAN.match(prev[2]) and prev[3] in ("v", "vg", "a", "ag") and j >= 2 \
                and _name_like(tk.toks[j - 2]) and (tk.toks[j - 2][3] in PROPER_POS or tk.toks[j - 2][3] == "j"):
            j -= 1
            first = prev[0]
            continue
        break
    return j


# ---------------------------------------------------------------------------
# Finders: each returns Entity candidates with offsets into the text
# ---------------------------------------------------------------------------

def find_documents(text: str) -> list[Entity]:
    return [Entity(m.start(), m.end(), m.group(), "document", m.group(), source="pattern")
            for m in DOC.finditer(text)]


LOCAL_BODY = re.compile(r"(?:园区|村)(?P<field>[\u4e00-\u9fff]{0,8}?)(?:党委|党支部|管委会|委员会|局|中心|办公室)"
                        r"(?![\u4e00-\u9fff]{0,1}(?:部|局|中心))")
DIVISION_STOP = set("的地得在与及是了等个各该这那每我他她们其从到为把被让向对将也都已还又有并或而所")
DIVISION_PARENTS = ("部", "厅", "局", "委", "委员会", "分行", "银行", "总署", "署", "集团", "支行")
DIVISION = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}?)(?P<head>司|处|科|分行|支行|业务部|调查队|办公室|研究所|中心)"
                      r"(?![\u4e00-\u9fff]{0,1}(?:司|处|科|部))")


def find_orgs(text: str, tk: _Tokens) -> list[Entity]:
    out = []
    all_toks = tk.toks
    for i in tk.having(F_ORG):
        s, e, w, p = all_toks[i]
        # a suffix, or a suffix glued to a title by jieba (医院院长): the organisation ends before the title
        found = _org_word(w)
        if found is None:
            continue
        suffix, head = found
        if len(head) < len(w):
            w, e = head, s + len(head)
        if w != suffix and p not in ("n", "nt", "nz", "j", "ns") :
            continue
        if w in NOT_ORGS:
            continue
        if len(w) == 1 and s > 0 and _freq(text[s - 1:e]) > 500:
            continue          # 部署, 公司: the suffix character ends a common word with the one before it
        if w == "委" and i + 1 < len(tk.toks) and tk.toks[i + 1][2][:1] in ("托", "员", "屈"):
            continue
        j = _extend_left(tk, i)
        name_toks = tk.toks[j:i]
        stand = w in STANDALONE_ORGS or (p == "nt" and len(w) > len(suffix))
        proper = any(t[3] in PROPER_POS or _is_place_token(t) for t in name_toks)
        # a body named by its level (市|地铁|集团, 县委, 省政府): the level character starts it
        first_word = name_toks[0][2] if name_toks else w
        if first_word[:1] in LEVEL_CHARS and (len(first_word) == 1 or first_word[1:] in _ORG_SUFFIX_SET):
            proper = stand = True
        if not (proper or stand):
            continue
        if not name_toks and not stand:
            continue
        # drop generic leading modifiers (县级医院 is not a name)
        start = tk.toks[j][0]
        surface = text[start:e]
        if surface in GENERIC_MODIFIERS or surface in MEDIA or surface in NATIONAL_BODIES:
            continue  # lexicon names come from the lexicon (source dict)
        out.append(Entity(start, e, surface, "org", surface, source="pattern"))
    # short company names: name + industry word (斯威克电子, 江北纸业)
    for i in tk.having(F_INDUSTRY):
        s, e, w, p = all_toks[i]
        if w not in INDUSTRY_SUFFIXES or i == 0:
            continue
        j = i
        rare = False
        while j > 0 and s - tk.toks[j - 1][0] <= 4:
            prev = tk.toks[j - 1]
            if prev[3] in PROPER_POS or prev[3] in ("b", "j"):
                j -= 1
            elif prev[3] in ("n", "nz", "v") and HAN.match(prev[2]) and len(prev[2]) >= 2 and _freq(prev[2]) < RARE:
                j -= 1  # a rare word (金风, 天业): more likely a brand than a common noun
                rare = True
            else:
                break
        if j == i:
            continue
        name = text[tk.toks[j][0]:s]
        if name in GENERIC_MODIFIERS or any(t[2] in GENERIC_MODIFIERS for t in tk.toks[j:i]):
            continue
        before = text[tk.toks[j][0] - 1] if tk.toks[j][0] > 0 else "\n"
        if before not in PUNCT and (rare or tk.toks[j - 1][3] not in ("v", "p", "c", "uj", "ul")):
            continue
        out.append(Entity(tk.toks[j][0], e, text[tk.toks[j][0]:e], "org", text[tk.toks[j][0]:e], source="pattern"))
    # a quoted name before a body's head: “果乡红”公司, “青禾”合作社
    for m in QUOTED_ORG.finditer(text):
        out.append(Entity(m.start(), m.end(), m.group(), "org", m.group(), source="pattern"))
    full_places = gazetteer()[0]
    # cooperatives and family farms: every word back to the clause's start belongs to the name
    # (同心县圆枣肉牛养殖专业合作社: a verb like 养殖 inside the name, a 同 that is no preposition)
    for i in tk.having(F_COOP):
        s_, e_, w, p = all_toks[i]
        if not w.endswith(COOP_HEADS):
            continue
        j = i
        while j > 0 and s_ - tk.toks[j - 1][0] <= 22:
            prev = tk.toks[j - 1]
            if not HAN.fullmatch(prev[2][:1]) or prev[2] in COOP_STOP or (len(prev[2]) == 1 and prev[3] in ("v", "p", "c", "u", "uj", "d", "r")) \
                    or prev[3] in ("p", "c", "uj", "ul", "r", "m", "q", "x", "t", "d", "a", "ad") \
                    or (prev[3].startswith("v") and prev[2] not in COOP_TRADES) or prev[2] in GENERIC_MODIFIERS:
                break
            j -= 1
        run = tk.toks[j:i + 1]
        proper = any(t[3] in PROPER_POS or t[2] in full_places for t in run[:-1]) or \
            any(t[3] in ("nz", "nr", "ns", "nrt") for t in run)
        if (j < i or len(w) > 4) and proper:
            start = tk.toks[j][0]
            while start < e_ and text[start] in FIRST_CHAR_STOP:
                start += 1
            # 改造|成|同心县…合作社: a one-character word glued before the place that starts the name
            if j < i and len(tk.toks[j][2]) == 1 and tk.toks[j + 1][2] in full_places:
                start = tk.toks[j + 1][0]
            if e_ - start >= 5:
                out.append(Entity(start, e_, text[start:e_], "org", text[start:e_], source="pattern"))
    # a body of the park or the village, named by that word (园区科技创新局, 村党委)
    for m in LOCAL_BODY.finditer(text):
        s_ = m.start()
        i = tk.at(s_)
        if i < 0 or tk.toks[i][0] != s_ or any(c in CHAIN_STOP for c in m.group("field")):
            continue
        if i > 0 and tk.toks[i - 1][1] == s_ and tk.toks[i - 1][3] not in ("p", "c", "x", "v", "uj", "t", "m"):
            continue
        out.append(Entity(s_, m.end(), m.group(), "org", m.group(), source="pattern"))
    # a division of a body written right after it (交通运输部|运输服务司, 省商务厅|市场运行处,
    # 某银行|泉州分行|国际业务部): each division is an organisation of its own
    found = sorted({(x.start, x.end) for x in out}, key=lambda se: se[1])
    by_end: dict[int, int] = {}
    for a, b in found:
        by_end.setdefault(b, a)
    lexicon_orgs = _occurrences(text, _LEXICON_ORGS)      # read twice below
    for ms, me, w in lexicon_orgs:
        by_end.setdefault(me, ms)
    todo = sorted(by_end.items())
    seen = set()
    while todo:
        b, a = todo.pop()
        if b in seen or not text[a:b].endswith(DIVISION_PARENTS):
            continue
        seen.add(b)
        m = DIVISION.match(text, b)
        if m is None:
            continue
        name = m.group("name")
        if any(c in DIVISION_STOP for c in name) or ("和" in name and m.group("head") != "司") or name.startswith("和"):
            continue
        j0, j1 = tk.at(b), tk.by_end.get(m.end())
        if j0 < 0 or j1 is None or tk.toks[j0][0] != b:
            continue
        toks = tk.toks[j0:j1 + 1]
        verbs = sum(1 for t in toks if t[3].startswith("v") and t[3] != "vn")
        if any(t[3] in ("p", "uj", "d", "r", "m", "q", "t", "x") for t in toks) or verbs > (2 if len(name) <= 4 else 1):
            continue          # 财政部安排资金支持建设中心: a clause, not a division
        out.append(Entity(a, m.end(), text[a:m.end()], "org", text[a:m.end()], source="pattern"))
        todo.append((m.end(), a))
    for m in (COUNT_BODIES.finditer(text) if COUNT_BODY_PAIR.search(text) else ()):
        out.append(Entity(m.start(), m.end(), m.group(), "org", m.group(), source="pattern"))
    for ms, me, w in lexicon_orgs:
        if tk.aligned(ms, me) or _lexicon_fits(text, tk, ms, me):
            out.append(Entity(ms, me, w, "org", w, source="dict"))
    # the short form of a company named in full: its brand and 公司 (启航公司 for 某市某区启航智能装备
    # 有限公司), and a rare two-character brand before 公司 after a boundary (，恒泰公司按…)
    places_full, places_short = gazetteer()
    brands = set()
    for x in out:
        if x.surface.endswith(("公司", "集团")) and len(x.surface) >= 6:
            rest = x.surface
            while True:
                for k in range(min(len(rest) - 2, 8), 1, -1):
                    if rest[:k] in places_full or rest[:k] in places_short or rest[:k] in PLACES:
                        rest = rest[k:]
                        break
                else:
                    break
            if len(rest) >= 5 and all(HAN.match(c) for c in rest[:2]):
                brands.add(rest[:2])
    for i in tk.having(F_COMPANY):
        s_, e_, w, p = all_toks[i]
        if w not in ("公司", "集团") or i == 0:
            continue
        prev = tk.toks[i - 1]
        if prev[1] != s_ or len(prev[2]) != 2 or not all(HAN.match(c) for c in prev[2]):
            continue
        a = prev[0]
        boundary = a == 0 or text[a - 1] in PUNCT or text[a - 1].isspace() or \
            (i >= 2 and tk.toks[i - 2][3] in ("uj", "p", "c", "v"))
        if prev[2] in brands or (boundary and prev[2] not in GENERIC_MODIFIERS and prev[2][0] not in FIRST_CHAR_STOP
                                 and (prev[3] in ("nz", "nr", "nrt", "nt") or _freq(prev[2]) < RARE)):
            out.append(Entity(a, e_, text[a:e_], "org", text[a:e_], source="pattern"))
    # 养老服务处处长: the body is 养老服务处, its head the 处长 after it (the suffix written twice)
    for k, x in enumerate(out):
        c = x.surface[-1:]
        if len(x.surface) >= 4 and x.surface[-2:-1] == c and text.startswith("长", x.end) \
                and c + "长" in _TITLE_SET and _ORG_SUFFIX(x.surface[:-1]) is not None:
            out[k] = Entity(x.start, x.end - 1, x.surface[:-1], "org", x.surface[:-1], source=x.source)
    # a name never runs across a line break or a space: keep the pieces that are bodies
    kept = []
    for x in out:
        if not any(c.isspace() for c in x.surface):
            kept.append(x)
            continue
        for m in re.finditer(r"\S+", x.surface):
            piece = m.group()
            if len(piece) >= 3 and _ORG_SUFFIX(piece, True) is not None:
                a = x.start + m.start()
                kept.append(Entity(a, a + len(piece), piece, "org", piece, source=x.source))
    return kept


RARE = 100  # jieba dictionary frequency under which a noun reads as a brand name


def _freq(word: str) -> int:
    return words.tokenizer().tokenizer.FREQ.get(word) or 0


def _lexicon_fits(text: str, tk: _Tokens, s: int, e: int) -> bool:
    """A lexicon word that jieba glued to a neighbour still counts if it starts a token and the
    glued rest is a place or a number (新华社北京 -> 新华社 | 北京)."""
    i = tk.at(s)
    if i < 0 or tk.toks[i][0] != s:
        return False
    return e in tk.by_end or e in tk.by_start


def _is_place_token(tok) -> bool:
    s, e, w, p = tok
    if w in PLACES or w in ADMIN_REFS:
        return True
    if w in NOT_PLACES or w[0] in FIRST_CHAR_STOP or not HAN.match(w):
        return False
    if p == "ns":
        return _PLACE_SUFFIX(w, True) is not None
    return False


def find_places(text: str, tk: _Tokens) -> list[Entity]:
    out = []
    n = len(tk.toks)
    toks = tk.toks
    for i in tk.having(F_PLACE):
        s, e, w, p = toks[i]
        suffix = _place_word(w)
        if suffix is None:
            continue
        start, end = s, e
        if suffix:      # not a lexicon place
            if not (p in PROPER_POS or p == "j") and not (p in PLACE_NAME_POS and len(w) <= 4 and w[:-len(suffix)] in PLACES):
                continue
            # 大|丰镇: a one-character name split off by jieba
            if len(w) - len(suffix) == 1 and suffix in ("镇", "乡", "村", "县", "市") and i > 0:
                prev = tk.toks[i - 1]
                if len(prev[2]) <= 3 and prev[1] == s and prev[3] in ("n", "ng", "a", "nr", "ns", "nz") and HAN.match(prev[2]) \
                        and prev[2] not in NOT_PLACES and prev[2][0] not in FIRST_CHAR_STOP:
                    start = prev[0]
        # level words: 县级, 自治区级
        if e < len(text) and text[e] == "级":
            continue
        if i + 1 < n and tk.toks[i + 1][2] in ("地区", "自治州", "自治县", "新区") and tk.toks[i + 1][0] == e:
            end = tk.toks[i + 1][1]
        surface = text[start:end]
        out.append(Entity(start, end, surface, "place", surface, source="dict" if w in PLACES else "pattern"))
    for i in tk.having(F_PROPER):
        s, e, w, p = toks[i]
        # a name token and a one-character administrative suffix cut apart by jieba (伊州|区, 二堡|镇)
        if i + 1 < n and (p in PROPER_POS or p == "j") and 2 <= len(w) <= 5 and HAN.match(w) and w not in NOT_PLACES \
                and not (w[0] in FIRST_CHAR_STOP and not p.startswith(("nr", "ns"))):
            nxt = tk.toks[i + 1]
            if nxt[2] in SINGLE_SUFFIX and nxt[0] == e and not text[nxt[1]:nxt[1] + 1] == "级":
                out.append(Entity(s, nxt[1], text[s:nxt[1]], "place", text[s:nxt[1]], source="pattern"))
        # a lexicon place glued to a geographic word (中亚国家 -> 中亚)
        if p == "ns" and w not in PLACES:
            for tail in PLACE_TAILS:
                if w.endswith(tail) and w[:-len(tail)] in PLACES:
                    out.append(Entity(s, s + len(w) - len(tail), w[:-len(tail)], "place", w[:-len(tail)], source="dict"))
    # natural features and landmarks: 云龙湖 (one token tagged a place), 大房郢|水库, 潘安湖|湿地公园
    for i in tk.having(F_FEATURE):
        s_, e_, w, p = toks[i]
        if p in ("ns", "nz", "nr") and _feature_word(w):
            out.append(Entity(s_, e_, w, "place", w, source="pattern"))
            continue
        if w in _FEATURE_SET and len(w) >= 2 and i > 0:
            prev = tk.toks[i - 1]
            if prev[1] == s_ and prev[3] in ("ns", "nz", "nr", "nrt", "j") and HAN.match(prev[2]) and 2 <= len(prev[2]) <= 5 \
                    and prev[2][0] not in FIRST_CHAR_STOP and prev[2] not in NOT_PLACES and not prev[2].endswith("建"):
                out.append(Entity(prev[0], e_, text[prev[0]:e_], "place", text[prev[0]:e_], source="pattern"))
    # a protected area or scenic area named after its feature and place: 张掖黑河湿地国家级自然保护区
    ends = {}
    for x in out:
        ends.setdefault(x.end, x)
    full_, short_ = gazetteer()
    for m in _finditer(RESERVE, text):
        x = ends.get(m.start())
        if x is None:
            continue
        start = x.start
        for k in range(2, 6):
            head = text[start - k:start]
            if start - k >= 0 and (head in short_ or head in full_ or head in PLACES):
                start -= k
                break
        out.append(Entity(start, m.end(), text[start:m.end()], "place", text[start:m.end()], source="pattern"))
    # the gazetteer (cpca's divisions): a token that is a division's full name, or its short form
    # tagged a place by jieba or standing alone between punctuation
    full, short = gazetteer()
    written = {toks[i][2] for i in tk.having(F_GAZ_FULL)}
    for i in tk.having(F_GAZ):
        s_, e_, w, p = toks[i]
        # a short form counts between punctuation, before 等/籍/一带 …, or when the text also writes the full name
        if w in full or (w in short and p != "v" and (
                any(w + suf in written for suf in ("市", "县", "区", "省", "地区", "州")) or (_freq(w) < 800 and (
                _alone(text, s_, e_) or text.startswith(SHORT_PLACE_AFTER, e_))))):
            if not text.startswith(("级",) + tuple(ORG_WORDS_AFTER_PLACE), e_):
                out.append(Entity(s_, e_, w, "place", w, source="dict"))
    # datelines: 新华社乌鲁木齐5月6日电
    for m in DATELINE.finditer(text):
        out.append(Entity(m.start("place"), m.end("place"), m.group("place"), "place", m.group("place"), source="pattern"))
    # a place and the community or village inside it (江北区|青柳|新村)
    ends = {x.end for x in out}
    for k in tk.having(F_UNIT):      # the third token is 新村, 社区 or 街道
        i = k - 2
        if i < 0:
            continue
        s, e, w, p = toks[i]
        t1, t2 = toks[i + 1], toks[k]
        if e in ends and t1[0] == e and t2[0] == t1[1] and t2[2] in ("新村", "社区", "街道") \
                and len(t1[2]) >= 2 and _name_like(t1) and all(HAN.match(c) for c in t1[2]):
            out.append(Entity(t1[0], t2[1], text[t1[0]:t2[1]], "place", text[t1[0]:t2[1]], source="pattern"))
    # a port, airport or station of a place (珠海|公路口岸)
    ends = {x.end: x for x in out}
    for i in tk.having(F_FACILITY):
        s, e, w, p = toks[i]
        if s in ends and w.endswith(FACILITIES):
            out.append(Entity(ends[s].start, e, text[ends[s].start:e], "place", text[ends[s].start:e], source="pattern"))
    out = _place_chains(text, tk, out)
    out += _feature_lists(text, tk)
    # the short name of a place the text also names in full (南溪 for 南溪市): a token, or the
    # start of a token right after a boundary (a headline's first word, which jieba may cut badly)
    stems = set()
    for x in out:      # (one character ends a surface: one endswith of them all, not one per suffix)
        if x.surface.endswith(("市", "县", "州", "区", "省", "盟")) and len(x.surface) >= 3 \
                and x.surface[:-1] not in NOT_PLACES:
            stems.add(x.surface[:-1])
    for s, e, stem in _occurrences(text, stems):
        if s not in tk.by_start or text.startswith(("级",) + tuple(PLACE_SUFFIXES), e):
            continue
        if e in tk.by_end or s == 0 or text[s - 1] in PUNCT or text[s - 1].isspace():
            out.append(Entity(s, e, stem, "place", stem, source="dict"))
    # lexicon words jieba glued to a neighbour (新华社北京 | 北京东方): only when the neighbour is a
    # number or an organisation word, never a name continuation
    # never a name that starts with the level word of the place before it (文昌|区凤鸣街道) or ends
    # in two level words (宁远县镇村两级: the levels, not a village)
    return [x for x in out if not (x.surface[:1] in LEVEL_CHARS and x.start > 0 and HAN.match(text[x.start - 1])
                                   and x.surface not in PLACES)
            and not (len(x.surface) >= 3 and x.surface[-2:] in ("镇村", "乡村", "乡镇", "村镇", "县区", "区县", "市县", "县市"))]


# A chain of places written from the larger to the smaller (同心县预旺镇南塬村, 在X街道Y社区): each
# unit after a place, or after a cue word of location, is a name and a level word of its own.
CHAIN_LEVELS = ("街道", "社区", "镇", "乡", "村", "县", "区")
CHAIN_STOP = set("的地得在和与及是了等个各该这那每我他她们其从到为把被让向对将也都已还又有就并或而所全本至往经自"
                 "省市县区乡镇")
FEATURE_STOP = CHAIN_STOP - set("省市县区州乡镇")
CHAIN_CUE = re.compile(r"(?:在|走进|来到|位于|家住|地处|前往|落户)")
_LEVEL_ORDER = {"省": 0, "自治区": 0, "市": 1, "州": 1, "盟": 1, "地区": 1, "县": 2, "区": 2, "旗": 2,
                "镇": 3, "乡": 3, "街道": 3, "社区": 4, "村": 4}


_LEVELS_LONGEST_FIRST = sorted(_LEVEL_ORDER, key=len, reverse=True)


@functools.lru_cache(maxsize=1 << 14)   # pure; asked twice per place and again per unit of a chain
def _level(surface: str) -> int | None:
    for suf in _LEVELS_LONGEST_FIRST:
        if surface.endswith(suf) and len(surface) > len(suf) and not (suf == "州" and len(surface) == 2):
            return _LEVEL_ORDER[suf]
    return None


_CHAIN_FIRSTS = frozenset(suf[0] for suf in CHAIN_LEVELS)
_CHAIN_FIRST = re.compile("[" + "".join(sorted(_CHAIN_FIRSTS)) + "]")


def _chain_unit(text: str, pos: int, below: int, strict: bool = True) -> tuple[int, int] | None:
    """A place unit starting at ``pos`` (a name of 2-5 characters and a level word lower than
    ``below``): the longest level word first (团结新村|社区, not 团结新|村), then the shortest name."""
    if _CHAIN_FIRST.search(text, pos + 2, pos + 6) is None:
        return None         # no level word starts after a name of 2-5 characters
    best = None
    n = len(text)
    for k in range(2, 6):
        # the name text[pos:pos + k]: Han characters, none a stop (the first k - 1 checked at k - 1)
        if pos + k > n or not all("\u4e00" <= c <= "\u9fff" and c not in CHAIN_STOP
                                  for c in text[pos + k - 2 if k == 2 else pos + k - 1:pos + k]):
            break
        if text[pos + k:pos + k + 1] not in _CHAIN_FIRSTS:
            continue        # no level word starts after it
        for suf in CHAIN_LEVELS:
            if text.startswith(suf, pos + k) and _LEVEL_ORDER[suf] > below:
                if best is None or len(suf) > best[1]:
                    best = (pos + k + len(suf), len(suf))
    if best is None:
        return None
    end = best[0]
    name = text[pos:end - best[1]]
    if (strict and _freq(name) > 300) or text[pos:end] in NOT_PLACES or name in NOT_PLACES:
        return None       # 农村社区, 城市社区: a kind of place, not a name
    return pos, end


def _place_chains(text: str, tk: _Tokens, out: list[Entity]) -> list[Entity]:
    extra, bad = [], set()
    todo = [(x.end, _level(x.surface), x) for x in out if x.type == "place" and _level(x.surface) is not None]
    for m in CHAIN_CUE.finditer(text):
        if m.start() == 0 or not HAN.match(text[m.start() - 1]) or m.start() in tk.by_start:
            todo.append((m.end(), -1, None))
    seen = set()
    while todo:
        e, lev, x = todo.pop()
        if (e, lev) in seen or e >= len(text):
            continue
        seen.add((e, lev))
        # 旧县|镇谷咀村: the level word of the next unit glued to the place by jieba
        if x is not None and lev == 2 and text[e] in "镇乡" and text[e + 1:e + 2] not in ("村", "级", "镇", "乡", "") \
                and HAN.match(text[e + 1]):
            bad.add(e)
            extra.append(Entity(x.start, e + 1, text[x.start:e + 1], "place", text[x.start:e + 1], source="pattern"))
            todo.append((e + 1, 3, None))
            continue
        unit = _chain_unit(text, e, lev)
        if unit is None:
            # a common word is a name too when a smaller unit follows it (文昌区凤鸣街道)
            unit = _chain_unit(text, e, lev, strict=False)
            if unit is None or _chain_unit(text, unit[1], _level(text[unit[0]:unit[1]])) is None:
                continue
        a, b = unit
        if x is None and lev == -1 and not text.startswith(("街道", "社区"), b - 2):
            # after a cue word alone, only a street or community, or a unit another unit follows
            if _chain_unit(text, b, _level(text[a:b])) is None:
                continue
        extra.append(Entity(a, b, text[a:b], "place", text[a:b], source="pattern"))
        todo.append((b, _level(text[a:b]), None))
    return [x for x in out if x.start not in bad] + extra


# Natural features and landmarks listed together (南淝河、十五里河、派河三条河流; 西太湖和滆湖之间)
# Tried only where a run of Han characters begins (the lookbehind): a match never starts inside a
# run (had the run's start failed, every later start in it fails too) and always ends where one
# ends, so the matches are those without it; with it, a long run holding no 、/和 is scanned once,
# not once per character (quadratic on a page of one long unpunctuated line).
FEATURE_LIST = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:[、和][\u4e00-\u9fff]+)+")
LIST_FEATURES = ("水库", "湿地", "湿地公园", "森林公园", "公园", "景区", "古镇", "古城", "遗址", "河", "江", "湖", "山",
                 "岛", "湾", "峡", "泉", "塘", "溪")
_LIST_FEATURE = _suffix_finder(LIST_FEATURES)
LIST_END = re.compile(r"(?:等|之间|两岸|沿线|沿岸|一带|周边|[两三四五六七八九十几多]|$)")


# the last characters of the feature words: a list holds two features only if two of its
# characters are among them (each feature's span ends on one, and the spans do not overlap)
_LIST_FEATURE_ENDS = re.compile("[" + "".join(sorted({x[-1] for x in LIST_FEATURES})) + "]")
# a list gives places only with two features, one of them an item before a separator, whose span
# ends the item: such a character right before 、 or 和 (a story without one is not scanned for lists)
_FEATURE_BEFORE_SEP = re.compile("[" + "".join(sorted({x[-1] for x in LIST_FEATURES})) + "][、和]")


def _feature_lists(text: str, tk: _Tokens) -> list[Entity]:
    out = []
    if _FEATURE_BEFORE_SEP.search(text) is None:
        return out
    ends = _LIST_FEATURE_ENDS
    for m in FEATURE_LIST.finditer(text):
        k = ends.search(text, m.start(), m.end())
        if k is None or ends.search(text, k.end(), m.end()) is None:
            continue          # fewer than two characters that may end a feature: no list of features
        pieces, pos = [], m.start()
        for piece in re.split(r"([、和])", m.group()):
            if piece in ("、", "和"):
                pos += 1
                continue
            pieces.append((pos, pos + len(piece)))
            pos += len(piece)
        spans = []
        for k, (a, b) in enumerate(pieces):
            if k == 0:
                # the first item: the longest run of name-like tokens ending the piece
                span = None
                i = tk.by_end.get(b)
                if i is None:
                    spans.append(None)
                    continue
                j = i
                while j >= 0 and tk.toks[j][0] >= a and b - tk.toks[j][0] <= 7 \
                        and (tk.toks[j][3] not in ("v", "p", "s", "c", "uj", "d", "r", "f", "vn", "t")
                             or tk.toks[j][2] in ("东", "西", "南", "北")):
                    span = (tk.toks[j][0], b)
                    j -= 1
                spans.append(span)
            elif k == len(pieces) - 1:
                span = None
                for c in range(a + 2, min(b, a + 8) + 1):
                    if _LIST_FEATURE(text[a:c], True) and LIST_END.match(text, c) and c - a <= 7:
                        span = (a, c)
                        break
                if span is None and b - a <= 4:
                    span = (a, b)
                spans.append(span)
            else:
                spans.append((a, b) if b - a <= 7 else None)
        feats = [sp for sp in spans if sp and _LIST_FEATURE(text[sp[0]:sp[1]], True)
                 and all(c not in FEATURE_STOP for c in text[sp[0]:sp[1]])]
        if len(feats) < 2 or text.startswith(("等人", "同志", "等同志"), m.end()):
            continue          # 张山、李江等人: people
        for sp in spans:
            if sp is None:
                continue
            w = text[sp[0]:sp[1]]
            if any(c in FEATURE_STOP or not HAN.match(c) for c in w) or w in NOT_PLACES or w in _FEATURE_SET:
                continue
            if sp in feats or (2 <= len(w) <= 4 and _freq(w) < 300):
                out.append(Entity(sp[0], sp[1], w, "place", w, source="pattern"))
    return out


def _trim_name(text: str, start: int, end: int) -> int:
    """End of a name with · that a greedy match ran on into the sentence (X·Y说 -> X·Y)."""
    dot = text.rfind("·", start, end)
    for k in range(dot + 2, end):
        if text.startswith(NAME_END, k):
            if k + 1 < end and text[k] in NOT_NAME_CHARS and text.startswith(SPEECH_VERBS, k + 1):
                continue      # 买买提江·阿不都说: 都 ends the name, 说 follows it
            return k
    return end


def _name_after(text: str, tk: _Tokens, pos: int) -> tuple[int, int] | None:
    """A person's name starting at ``pos`` (surname + 1-2 characters, or a name with ·)."""
    m = MINORITY_NAME.match(text, pos)
    if m:
        return m.start(), _trim_name(text, m.start(), m.end())
    i = tk.at(pos)
    if i >= 0 and tk.toks[i][0] == pos:
        w, p = tk.toks[i][2], tk.toks[i][3]
        if p.startswith("nr") and 2 <= len(w) <= 4 and (w[0] in SURNAMES or w[:2] in COMPOUND_SURNAMES) \
                and w not in COMPOUND_SURNAMES:
            end = pos + len(w)
            sur = 2 if w[:2] in COMPOUND_SURNAMES else 1
            # a three-character name jieba cut after two (韩梓|峰说, 欧阳明|辉): one more character
            # when a name boundary (a verb of speech, punctuation, 等 …) follows it
            if len(w) - sur == 1 or (sur == 2 and len(w) == 3):
                lone = i + 1 < len(tk.toks) and tk.toks[i + 1][0] == end and tk.toks[i + 1][1] == end + 1 \
                    and tk.toks[i + 1][3] in ("a", "ag", "ng", "n", "nr", "vg", "zg")
                if end + 1 <= len(text) and HAN.match(text[end:end + 1]) and text[end] not in NOT_NAME_CHARS \
                        and text[end] not in NAME_STOP_CHARS \
                        and (end + 1 == len(text) or text[end + 1] in PUNCT or text.startswith(NAME_END, end + 1) or lone):
                    end += 1  # 李成|旺|算了: a lone character jieba left after the name ends it
            elif len(w) == 3 and i + 1 < len(tk.toks) and tk.toks[i + 1][0] == end \
                    and tk.toks[i + 1][3].startswith("nr") and 2 <= len(tk.toks[i + 1][2]) <= 4 \
                    and all(HAN.match(c) for c in tk.toks[i + 1][2]):
                end = tk.toks[i + 1][1]  # 阿依夏|木古丽: a long name jieba cut into two name tokens
            return pos, end
        if len(w) >= 2 and not p.startswith("nr") and p not in ("x",) and w[0] in SURNAMES \
                and w not in COMPOUND_SURNAMES:
            # a dictionary word (高度, 王牌) unless jieba split the name itself (or read a whole
            # three-character name as another kind of noun before a verb of speech: 郑书航/nt 介绍)
            if not (len(w) in (2, 3) and i + 1 < len(tk.toks) and tk.toks[i + 1][2].startswith(tuple(FOLLOW_WORDS))
                    and (len(w) == 2 or p in ("nt", "nz", "ns", "n"))):
                # 方志|远|说: a word and a lone character before a verb of speech are a three-character name
                if len(w) == 2 and i + 2 < len(tk.toks) and tk.toks[i + 1][1] - tk.toks[i + 1][0] == 1 \
                        and tk.toks[i + 1][3] in ("a", "ag", "ng", "n", "nr", "vg", "zg") \
                        and HAN.match(tk.toks[i + 1][2]) and tk.toks[i + 1][2] not in NOT_NAME_CHARS \
                        and tk.toks[i + 2][2].startswith(tuple(SPEECH_VERBS)):
                    return pos, pos + 3
                return None
    sur = 2 if text[pos:pos + 2] in COMPOUND_SURNAMES else 1
    if sur == 1 and text[pos:pos + 1] not in SURNAMES:
        return None
    given = text[pos + sur:pos + sur + 2]
    if not given or not all(HAN.match(c) for c in given[:1]):
        return None
    n = 2 if len(given) == 2 and HAN.match(given[1]) else 1
    if n == 2 and text[pos + sur + 1:].startswith(tuple(FOLLOW_WORDS)):
        n = 1
    end = pos + sur + n
    if n == 2 and end < len(text) and HAN.match(text[end]) and end not in tk.by_end and tk.toks \
            and not text.startswith(tuple(FOLLOW_WORDS), end):
        return None       # 阿依夏|木古丽: three characters cut out of a longer name
    if end < len(text) and HAN.match(text[end]) and not text[end:].startswith(tuple(FOLLOW_WORDS)):
        # the name runs on into unknown characters: not a clean name boundary
        if n == 1:
            return None
    return pos, end


def _trie_pattern(words_: Iterable[str]) -> str:
    """A regex matching the longest of ``words_`` that starts where it is tried (what the
    alternation of the words longest first matches), written as a trie: at each character one
    branch per next character, the shorter word as the branch's optional end (greedy, so the
    longer is tried first).  sre tries the alternatives of a flat alternation one by one at every
    position whose character starts a word; the trie tries one branch per character."""
    trie: dict = {}
    for w in words_:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pat(node: dict) -> str:
        alts = [re.escape(ch) + pat(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body
    return pat(trie)


@functools.lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    """The titles: at each position the longest title written there (TITLES is longest first)."""
    return re.compile(_trie_pattern(TITLES))


def find_people_with_titles(text: str, tk: _Tokens, orgs: list[Entity]) -> list[Entity]:
    out = []
    org_by_end = {}
    for o in orgs:
        org_by_end.setdefault(o.end, o)
    for m in _title_re().finditer(text):
        ts, te = m.start(), m.end()
        while True:  # chained titles: 主任医师, 副局长兼总经理 are one role
            # the first title of TITLES written at te: the alternation tries them in that order
            nxt = _title_re().match(text, te)
            if nxt is None:
                break
            te = nxt.end()
        # the title must end a jieba token or be followed by the name directly
        span = _name_after(text, tk, te)
        if span is None:
            continue
        ns, ne = span
        # modifiers between a preceding organisation and the title (生产副总经理, 农机购置补贴项目负责人)
        org = None
        role_start = ts
        for back in range(0, 13):
            o = org_by_end.get(ts - back)
            if o is not None and all(c not in PUNCT for c in text[o.end:ts]):
                org, role_start = o, o.end
                break
        if org is None:
            # take noun modifiers written right before the title (项目负责人), at most one token
            i = tk.at(ts)
            if i > 0 and tk.toks[i][0] == ts and tk.toks[i - 1][3] in ("n", "vn") and tk.toks[i - 1][1] == ts \
                    and len(tk.toks[i - 1][2]) <= 4 and tk.toks[i - 1][2] not in ("记者", "本报记者") \
                    and tk.toks[i - 1][2][-1] not in ADMIN_CHARS:  # 集镇|种粮大户: a place says where, not what
                role_start = tk.toks[i - 1][0]
        role = text[role_start:te]
        name = text[ns:ne]
        out.append(Entity(ns, ne, name, "person", name, role=role,
                          org=org.canonical if org else None, source="title"))
    return out


def find_people_speaking(text: str, tk: _Tokens) -> list[Entity]:
    """People named without a title: a name jieba tags as a person name, or a surname with an
    appellation (陈阿姨), right before a verb of speech (X说, X表示, X介绍), after a boundary."""
    out = []
    toks = tk.toks
    n = len(toks)
    for i in tk.having(F_SPEAKER):
        if i >= n - 1:
            break
        s, e, w, p = toks[i]
        if p.startswith("nr") and 2 <= len(w) <= 4 and (w[0] in SURNAMES or w[:2] in COMPOUND_SURNAMES):
            nxt = toks[i + 1][2]
            end = e
        elif len(w) == 1 and w in SURNAMES and i + 2 < n and toks[i + 1][2] in APPELLATIONS:
            end = toks[i + 1][1]
            nxt = toks[i + 2][2]
        else:
            continue
        if not nxt.startswith(SPEECH_VERBS):
            continue
        before = text[s - 1] if s > 0 else "\n"
        prev = tk.toks[i - 1] if i > 0 else None
        if not (before in PUNCT or before.isspace() or (prev is not None and prev[3] in ("n", "vn", "ns", "nt", "f", "t"))):
            continue
        out.append(Entity(s, end, text[s:end], "person", text[s:end], source="pattern"))
    return out


NAME_ITEM = r"(?:{c}[\u4e00-\u9fff]{{1,2}}|[{s}][\u4e00-\u9fff]{{1,2}})".format(
    c="|".join(COMPOUND_SURNAMES), s="".join(sorted(SURNAMES)))
NAME_LIST = re.compile(rf"(?<![\u4e00-\u9fff])({NAME_ITEM}(?:、{NAME_ITEM}){{1,12}})(?=等|[，。；、）)]|和)")
CALLED = re.compile(r"(?:名叫|名字叫|叫做|都叫他|都叫她|叫他|叫她|人称|称他|称她|人们叫他|人们叫她)"
                    r"(?P<n>[老小][{s}]|{c}[\u4e00-\u9fff]{{1,2}}|[{s}][\u4e00-\u9fff]{{1,2}})(?=[，。；！？、”\s的]|$)".format(
                        s="".join(sorted(SURNAMES)), c="|".join(COMPOUND_SURNAMES)))
OLD_YOUNG = re.compile(r"(?<![\u4e00-\u9fff])(?P<n>[老小][{s}])(?=说|表示|介绍|笑着|告诉|坦言|感慨|[，。！？”])".format(
    s="".join(sorted(SURNAMES))))


# a name after a sentence boundary or a closing quote and before a verb of speech (”许某某说。)
SPOKEN = re.compile(r"(?:(?<=[”。，！？；：\s])|^)(?P<n>(?:{c})[\u4e00-\u9fff]{{1,2}}|[{s}][\u4e00-\u9fff]{{1,2}})"
                    r"(?=笑着说|说|表示|介绍|告诉|坦言|感慨)".format(s="".join(sorted(SURNAMES)), c="|".join(COMPOUND_SURNAMES)))
AGED = re.compile(r"(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})岁的")
# SPOKEN with the character before the name consumed instead of looked behind at: a first
# character class of a few punctuation marks, which sre scans fast (a pattern starting with a
# lookbehind is tried at every position); see _after_boundary
_SPOKEN_AFTER = re.compile(SPOKEN.pattern.replace("(?:(?<=[”。，！？；：\\s])|^)", "[”。，！？；：\\s]", 1))
assert _SPOKEN_AFTER.pattern != SPOKEN.pattern


def _after_boundary(rx: re.Pattern, after: re.Pattern, text: str):
    """The spans of group 1 of ``rx.finditer(text)`` (nothing when ``text`` holds none of the
    strings every match needs: :func:`newspage.rx.needles`), where ``rx`` is a lookbehind at a
    boundary character (or the text's start), then group 1 (the match, but for lookaheads), and
    ``after`` the same with the boundary character consumed: ``rx`` at the text's start, then
    ``after`` from there on.  The same matches: group 1 ends on a character that is no boundary
    character, so no match of ``rx`` starts right after the one before, and the boundary character
    of each lies at or after where the search goes on."""
    if not _may_match(rx, text):
        return
    pos = 0
    m = rx.match(text)
    if m is not None:
        yield m.span(1)
        pos = m.end()
    for m in after.finditer(text, pos):
        yield m.span(1)


def find_people_in_lists(text: str, tk: _Tokens) -> list[Entity]:
    """Names listed with 、 (张某某、林某某、陈某某等): every item a surname and one or two
    characters, and jieba reads at least one of them as a person's name."""
    out = []
    for m in _finditer(NAME_LIST, text):
        items, pos = [], m.start()
        for it in m.group(1).split("、"):
            items.append((pos, pos + len(it)))
            pos += len(it) + 1
        if sum(1 for a, b in items if _LIST_FEATURE(text[a:b], True)) >= 2 and not text.startswith("等人", m.end()):
            continue          # 云龙湖、云龙山、彭园: a list of lakes and hills, not of people
        tagged = sum(1 for a, b in items if (i := tk.at(a)) >= 0 and tk.toks[i][0] == a and tk.toks[i][1] == b
                     and tk.toks[i][3].startswith("nr"))
        if tagged and tagged * 2 >= len(items) - 1:
            out += [Entity(a, b, text[a:b], "person", text[a:b], source="pattern") for a, b in items]
    for rx in (CALLED, OLD_YOUNG):
        for m in _finditer(rx, text):
            a, b = m.start("n"), m.end("n")
            if b - a == 2 and (_freq(text[a:b]) > 50 if rx is OLD_YOUNG else (text[a:b] in _TITLE_SET or text[a:b] in APPELLATIONS)):
                continue          # 小时, 老师: a word, not 小 or 老 before a surname (叫他老王 names him)
            out.append(Entity(a, b, text[a:b], "person", text[a:b], source="pattern"))
    for a, b in _after_boundary(SPOKEN, _SPOKEN_AFTER, text):
        name = text[a:b]
        sur = 2 if name[:2] in COMPOUND_SURNAMES else 1
        if any(c in NOT_NAME_CHARS or c in "地得" for c in name[sur:]) or _freq(name) > 50 \
                or (sur == 1 and _freq(name[:2]) > 50) or name in _TITLE_SET:
            continue          # 成员表示, 高兴地说: words, not names
        out.append(Entity(a, b, name, "person", name, source="pattern"))
    # 52岁的X在…: a person's age written before the name
    for m in _finditer(AGED, text):
        span = _name_after(text, tk, m.end())
        if span is not None and span[1] - span[0] >= 2:
            out.append(Entity(span[0], span[1], text[span[0]:span[1]], "person", text[span[0]:span[1]], source="pattern"))
    return out


BYLINE_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}?(?=[\s、，,)）]|报道|摄|$)")


def find_bylines(text: str, tk: _Tokens | None = None) -> list[Entity]:
    """People credited in byline-like phrases, for text without a Page's credits table."""
    out = []
    role_re = re.compile(r"(?:本报)?(特约记者|实习生|通讯员|记者)\s*")
    for m in role_re.finditer(text):
        pos = m.end()
        cut = _name_and_place(text, tk, pos, pos + 10) if tk is not None else None
        if cut is not None and not text.startswith(tuple(FOLLOW_WORDS), pos):
            ne, pe = cut
            out.append(Entity(pos, ne, text[pos:ne], "person", text[pos:ne], role=m.group(1), source="byline"))
            out.append(Entity(ne, pe, text[ne:pe], "place", text[ne:pe], source="pattern"))
            continue
        while True:
            nm = MINORITY_NAME.match(text, pos) or BYLINE_NAME.match(text, pos)
            if not nm or nm.group()[0] not in SURNAMES and "·" not in nm.group():
                break
            end = _trim_name(text, nm.start(), nm.end()) if "·" in nm.group() else nm.end()
            name = text[nm.start():end]
            out.append(Entity(nm.start(), end, name, "person", name, role=m.group(1), source="byline"))
            pos = end
            if pos < len(text) and text[pos] in "、 ":
                pos += 1
                continue
            break
    return out


QUOTED_RULE = re.compile(r"^[一二三四五六七八九十百两几]+[条项个](?:[\u4e00-\u9fff]{1,6})?$")
NUMBERED = re.compile(r"^[二三四五六七八九十百千万两][\u4e00-\u9fff]{1,5}$")    # 一X is an idiom (一盘棋)
PLAN_NAME = re.compile(r"^[十一二三四五六七八九]+五$")
PROGRAMME_HEADS = ("行动", "工程", "计划", "课堂", "活动", "战略", "工作法")
NATIONAL_PROGRAMME = re.compile(
    r"(?:新一轮|国家(?!级)|全国|健康中国|美丽中国|数字中国|平安中国|乡村振兴)[\u4e00-\u9fff]{0,12}?(?:行动|计划|工程|战略)")


@functools.lru_cache(maxsize=1)
def _user_word_set() -> frozenset:
    """The words of the shipped domain dictionary (words.user_words), as a set made once."""
    return frozenset(w for w, _ in words.user_words())


def find_programmes(text: str, tk: _Tokens) -> list[Entity]:
    """Quoted programmes, campaigns and slogans (“千万工程”, “两新”, “村收集、乡转运、县处理”), quoted rules
    (“十条措施”: documents), and national programmes named without quotes (健康中国行动,
    国家重点研发计划, 新一轮…提升行动)."""
    user = _user_word_set()
    out = []
    for m in NATIONAL_PROGRAMME.finditer(text):
        s_, e_ = m.start(), m.end()
        if (s_ in tk.by_start or s_ == 0) and e_ in tk.by_end and e_ - s_ >= 5:
            out.append(Entity(s_, e_, m.group(), "programme", m.group(), source="pattern"))
    for m in QUOTE.finditer(text):
        q = m.group(1)
        plus = re.split(r"[+＋]", q)
        parts = plus if len(plus) >= 3 else re.split(r"、", q)
        if len(parts) >= 3 and all(2 <= len(x) <= 5 and all(HAN.match(c) for c in x) for x in parts) \
                and (parts is plus or all(x[0] in LEVEL_CHARS | {"村"} for x in parts)):
            # a model or slogan in parallel parts: “村收集、乡转运、县处理”, “村集体+合作社+农户”
            out.append(Entity(m.start(), m.end(), m.group(), "programme", m.group(), source="pattern"))
            continue
        if not (2 <= len(q) <= 8) or not all(HAN.match(c) for c in q):
            continue
        if PLAN_NAME.match(q):
            continue          # “十四五” is a plan period (a date)
        if QUOTED_RULE.match(q) and q.endswith(("措施", "规定", "办法", "意见", "管理", "条", "禁令", "清单", "准则")):
            out.append(Entity(m.start(), m.end(), m.group(), "document", m.group(), source="pattern"))
            continue
        if NUMBERED.match(q) or q.endswith(PROGRAMME_HEADS):
            out.append(Entity(m.start(), m.end(), m.group(), "programme", m.group(), source="pattern"))
            continue
        before = text[max(0, m.start() - 4):m.start()]
        after = text[m.end():m.end() + 6]
        if after.startswith(PROGRAMME_NOT_AFTER):
            continue
        parallel = len(q) == 4 and (q[0] == q[2] or (q[0] in "一二三四五六七八九十两百千万" and q[2] in "一二三四五六七八九十两百千万"))
        cue_before = before.endswith(PROGRAMME_BEFORE)
        cue_after = any(after[k:].startswith(PROGRAMME_AFTER) and all(HAN.match(c) for c in after[:k])
                        for k in range(0, 3))
        if not parallel and q in user:  # an ordinary term of the domain (僵尸企业), not a name
            continue
        if parallel or cue_before or cue_after:
            out.append(Entity(m.start(), m.end(), m.group(), "programme", m.group(), source="pattern"))
    return out


# ---------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------

_PRIORITY = {"document": 5, "programme": 5, "person": 4, "org": 3, "place": 2}
_SOURCE_RANK = {"byline": 0, "title": 1, "pattern": 2, "dict": 3}


def _resolve(cands: Iterable[Entity]) -> list[Entity]:
    """One flat layer: higher priority first, then longer, then earlier."""
    # A candidate that overlaps no other is chosen whatever the order: only the others are
    # ranked (by a key built in Python); the free ones are found by a sweep in span order.
    chosen: list[Entity] = []
    by_span = sorted(set(cands), key=_SPAN)
    crowded = []
    reach = -1                         # the furthest end of the candidates before
    n = len(by_span)
    for k, c in enumerate(by_span):
        s, e = c[0], c[1]
        if s >= reach and s < e and (k + 1 == n or by_span[k + 1][0] >= e):
            chosen.append(c)
        else:
            crowded.append(c)
        if e > reach:
            reach = e
    if not crowded:
        return chosen
    occupied: list[tuple[int, int]] = []
    for c in sorted(crowded, key=lambda c: (-_PRIORITY[c.type], -(c.end - c.start), c.start,
                                      c.canonical == c.surface, _SOURCE_RANK[c.source], c.canonical, c.role or "",
                                      c.org or "")):
        k = bisect.bisect_left(occupied, (c.start, c.end))
        clash = (k > 0 and occupied[k - 1][1] > c.start) or (k < len(occupied) and occupied[k][0] < c.end)
        if clash:
            continue
        occupied.insert(k, (c.start, c.end))
        chosen.append(c)
    chosen.sort(key=_SPAN)
    return chosen


_SPAN = operator.itemgetter(0, 1)   # an Entity's (start, end)


def _aliases(text: str, ents: list[Entity]) -> dict[str, Entity]:
    """Short form -> the entity it abbreviates, from X(以下简称Y)."""
    by_end = {}
    for e in ents:
        if e.type in ("org", "place", "document"):
            if e.end not in by_end or by_end[e.end].start > e.start:
                by_end[e.end] = e
    out = {}
    for m in ALIAS.finditer(text):
        long = by_end.get(m.start())
        if long is None:
            continue
        short = m.group("short").strip("“”\"'")
        if short and short != long.surface:
            out[short] = long
    return out


def find(text: str, credits: Iterable[tuple[int, int, str, str]] | None = None,
         toks: list[tuple[int, int, str, str]] | None = None) -> list[Entity]:
    """Entities of ``text``.  ``credits`` is ``(start, end, name, role)`` of byline people; when
    None, bylines are found with a simple pattern.

    Text in traditional characters is read through its same-length simplified shadow
    (:func:`words.simplified`): the patterns and lexicons see 广州 for 廣州, and each entity's
    surface is the text's own (canonical forms the page does not write stay simplified)."""
    shadow = words.simplified(text)
    if toks is not None and shadow is not text:
        toks = [(a, b, shadow[a:b], p) for a, b, _, p in toks]
    ents = _find(shadow, credits, toks)
    if shadow is text:
        return ents
    out = []
    for e in ents:
        surface = text[e.start:e.end]
        canonical = surface if e.canonical == e.surface else e.canonical
        out.append(e._replace(surface=surface, canonical=canonical))
    return out


REPORTED = re.compile(r"报道")


def _name_and_place(text: str, tk: _Tokens, s: int, limit: int) -> tuple[int, int] | None:
    """``记者王海涛成都报道``: a byline name run on into the place it reports from.  Returns
    (end of the name, start of 报道) when ``text[s:]`` is a 2-3 character name, a place and
    报道 (before ``limit``)."""
    m = REPORTED.search(text, s + 3, min(len(text), limit + 2))
    if m is None:
        return None
    for k in (3, 2):
        rest = text[s + k:m.start()]
        if len(rest) >= 2 and text[s] in SURNAMES and _is_place_text(rest, tk, s + k):
            return s + k, m.start()
    return None


def _is_place_text(w: str, tk: _Tokens, start: int) -> bool:
    """Whether ``w`` (at ``start``) reads as a place: lexicon, administrative suffix, or jieba
    tokens tagged as places."""
    if w in PLACES:
        return True
    if w in NOT_PLACES or not all(HAN.match(c) for c in w):
        return False
    if _PLACE_SUFFIX(w, True) is not None:
        return True
    toks = [t for t in tk.toks if start <= t[0] and t[1] <= start + len(w)]
    return bool(toks) and sum(len(t[2]) for t in toks) == len(w) and all(t[3] == "ns" for t in toks)


def _credit_entities(text: str, tk: _Tokens, credits) -> list[Entity]:
    """Byline people of the page's credits (surface as written, canonical without spaces); a
    credit that ran on into a dateline place (王海涛成都报) is cut into the name and the place."""
    out = []
    for s, e, name, role in credits:
        if "·" not in name and len(name) > 3 or text.startswith("报道", e - 1):
            cut = _name_and_place(text, tk, s, e)
            if cut is not None:
                ne, pe = cut
                out.append(Entity(s, ne, text[s:ne], "person", text[s:ne], role=role, source="byline"))
                out.append(Entity(ne, pe, text[ne:pe], "place", text[ne:pe], source="pattern"))
                continue
        out.append(Entity(s, e, text[s:e], "person", name, role=role, source="byline"))
    return out


def find_staff_credits(text: str) -> list[Entity]:
    """The page's staff lines: 责任编辑：X  版式：Y, or the role and the name apart by a space
    (责任编辑 X: then the name must start with a surname)."""
    out = []
    for m in STAFF_CREDIT.finditer(text):
        name = m.group("name")
        colon = any(c in "：:" for c in text[m.end("role"):m.start("name")])
        if not colon and name[0] not in SURNAMES and name[:2] not in COMPOUND_SURNAMES and "·" not in name:
            continue
        out.append(Entity(m.start("name"), m.end("name"), name, "person", name, role=m.group("role"), source="byline"))
    return out


def _find(text: str, credits, toks=None) -> list[Entity]:
    tk = _Tokens(text, toks)
    docs = find_documents(text)
    orgs = find_orgs(text, tk)
    places = find_places(text, tk)
    progs = find_programmes(text, tk)
    if credits is None:
        people = find_bylines(text, tk)
    else:
        people = _credit_entities(text, tk, credits)
    people += find_staff_credits(text)
    people += find_people_speaking(text, tk)
    people += find_people_in_lists(text, tk)
    places += [x for x in people if x.type == "place"]
    people = [x for x in people if x.type == "person"]
    first = _resolve(docs + progs + orgs + places + people)
    # short forms
    aliases = _aliases(text, first)
    org_resolved = [o for o in first if o.type == "org"]
    extra: list[Entity] = []
    for ms, me, short in _occurrences(text, aliases):
        long = aliases[short]
        extra.append(Entity(ms, me, short, long.type, long.canonical, source="pattern"))
    canon = dict(sorted(((k, v.canonical) for k, v in aliases.items()), key=lambda kv: -len(kv[0])))

    def canonical_org(o: Entity) -> Entity:
        for short, full in canon.items():
            if o.surface.startswith(short) and o.surface != short:
                return o._replace(canonical=full + o.surface[len(short):])
        return o

    orgs2 = [canonical_org(o) for o in _resolve(orgs + extra + docs) if o.type == "org"]
    titled = find_people_with_titles(text, tk, orgs2)
    ents = _resolve(docs + progs + people + titled + [canonical_org(o) for o in orgs + extra] + places
                    + [x for x in extra if x.type != "org"])
    ents = _resolve(ents + _list_members(text, tk, ents))
    # later mentions of people named on the page
    known = {}
    for e in ents:
        if e.type == "person" and (e.surface not in known or known[e.surface].role is None and e.role):
            known[e.surface] = e
    # a name found before a verb of speech is a later mention of the same name with a title
    ents = [e for e in ents if not (e.type == "person" and e.source == "pattern" and known[e.surface].role)]
    mentions = []
    for ms, me, name in _occurrences(text, [n for n in known if len(n) >= 2]):
        e = known[name]
        mentions.append(Entity(ms, me, name, "person", e.canonical, role=e.role, org=e.org, source="dict"))
    return _resolve(ents + mentions)


LIST_ITEM = re.compile(r"(?<=、)[\u4e00-\u9fff]{2,8}?(?=、|等|，|。|；|$)")


def _list_members(text: str, tk: _Tokens, ents: list[Entity]) -> list[Entity]:
    """Items of an enumeration (A、B、C等) whose other items are mostly organisations are
    organisations too (short company names without a suffix)."""
    org_at = {(e.start, e.end) for e in ents if e.type == "org"}
    org_by_end = {}
    org_by_start = {}
    for a, b in sorted(org_at):
        org_by_end.setdefault(b, (a, b))
        org_by_start.setdefault(a, (a, b))
    taken = sorted((e.start, e.end) for e in ents)   # non-overlapping (resolved)
    taken_starts = [a for a, _ in taken]
    out = []
    for m in _finditer(LIST_ITEM, text):
        s, e = m.start(), m.end()
        k = bisect.bisect_left(taken_starts, e)
        if (s, e) in org_at or (k and taken[k - 1][1] > s):
            continue
        # walk the chain of 、-separated neighbours
        chain = [x for x in (org_by_end.get(s - 1), org_by_start.get(e + 1)) if x is not None]
        left = org_by_end.get(s - 1)
        seen = set()
        while left is not None and left not in seen:
            seen.add(left)
            chain.append(left)
            left = org_by_end.get(left[0] - 1)
        if len(set(chain)) < 2:
            continue
        i = tk.at(s)
        if i < 0 or tk.toks[i][0] != s or e not in tk.by_end:
            continue
        toks = tk.toks[i:tk.by_end[e] + 1]
        if len(toks) < 2 and not any(t[3] in PROPER_POS for t in toks):
            continue
        surface = text[s:e]
        out.append(Entity(s, e, surface, "org", surface, source="pattern"))
    return out


def _credits_of(page) -> list[tuple[int, int, str, str]] | None:
    try:
        cr = page.credits
    except (AttributeError, ImportError):
        return None
    return [(int(s), int(e), str(n), str(r)) for s, e, n, r in zip(cr["start"].tolist(), cr["end"].tolist(),
                                                                          cr["name"].tolist(), cr["role"].tolist())]


def _page_wide(page, text: str, ents: list[Entity], toks) -> list[Entity]:
    """What holds across the page: the paper's name printed in its masthead is an organisation,
    and a name found once (a person of two characters or more, an organisation or place of three or
    more) is found at every place the page writes it, in any story, where no other entity stands
    and the mention starts and ends on word boundaries."""
    extra: list[Entity] = []
    try:
        heads = page.paragraphs
        paper = page.pages["paper"].iloc[0]
    except (AttributeError, KeyError, IndexError):
        heads, paper = None, None
    if heads is not None and isinstance(paper, str) and paper:
        for kind, s0, t in zip(heads["kind"].tolist(), heads["start"].tolist(), heads["text"].tolist()):
            k = str(t).find(paper) if kind == "masthead" else -1
            if k >= 0:
                extra.append(Entity(int(s0) + k, int(s0) + k + len(paper), paper, "org", paper, source="dict"))
    known: dict[str, Entity] = {}
    for e in ents:
        if (e.type == "person" and len(e.surface) >= 2) or (e.type in ("org", "place") and len(e.surface) >= 3):
            known.setdefault(e.surface, e)
    starts = set(map(_START, toks))
    ends = set(map(_END, toks))
    for s_, e_, name in _occurrences(text, known):
        e = known[name]
        if e.type != "person" and not (s_ in starts and e_ in ends):
            continue
        if e.type == "person" and not (s_ in starts or (s_ and text[s_ - 1] in PUNCT)):
            continue
        extra.append(Entity(s_, e_, name, e.type, e.canonical, role=e.role, org=e.org, source="dict"))
    if not extra:
        return ents
    return _resolve(ents + extra)


def extract(page) -> pd.DataFrame:
    """The ``entities`` table of ``page`` (without page_id)."""
    # Story by story: short forms (以下简称) and later mentions are defined within an article, and
    # the work stays linear in the page's length however many stories it holds.
    # One jieba cut of the page (shared with the tokens table), digit runs kept whole.
    credits = _credits_of(page)
    text = page.text
    toks = words.overlay(words.page_cut(page), words._protected(text, []), text, recut=False)
    starts, ends, ws, ps = (list(map(operator.itemgetter(k), toks)) for k in range(4))   # (zip(*toks) is slower)
    cstarts = [c[0] for c in credits] if credits is not None else []
    ents: list[Entity] = []
    for s0, e0 in zip(page.stories["start"].tolist(), page.stories["end"].tolist()):
        s0, e0 = int(s0), int(e0)
        sub = text[s0:e0]
        cr = None
        if credits is not None:
            lo, hi = bisect.bisect_left(cstarts, s0), bisect.bisect_left(cstarts, e0)
            cr = [(s - s0, e - s0, n, r) for s, e, n, r in credits[lo:hi] if e <= e0]
        lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, e0)
        while hi > lo and ends[hi - 1] > e0:   # (sorted, non-overlapping: only the last may run past)
            hi -= 1
        # the story's tokens with its offsets, built by zip and map (no Python loop over the tokens)
        sub_toks = list(zip(map(operator.sub, starts[lo:hi], repeat(s0)), map(operator.sub, ends[lo:hi], repeat(s0)),
                            ws[lo:hi], ps[lo:hi]))
        ents += [Entity(x[0] + s0, x[1] + s0, *x[2:]) for x in find(sub, cr, sub_toks)]
    ents = _page_wide(page, text, ents, toks)
    ents.sort(key=_SPAN)
    paras = page.paragraphs
    # (lists of the columns: iterating an extension column boxes each cell)
    starts = [int(s) for s in paras["start"].tolist()]
    pends, psid, ppid = [int(x) for x in paras["end"].tolist()], paras["story_id"].tolist(), paras["para_id"].tolist()
    story_ids, para_ids = [], []
    for e in ents:
        i = bisect.bisect_right(starts, e.start) - 1
        if i >= 0 and e.end <= pends[i]:
            story_ids.append(psid[i])
            para_ids.append(ppid[i])
        else:
            story_ids.append(None)
            para_ids.append(None)
    cols = {"entity_id": [f"e{k:03d}" for k in range(1, len(ents) + 1)], "story_id": story_ids, "para_id": para_ids}
    for k, name in enumerate(Entity._fields):   # start, end, surface, type, canonical, role, org, source
        cols[name] = list(map(operator.itemgetter(k), ents))
    # The frame made of the declared arrays (strings as Arrow strings, offsets as int64), not
    # inferred from rows: the page's conform then only copies them (half the time of the rows'
    # frame and its conversion).
    arrays = [np.array(cols[c.name], dtype=np.int64) if c.dtype == "int" else tables._cast_list(cols[c.name], c)
              for c in SCHEMA.columns]
    return pd.DataFrame._from_arrays(arrays, columns=pd.Index(SCHEMA.names), index=pd.RangeIndex(len(ents)),
                                     verify_integrity=False)
