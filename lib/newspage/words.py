"""Words: jieba tokens with numbers kept whole, and keywords per story.

One :class:`jieba.posseg.POSTokenizer` per process (:func:`tokenizer`), built lazily, with
jieba's start-up log silenced, its model cache in a user cache folder (``$NEWSPAGE_CACHE``,
else ``$XDG_CACHE_HOME/newspage``, else ``~/.cache/newspage``; never a shared ``/tmp`` file) and
the domain dictionary shipped in ``newspage/data/userdict.txt`` loaded, so that administrative
and economic terms of news text (高新区, 僵尸企业, 医共体, 农机购置补贴 ...) stay whole.

Numbers are never cut by jieba: the ``tokens`` table takes every span of the ``quantities``
table as one token with part of speech ``m``, every span of the ``dates`` table as one token
``t``, and any remaining run of digits as one token ``m``; only the text between them goes
through :func:`jieba.posseg`.  Part-of-speech tags are jieba's (ICTCLAS-style: n, v, ns, nr, x
for punctuation ...).

``keywords``: per story, the words that distinguish it from the page's other stories: content
words (nouns, verbal nouns, verbs, idioms; two characters or more; no numbers, punctuation or
stop words) ranked by TF-IDF with the page's stories as the documents.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import math
import os
import re
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import tables

USERDICT = Path(__file__).with_name("data") / "userdict.txt"

TOKENS = tables.Schema(
    "tokens",
    [
        tables.Column("story_id", "str", "Story the token belongs to (stories.story_id)"),
        tables.Column("sent_id", "str", "Sentence the token belongs to (sentences.sent_id)"),
        tables.Column("start", "int", "Offset of the token's first character in page.text", "characters"),
        tables.Column("end", "int", "Offset just past the token's last character in page.text", "characters"),
        tables.Column("token", "str", "The token, page.text[start:end]"),
        tables.Column("pos", "str", "Part of speech: jieba's tag for words (n, v, ns, x = punctuation ...); "
                      "m for a quantity or number (taken whole from the quantities table or a digit run), "
                      "t for a date expression (from the dates table)"),
    ],
    sort=["start"],
    description="Words of every sentence, cut by jieba with the package's domain dictionary; "
                "quantities, dates and digit runs are single tokens, never cut by jieba. White space is not a token.",
)

KEYWORDS = tables.Schema(
    "keywords",
    [
        tables.Column("story_id", "str", "Story (stories.story_id)"),
        tables.Column("rank", "int", "Rank of the keyword within its story, 1 = most distinctive"),
        tables.Column("keyword", "str", "The word (a token of the story)"),
        tables.Column("score", "float", "TF-IDF: (occurrences in the story / content words of the story) "
                      "x (ln((1 + stories on the page) / (1 + stories containing the word)) + 1)"),
    ],
    sort=["story_id", "rank"],
    description="The words that set each story apart from the page's other stories: content words "
                "(two characters or more, no numbers, punctuation or stop words) ranked by TF-IDF "
                "across the page's stories; ties broken by first occurrence.",
)

SCHEMAS = [TOKENS, KEYWORDS]

TOP_K = 10

# ---------------------------------------------------------------------------
# The tokenizer: one per process
# ---------------------------------------------------------------------------

_LOCK = threading.Lock()
_POSTOK = None


def cache_dir() -> Path:
    """The folder for jieba's model cache (created if needed)."""
    candidates = []
    if os.environ.get("NEWSPAGE_CACHE"):
        candidates.append(Path(os.environ["NEWSPAGE_CACHE"]))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    candidates.append(Path(base) / "newspage")
    # last resort: a private folder per user, not jieba's shared /tmp/jieba.cache
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"newspage-{uid}")
    for c in candidates:
        try:
            c.mkdir(parents=True, exist_ok=True)
            if os.access(c, os.W_OK):
                return c
        except OSError:
            continue
    return candidates[-1]


def tokenizer():
    """The process's jieba POS tokenizer with the domain dictionary (built on first use)."""
    global _POSTOK
    if _POSTOK is not None:
        return _POSTOK
    with _LOCK:
        if _POSTOK is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.tmp_dir = str(cache_dir())
            tok.initialize()
            postok = jieba.posseg.POSTokenizer(tok)
            postok.load_userdict(str(USERDICT))
            _POSTOK = postok
    return _POSTOK


@functools.lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, str], ...]:
    """(word, tag) of the shipped domain dictionary."""
    out = []
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            out.append((parts[0], parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else ""))
    return tuple(out)


# ---------------------------------------------------------------------------
# Traditional characters: a same-length simplified shadow
# ---------------------------------------------------------------------------

# Pairs (traditional, simplified) of OpenCC's TSCharacters table (Apache-2.0), kept only where the
# traditional character is outside GB2312 (so simplified text is never rewritten) and both sides
# are one character: the shadow has the length of the text, and offsets found on it point into it.
_T2S_PAIRS = (
    "丟丢並并亂乱亙亘亞亚佇伫佈布佔占併并來来侖仑侶侣侷局俁俣係系俠侠俬私倀伥倆俩倉仓個个們们倖幸倫伦偉伟側侧偵侦偽伪傑杰傖伧"
    "傘伞備备傢家傭佣傯偬傳传傴伛債债傷伤傾倾僂偻僅仅僉佥僑侨僕仆僞伪僥侥僨偾僱雇價价儀仪儁俊儂侬億亿儈侩儉俭儐傧儔俦儕侪儘尽"
    "償偿優优儲储儷俪儺傩儻傥儼俨兇凶兌兑兒儿兗兖內内兩两冊册冑胄冪幂凈净凍冻凜凛凱凯別别刪删剄刭則则剋克剎刹剛刚剝剥剮剐剴剀"
    "創创剷铲劃划劄札劇剧劉刘劊刽劌刿劍剑劑剂勁劲動动務务勛勋勝胜勞劳勢势勱劢勳勋勵励勸劝勻匀匭匦匯汇匱匮區区協协卹恤卻却卽即"
    "厙厍厠厕厤历厭厌厲厉厴厣參参叄叁叢丛吳吴吶呐呂吕咼呙員员唄呗唸念問问啓启啞哑啟启喚唤喪丧喫吃喬乔單单喲哟嗆呛嗇啬嗎吗嗚呜"
    "嗩唢嗶哔嘆叹嘍喽嘔呕嘖啧嘗尝嘜唛嘩哗嘮唠嘯啸嘰叽嘵哓嘸呒噁恶噓嘘噝咝噠哒噥哝噦哕噯嗳噲哙噴喷噸吨噹当嚀咛嚇吓嚌哜嚐尝嚕噜"
    "嚙啮嚥咽嚦呖嚨咙嚮向嚳喾嚴严嚶嘤囀啭囁嗫囂嚣囅冁囈呓囌苏囑嘱囪囱圇囵國国圍围園园圓圆圖图團团垻坝埡垭埰采執执堅坚堊垩堖垴"
    "堝埚堯尧報报場场塊块塋茔塏垲塒埘塗涂塚冢塢坞塤埙塵尘塹堑墊垫墜坠墮堕墰坛墳坟墻墙墾垦壇坛壎埙壓压壘垒壙圹壚垆壜坛壞坏壟垄"
    "壠垅壢坜壩坝壯壮壺壶壽寿夠够夢梦夾夹奐奂奧奥奩奁奪夺奬奖奮奋奼姹妝妆姍姗姦奸娛娱婁娄婦妇婭娅媧娲媯妫媼媪媽妈嫋袅嫗妪嫵妩"
    "嫺娴嫻娴嬀妫嬈娆嬋婵嬌娇嬙嫱嬡嫒嬤嬷嬪嫔嬰婴嬸婶孃娘孌娈孫孙學学孿孪宮宫寀采寢寝實实寧宁審审寫写寬宽寵宠寶宝將将專专尋寻"
    "對对導导尷尴屆届屍尸屜屉屢屡層层屨屦屬属岡冈峯峰峴岘島岛峽峡崍崃崑昆崗岗崙仑崢峥崬岽嵐岚嵗岁嶁嵝嶄崭嶇岖嶗崂嶠峤嶧峄嶸嵘"
    "嶺岭嶼屿嶽岳巋岿巒峦巔巅巖岩巰巯巹卺帥帅師师帳帐帶带幀帧幃帏幗帼幘帻幟帜幣币幫帮幬帱幷并幹干幾几庫库廁厕廂厢廄厩廈厦廕荫"
    "廚厨廝厮廟庙廠厂廡庑廢废廣广廩廪廬庐廳厅弒弑弔吊弳弪張张強强彆别彈弹彌弥彎弯彔录彙汇彥彦彫雕彿佛徑径從从徠徕復复徹彻恆恒"
    "恥耻悅悦悵怅悶闷悽凄惡恶惱恼惲恽惻恻愛爱愜惬愨悫愴怆愷恺愾忾慄栗態态慍愠慘惨慚惭慟恸慣惯慤悫慪怄慫怂慮虑慳悭慶庆慼戚慾欲"
    "憂忧憊惫憐怜憑凭憒愦憚惮憤愤憫悯憮怃憲宪憶忆懇恳應应懌怿懍懔懞蒙懟怼懣懑懨恹懲惩懶懒懷怀懸悬懺忏懼惧懾慑戀恋戇戆戔戋戧戗"
    "戩戬戰战戲戏戶户扞捍拋抛挱挲挾挟捨舍捫扪捲卷掃扫掄抡掙挣掛挂採采揀拣揚扬換换揮挥損损搖摇搗捣搧扇搶抢摑掴摜掼摟搂摯挚摳抠"
    "摶抟摻掺撈捞撐撑撓挠撟挢撣掸撥拨撫抚撲扑撳揿撻挞撾挝撿捡擁拥擄掳擇择擊击擋挡擔担據据擠挤擡抬擣捣擬拟擯摈擰拧擱搁擲掷擴扩"
    "擷撷擺摆擻擞擼撸擾扰攄摅攆撵攏拢攔拦攖撄攙搀攛撺攜携攝摄攢攒攣挛攤摊攪搅攬揽敎教敗败敘叙敵敌數数斂敛斃毙斕斓斬斩斷断旂旗"
    "旣既昇升時时晉晋晝昼暈晕暉晖暢畅暫暂曄晔曆历曇昙曉晓曏向曖暧曠旷曬晒書书會会朧胧朮术東东枴拐柵栅柺拐査查桿杆梔栀梘枧條条"
    "梟枭棄弃棊棋棖枨棗枣棟栋棧栈棲栖椏桠楊杨楓枫楨桢業业極极榦干榪杩榮荣榿桤構构槍枪槓杠槧椠槨椁槳桨樁桩樂乐樅枞樑梁樓楼標标"
    "樞枢樣样樸朴樹树樺桦橈桡橋桥機机橢椭橫横檁檩檉柽檔档檜桧檢检檣樯檯台檳槟檸柠檻槛櫃柜櫓橹櫚榈櫛栉櫝椟櫞橼櫟栎櫥橱櫧槠櫨栌"
    "櫪枥櫫橥櫬榇櫱蘖櫳栊櫸榉櫻樱欄栏欅榉權权欏椤欒栾欖榄欞棂欽钦歎叹歐欧歟欤歡欢歲岁歷历歸归歿殁殘残殞殒殤殇殫殚殭僵殮殓殯殡"
    "殲歼殺杀殻壳殼壳毀毁毆殴毿毵氂牦氈毡氌氇氣气氫氢氬氩氳氲氾泛汎泛汙污決决沒没沖冲況况泝溯洩泄洶汹浹浃涇泾涼凉淒凄淚泪淥渌"
    "淨净淩凌淪沦淵渊淶涞淺浅渙涣減减渦涡測测渾浑湊凑湞浈湧涌湯汤溈沩準准溝沟溫温溼湿滄沧滅灭滌涤滎荥滙汇滬沪滯滞滲渗滷卤滸浒"
    "滾滚滿满漁渔漚沤漢汉漣涟漬渍漲涨漵溆漸渐漿浆潁颍潑泼潔洁潙沩潛潜潤润潯浔潰溃潷滗潿涠澀涩澆浇澇涝澗涧澠渑澤泽澩泶澮浍澱淀"
    "濁浊濃浓濕湿濘泞濛蒙濟济濤涛濫滥濰潍濱滨濺溅濼泺濾滤瀅滢瀆渎瀉泻瀋沈瀏浏瀕濒瀘泸瀝沥瀟潇瀠潆瀦潴瀧泷瀨濑瀰弥瀲潋瀾澜灃沣"
    "灄滠灑洒灕漓灘滩灝灏灣湾灤滦灧滟灩滟災灾為为烏乌烴烃無无煉炼煒炜煙烟煢茕煥焕煩烦煬炀熒荧熗炝熱热熾炽燁烨燈灯燉炖燒烧燙烫"
    "燜焖營营燦灿燬毁燭烛燴烩燻熏燼烬燾焘爍烁爐炉爛烂爭争爲为爺爷爾尔牀床牆墙牘牍牴抵牽牵犖荦犛牦犢犊犧牺狀状狹狭狽狈猙狰猶犹"
    "猻狲獁犸獃呆獄狱獅狮獎奖獨独獪狯獫猃獰狞獲获獵猎獷犷獸兽獺獭獻献獼猕玀猡現现琱雕琺珐琿珲瑋玮瑣琐瑤瑶瑩莹瑪玛璉琏璣玑璦瑷"
    "環环璽玺璿璇瓊琼瓏珑瓔璎瓚瓒甌瓯甕瓮產产産产畝亩畢毕畫画異异畵画當当疇畴疊叠痙痉痠酸痾疴瘂痖瘋疯瘍疡瘓痪瘞瘗瘡疮瘧疟瘺瘘"
    "瘻瘘療疗癆痨癇痫癉瘅癒愈癘疠癟瘪癡痴癢痒癤疖癥症癧疬癩癞癬癣癭瘿癮瘾癰痈癱瘫癲癫發发皁皂皚皑皰疱皸皲皺皱盃杯盜盗盞盏盡尽"
    "監监盤盘盧卢盪荡眞真眥眦眾众睏困睜睁睞睐瞘眍瞞瞒瞼睑矇蒙矚瞩矯矫硃朱硤硖硨砗硯砚碩硕碭砀碸砜確确碼码磚砖磣碜磧碛磯矶磽硗"
    "礎础礙碍礦矿礪砺礫砾礬矾礱砻祕秘祿禄禍祸禎祯禦御禪禅禮礼禰祢禱祷禿秃秈籼稅税稈秆稜棱稟禀種种稱称穀谷穌稣積积穎颖穡穑穢秽"
    "穩稳穫获窩窝窪洼窮穷窯窑窶窭窺窥竄窜竅窍竇窦竈灶竊窃竪竖競竞筆笔筍笋筧笕箇个箋笺箏筝箚札節节範范築筑篋箧篤笃篩筛篳筚簀箦"
    "簍篓簑蓑簞箪簡简簣篑簫箫簽签簾帘籃篮籌筹籜箨籟籁籠笼籤签籩笾籪簖籬篱籮箩籲吁粵粤糉粽糝糁糞粪糧粮糰团糲粝糴籴糶粜糹纟糾纠"
    "紀纪紂纣約约紅红紆纡紇纥紈纨紉纫紋纹納纳紐纽紓纾純纯紕纰紗纱紙纸級级紛纷紜纭紡纺紮扎細细紱绂紲绁紳绅紹绍紺绀紼绋紿绐絀绌"
    "終终絃弦組组絆绊絎绗結结絕绝絛绦絝绔絞绞絡络絢绚給给絨绒統统絲丝絳绛絶绝絹绢綁绑綃绡綆绠綈绨綉绣綏绥綑捆經经綜综綞缍綠绿"
    "綢绸綣绻綫线綬绶維维綰绾綱纲網网綳绷綴缀綵彩綸纶綹绺綺绮綻绽綽绰綾绫綿绵緄绲緇缁緊紧緋绯緑绿緒绪緔绱緗缃緘缄緙缂線线緝缉"
    "緞缎締缔緡缗緣缘緦缌編编緩缓緬缅緯纬緱缑緲缈練练緶缏緹缇緻致縈萦縉缙縊缢縋缒縐绉縑缣縛缚縝缜縞缟縟缛縣县縧绦縫缝縭缡縮缩"
    "縱纵縲缧縴纤縵缦縶絷縷缕縹缥總总績绩繃绷繅缫繆缪繒缯織织繕缮繚缭繞绕繡绣繢缋繩绳繪绘繫系繭茧繮缰繯缳繰缲繳缴繹绎繼继繽缤"
    "繾缱纈缬纊纩續续纍累纏缠纓缨纔才纖纤纘缵纜缆缽钵罈坛罌罂罎坛罰罚罵骂罷罢羅罗羆罴羈羁羋芈羣群羥羟羨羡義义羶膻習习翫玩翹翘"
    "耬耧耮耢聖圣聞闻聯联聰聪聲声聳耸聵聩聶聂職职聹聍聽听聾聋肅肃脅胁脈脉脛胫脣唇脩修脫脱脹胀腎肾腖胨腡脶腦脑腫肿腳脚腸肠膃腽"
    "膚肤膠胶膩腻膽胆膾脍膿脓臉脸臍脐臏膑臘腊臚胪臟脏臠脔臥卧臨临臺台與与興兴舉举舊旧舖铺舘馆艙舱艤舣艦舰艫舻艱艰艷艳芻刍苧苎"
    "茲兹荊荆莊庄莖茎莢荚莧苋華华菴庵萇苌萊莱萬万萵莴葉叶葒荭葤荮葦苇葯药葷荤蒐搜蒓莼蒔莳蒞莅蒼苍蓀荪蓆席蓋盖蓮莲蓯苁蓴莼蓽荜"
    "蔔卜蔘参蔞蒌蔣蒋蔥葱蔦茑蔭荫蕁荨蕆蒇蕎荞蕒荬蕓芸蕕莸蕘荛蕢蒉蕩荡蕪芜蕭萧蕷蓣薈荟薊蓟薌芗薑姜薔蔷薟莶薦荐薩萨薺荠藍蓝藎荩"
    "藝艺藥药藪薮藴蕴藶苈藹蔼藺蔺蘄蕲蘆芦蘇苏蘊蕴蘋苹蘚藓蘞蔹蘢茏蘭兰蘺蓠蘿萝處处虛虚虜虏號号虧亏虯虬蛺蛱蛻蜕蜆蚬蝕蚀蝟猬蝦虾"
    "蝨虱蝸蜗螄蛳螞蚂螢萤螻蝼蟄蛰蟈蝈蟎螨蟣虮蟬蝉蟯蛲蟲虫蟶蛏蟻蚁蠅蝇蠆虿蠍蝎蠐蛴蠑蝾蠔蚝蠟蜡蠣蛎蠱蛊蠶蚕蠻蛮衆众衊蔑術术衕同"
    "衚胡衛卫衝冲袞衮裊袅裏里補补裝装裡里製制複复褲裤褳裢褸褛褻亵襇裥襉裥襖袄襝裣襠裆襤褴襪袜襬摆襯衬襲袭覈核見见規规覓觅視视"
    "覘觇覡觋覦觎親亲覬觊覯觏覲觐覷觑覺觉覽览覿觌觀观觴觞觶觯觸触訁讠訂订訃讣計计訊讯訌讧討讨訐讦訓训訕讪訖讫託托記记訛讹訝讶"
    "訟讼訣诀訥讷訪访設设許许訴诉訶诃診诊註注証证詁诂詆诋詎讵詐诈詒诒詔诏評评詘诎詛诅詞词詠咏詡诩詢询詣诣試试詩诗詫诧詬诟詭诡"
    "詮诠詰诘話话該该詳详詵诜詼诙詿诖誄诔誅诛誆诓誇夸誌志認认誑诳誒诶誕诞誘诱誚诮語语誠诚誡诫誣诬誤误誥诰誦诵誨诲說说説说誰谁"
    "課课誶谇誹诽誼谊調调諂谄諄谆談谈諉诿請请諍诤諏诹諑诼諒谅論论諗谂諛谀諜谍諞谝諡谥諢诨諤谔諦谛諧谐諫谏諭谕諮咨諱讳諳谙諶谌"
    "諷讽諸诸諺谚諼谖諾诺謀谋謁谒謂谓謄誊謅诌謊谎謎谜謐谧謔谑謖谡謗谤謙谦謚谥講讲謝谢謠谣謡谣謨谟謫谪謬谬謭谫謳讴謹谨謾谩譁哗"
    "證证譎谲譏讥譖谮識识譙谯譚谭譜谱譟噪譫谵譭毁譯译議议譴谴護护譽誉譾谫讀读變变讎雠讒谗讓让讕谰讖谶讚赞讜谠讞谳谿溪豈岂豎竖"
    "豐丰豔艳豬猪貍狸貓猫貝贝貞贞負负財财貢贡貧贫貨货販贩貪贪貫贯責责貯贮貰贳貲赀貳贰貴贵貶贬買买貸贷貺贶費费貼贴貽贻貿贸賀贺"
    "賁贲賂赂賃赁賄贿賅赅資资賈贾賊贼賑赈賒赊賓宾賕赇賚赉賜赐賞赏賠赔賡赓賢贤賣卖賤贱賦赋賧赕質质賫赍賬账賭赌賴赖賺赚賻赙購购"
    "賽赛賾赜贄贽贅赘贈赠贊赞贋赝贍赡贏赢贐赆贓赃贖赎贗赝贛赣贜赃趕赶趙赵趨趋趲趱跡迹踐践踰逾踴踊蹌跄蹕跸蹟迹蹠跖蹣蹒蹤踪蹺跷"
    "躉趸躊踌躋跻躍跃躑踯躒跞躓踬躕蹰躚跹躡蹑躥蹿躦躜躪躏軀躯車车軋轧軌轨軍军軒轩軔轫軛轭軟软軤轷軫轸軲轱軸轴軹轵軺轺軻轲軼轶"
    "軾轼較较輅辂輇辁載载輊轾輒辄輓挽輔辅輕轻輛辆輜辎輝辉輞辋輟辍輥辊輦辇輩辈輪轮輯辑輳辏輸输輻辐輾辗輿舆轂毂轄辖轅辕轆辘轉转"
    "轍辙轎轿轔辚轟轰轡辔轢轹轤轳辦办辭辞辮辫辯辩農农迴回逕径這这連连週周進进遊游運运過过達达違违遙遥遜逊遞递遠远遡溯適适遲迟"
    "遶绕遷迁選选遺遗遼辽邁迈還还邇迩邊边邏逻邐逦郟郏郵邮鄆郓鄉乡鄒邹鄔邬鄖郧鄧邓鄭郑鄰邻鄲郸鄴邺鄶郐鄺邝酈郦醃腌醖酝醜丑醞酝"
    "醫医醬酱釀酿釁衅釃酾釅酽釋释釐厘釒钅釓钆釔钇釕钌釗钊釘钉釙钋針针釣钓釤钐釦扣釧钏釩钒釵钗釷钍釹钕釺钎鈀钯鈁钫鈄钭鈅钥鈈钚"
    "鈉钠鈍钝鈎钩鈐钤鈑钣鈔钞鈕钮鈞钧鈡钟鈣钙鈥钬鈦钛鈧钪鈮铌鈰铈鈳钶鈴铃鈷钴鈸钹鈹铍鈺钰鈽钸鈾铀鈿钿鉀钾鉅巨鉆钻鉈铊鉉铉鉍铋"
    "鉑铂鉕钷鉗钳鉚铆鉛铅鉞钺鉢钵鉤钩鉦钲鉬钼鉭钽鉳锫鉸铰鉺铒鉻铬鉿铪銀银銃铳銅铜銑铣銓铨銖铢銘铭銚铫銜衔銠铑銣铷銥铱銦铟銨铵"
    "銩铥銪铕銫铯銬铐銱铞銳锐銷销銹锈銻锑銼锉鋁铝鋃锒鋅锌鋇钡鋌铤鋏铗鋒锋鋝锊鋟锓鋣铘鋤锄鋥锃鋦锔鋨锇鋪铺鋭锐鋮铖鋯锆鋰锂鋱铽"
    "鋶锍鋸锯鋼钢錁锞錄录錆锖錇锫錈锩錐锥錒锕錕锟錘锤錙锱錚铮錛锛錟锬錠锭錢钱錦锦錨锚錫锡錮锢錯错録录錳锰錶表錸铼錼镎鍀锝鍁锨"
    "鍃锪鍅钫鍆钔鍇锴鍊炼鍋锅鍍镀鍔锷鍘铡鍛锻鍤锸鍥锲鍩锘鍬锹鍰锾鍵键鍶锶鍺锗鍼针鍾钟鎂镁鎄锿鎇镅鎊镑鎌镰鎖锁鎘镉鎚锤鎢钨鎣蓥"
    "鎦镏鎧铠鎩铩鎪锼鎬镐鎭镇鎮镇鎰镒鎳镍鎵镓鎸镌鎿镎鏃镞鏇旋鏈链鏌镆鏍镙鏑镝鏗铿鏘锵鏜镗鏝镘鏞镛鏟铲鏡镜鏢镖鏤镂鏨錾鏵铧鏷镤"
    "鏹镪鏽锈鐃铙鐋铴鐐镣鐒铹鐓镦鐔镡鐘钟鐙镫鐝镢鐠镨鐦锎鐧锏鐨镄鐫镌鐮镰鐲镯鐳镭鐵铁鐸铎鐺铛鐿镱鑄铸鑊镬鑌镔鑑鉴鑒鉴鑔镲鑠铄"
    "鑣镳鑥镥鑭镧鑰钥鑲镶鑷镊鑹镩鑼锣鑽钻鑾銮鑿凿钁镢長长門门閂闩閃闪閆闫閉闭開开閌闶閎闳閏闰閑闲閒闲間间閔闵閘闸閡阂閣阁閤合"
    "閥阀閨闺閩闽閫阃閬阆閭闾閱阅閲阅閶阊閹阉閻阎閼阏閽阍閾阈閿阌闃阒闆板闇暗闈闱闊阔闋阕闌阑闐阗闔阖闕阙闖闯關关闞阚闡阐闢辟"
    "闥闼陘陉陝陕陞升陣阵陰阴陳陈陸陆陽阳隉陧隊队階阶隕陨際际隨随險险隱隐隴陇隸隶隻只雋隽雖虽雙双雛雏雜杂雞鸡離离難难雲云電电"
    "霑沾霧雾霽霁靂雳靄霭靈灵靚靓靜静靦腼靨靥鞏巩鞝绱鞦秋鞽鞒韁缰韃鞑韆千韉鞯韋韦韌韧韓韩韙韪韜韬韝鞲韞韫韻韵響响頁页頂顶頃顷"
    "項项順顺頇顸須须頊顼頌颂頎颀頏颃預预頑顽頒颁頓顿頗颇領领頜颌頡颉頤颐頦颏頭头頰颊頷颔頸颈頹颓頻频頽颓顆颗題题額额顎颚顏颜"
    "顓颛顔颜願愿顙颡顛颠類类顢颟顥颢顧顾顫颤顬颥顯显顰颦顱颅顳颞顴颧風风颮飑颯飒颱台颳刮颶飓颼飕飄飘飆飙飈飚飛飞飠饣飢饥飩饨"
    "飪饪飫饫飭饬飯饭飱飧飲饮飴饴飼饲飽饱飾饰餃饺餅饼餈糍餉饷養养餌饵餑饽餒馁餓饿餘余餚肴餛馄餞饯餡馅館馆餬糊餱糇餳饧餵喂餷馇"
    "餼饩餾馏餿馊饃馍饅馒饈馐饉馑饊馓饋馈饌馔饑饥饒饶饗飨饜餍饞馋饢馕馬马馭驭馮冯馱驮馳驰馴驯駁驳駐驻駑驽駒驹駔驵駕驾駘骀駙驸"
    "駛驶駝驼駟驷駡骂駢骈駭骇駱骆駿骏騁骋騅骓騍骒騎骑騏骐騖骛騙骗騫骞騭骘騮骝騰腾騶驺騷骚騸骟騾骡驀蓦驁骜驂骖驃骠驄骢驅驱驊骅"
    "驍骁驏骣驕骄驗验驚惊驛驿驟骤驢驴驤骧驥骥驪骊骯肮髏髅髒脏體体髕髌髖髋髮发鬆松鬍胡鬚须鬢鬓鬥斗鬧闹鬨哄鬩阋鬮阄鬱郁魎魉魘魇"
    "魚鱼魯鲁魴鲂魷鱿鮁鲅鮃鲆鮎鲇鮐鲐鮑鲍鮒鲋鮚鲒鮝鲞鮞鲕鮪鲔鮫鲛鮭鲑鮮鲜鯀鲧鯁鲠鯇鲩鯉鲤鯊鲨鯔鲻鯖鲭鯗鲞鯛鲷鯝鲴鯡鲱鯢鲵鯤鲲"
    "鯧鲳鯨鲸鯪鲮鯫鲰鯰鲶鯴鲺鯽鲫鯿鳊鰈鲽鰉鳇鰍鳅鰐鳄鰒鳆鰓鳃鰠鳋鰣鲥鰥鳏鰨鳎鰩鳐鰭鳍鰱鲢鰲鳌鰳鳓鰵鳘鰷鲦鰹鲣鰻鳗鰾鳔鱅鳙鱈鳕"
    "鱉鳖鱒鳟鱔鳝鱖鳜鱗鳞鱘鲟鱝鲼鱟鲎鱧鳢鱭鲚鱷鳄鱸鲈鱺鲡鳥鸟鳧凫鳩鸠鳬凫鳳凤鳴鸣鳶鸢鴆鸩鴇鸨鴉鸦鴕鸵鴛鸳鴝鸲鴟鸱鴣鸪鴦鸯鴨鸭"
    "鴯鸸鴰鸹鴻鸿鴿鸽鵂鸺鵑鹃鵒鹆鵓鹁鵜鹈鵝鹅鵠鹄鵡鹉鵪鹌鵬鹏鵯鹎鵰雕鵲鹊鶇鸫鶉鹑鶓鹋鶘鹕鶚鹗鶥鹛鶩鹜鶯莺鶴鹤鶻鹘鶼鹣鶿鹚鷀鹚"
    "鷂鹞鷄鸡鷓鹧鷗鸥鷙鸷鷚鹨鷥鸶鷦鹪鷯鹩鷲鹫鷳鹇鷴鹇鷸鹬鷹鹰鷺鹭鸌鹱鸕鸬鸚鹦鸛鹳鸝鹂鸞鸾鹵卤鹹咸鹺鹾鹼碱鹽盐麗丽麥麦麩麸麪面"
    "麫面麯曲麵面麼么黃黄黌黉點点黨党黲黪黴霉黷黩黽黾黿鼋鼉鼍鼕冬鼴鼹齊齐齋斋齎赍齏齑齒齿齔龀齙龅齜龇齟龃齠龆齡龄齣出齦龈齧啮"
    "齪龊齬龉齲龋齶腭齷龌龍龙龐庞龔龚龕龛龜龟𡻕岁"
)
T2S = {ord(_T2S_PAIRS[i]): _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)}
_TRAD_SEARCH = re.compile("[" + "".join(map(chr, T2S)) + "]").search


def is_traditional(text: str) -> bool:
    """Whether ``text`` holds any traditional-only character of :data:`T2S`."""
    return _TRAD_SEARCH(text) is not None


def simplified(text: str) -> str:
    """``text`` with traditional-only characters in simplified form; same length, so offsets
    found on the result point into ``text`` (广州 for 廣州)."""
    return text.translate(T2S) if _TRAD_SEARCH(text) is not None else text


def cut(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """Cut ``text`` with jieba.posseg: ``(start, end, word, pos)`` with ``start`` counted from
    ``offset``.  White space is dropped.  Numbers are *not* protected here; see :func:`tokenize`.
    Text in traditional characters is cut as its simplified shadow (:func:`simplified`); the
    words returned are the text's own."""
    out = []
    pos = 0
    shadow = simplified(text)  # a traditional page is cut as its simplified shadow
    for pair in tokenizer().cut(shadow):
        w = pair.word
        i = shadow.find(w, pos)
        if i < 0:  # jieba never drops characters; be safe anyway
            continue
        pos = i + len(w)
        if not w.strip():
            continue
        out.append((offset + i, offset + pos, text[i:pos], pair.flag))
    return out


_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?")


def _protected(text: str, spans: Iterable[tuple[int, int, str]], offset: int = 0):
    """Merge protected spans (start, end, pos) with digit runs of ``text`` outside them."""
    taken: list[tuple[int, int, str]] = []
    lo, hi = offset, offset + len(text)
    for s, e, p in sorted(spans):
        s, e = max(s, lo), min(e, hi)
        if s >= e or any(s < te and ts < e for ts, te, _ in taken):
            continue
        taken.append((s, e, p))
    for m in _DIGITS.finditer(text):
        s, e = offset + m.start(), offset + m.end()
        if not any(s < te and ts < e for ts, te, _ in taken):
            taken.append((s, e, "m"))
    return sorted(taken)


def tokenize(text: str, spans: Iterable[tuple[int, int, str]] = (), offset: int = 0
             ) -> list[tuple[int, int, str, str]]:
    """Tokens of ``text`` (which starts at ``offset`` of the page): each protected span
    ``(start, end, pos)`` and each digit run is one token; jieba cuts the text between them."""
    out = []
    cur = offset
    for s, e, p in _protected(text, spans, offset):
        if s > cur:
            out.extend(cut(text[cur - offset:s - offset], cur))
        out.append((s, e, text[s - offset:e - offset], p))
        cur = e
    if cur < offset + len(text):
        out.extend(cut(text[cur - offset:], cur))
    return out


def _optional_spans(page, name: str, pos: str) -> list[tuple[int, int, str]]:
    """Spans of another module's table, or none when that module is not installed."""
    if importlib.util.find_spec(f"newspage.{name}") is None:  # not written in this checkout
        return []
    df = getattr(page, name)
    if df is None or not len(df):
        return []
    return [(int(s), int(e), pos) for s, e in zip(df["start"], df["end"])]


def extract_tokens(page) -> pd.DataFrame:
    """The ``tokens`` table of ``page`` (without page_id)."""
    spans = _optional_spans(page, "quantities", "m") + _optional_spans(page, "dates", "t")
    spans.sort()
    rows = []
    text = page.text
    for sent in page.sentences.itertuples(index=False):
        s0, s1 = int(sent.start), int(sent.end)
        inside = [sp for sp in spans if sp[0] < s1 and sp[1] > s0]
        for s, e, w, p in tokenize(text[s0:s1], inside, s0):
            rows.append((sent.story_id, sent.sent_id, s, e, w, p))
    return pd.DataFrame(rows, columns=TOKENS.names)


# ---------------------------------------------------------------------------
# Keywords
# ---------------------------------------------------------------------------

CONTENT_POS = re.compile(r"^(n|nr|ns|nt|nz|nrt|nrfg|ng|vn|v|vd|i|l|j|an|b|eng)$")

# Generic function-like content words of news prose that never characterise a story.
STOP_WORDS = frozenset("""
进行 实现 推进 推动 加强 提升 提高 开展 加快 确保 持续 坚持 通过 进一步 相关 有关 方面 工作 目前 今年
去年 明年 近日 日前 此次 本次 同时 此外 其中 以及 不断 全面 有效 切实 积极 充分 成为 作为 表示 介绍 指出
认为 记者 本报讯 本报记者 通讯员 报道 据悉 了解 据了解 一批 一系列 各类 各项 多个 多种 主要 重要 重点 实际
具有 能够 可以 需要 已经 正在 如今 以来 期间 之后 之前 这一 一个 一些 这些 那些 我们 他们 自身 各地 发挥
形成 做好 落实 打造 构建 建立 健全 完善 优化 强化 深化 创新 发展 高效 不仅 还是 以及 包括 其他 等等
""".split())


def _is_candidate(word: str, pos: str) -> bool:
    if len(word) < 2 or word in STOP_WORDS:
        return False
    if any(c.isdigit() for c in word):
        return False
    if not CONTENT_POS.match(pos or ""):
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in word) or pos == "eng"


def rank_keywords(docs: dict[str, list[str]], top_k: int = TOP_K) -> list[tuple[str, int, str, float]]:
    """TF-IDF keywords of each document (a list of candidate words in reading order).

    Returns ``(doc_id, rank, word, score)``.  Deterministic: ties keep first occurrence.
    """
    n_docs = len(docs)
    df = Counter()
    for words in docs.values():
        df.update(set(words))
    out = []
    for doc_id, words in docs.items():
        if not words:
            continue
        tf = Counter(words)
        first = {}
        for i, w in enumerate(words):
            first.setdefault(w, i)
        total = len(words)
        scored = []
        for w, c in tf.items():
            idf = math.log((1 + n_docs) / (1 + df[w])) + 1.0
            scored.append((-round(c / total * idf, 9), first[w], w))
        scored.sort()
        for rank, (neg, _, w) in enumerate(scored[:top_k], 1):
            out.append((doc_id, rank, w, -neg))
    return out


def extract_keywords(page, top_k: int = TOP_K) -> pd.DataFrame:
    """The ``keywords`` table of ``page`` (without page_id)."""
    toks = page.tokens if hasattr(page, "tokens") else extract_tokens(page)
    docs: dict[str, list[str]] = {sid: [] for sid in page.stories["story_id"]}
    for story_id, word, pos in zip(toks["story_id"], toks["token"], toks["pos"]):
        if _is_candidate(word, pos):
            docs.setdefault(story_id, []).append(word)
    rows = rank_keywords(docs, top_k)
    return pd.DataFrame(rows, columns=KEYWORDS.names)


def keywords_of(texts: dict[str, str], top_k: int = TOP_K) -> list[tuple[str, int, str, float]]:
    """Keywords of plain texts (id -> text), for use outside a Page."""
    docs = {k: [w for _, _, w, p in tokenize(t) if _is_candidate(w, p)] for k, t in texts.items()}
    return rank_keywords(docs, top_k)
