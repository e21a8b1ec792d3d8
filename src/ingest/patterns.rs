//! The patterns of Chinese writing that ingestion reads: surnames, titles, reporting verbs,
//! pronouns and connectives. Every list is in folded form (Simplified script, half-width,
//! lower case), so it matches Traditional and Simplified text alike. None of it names a word
//! of one forum: these are the words any report or transcript uses to introduce and quote
//! people.

/// Common single-character surnames. Characters that are far more often a function word
/// than a surname (和, 于, 都, 由, 时, 成…) are left out: a name is only ever read right
/// after a title or before a transcript colon, and a false surname there costs more than a
/// rare missed one.
pub const SURNAMES: &str =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙\
史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹\
申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍\
华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿\
桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁\
胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚花权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣\
晋初容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊乌裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危银亢嵇湛宾戎勾茅居\
揭尉冶斯束檀衣展阴昝幸奉衡尧洪赖萧";

/// Two-character surnames, tried before the single ones.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木", "南宫", "西门", "独孤", "轩辕", "钟离", "闻人", "澹台", "呼延", "百里",
    "东郭", "淳于", "申屠", "太史", "左丘", "第五",
];

/// Titles that introduce a person (`ORGANISATION + TITLE + NAME`), longest first where one
/// contains another, so that 联合创始人 wins over 创始人 and 副总裁 over 总裁.
pub const TITLES: &[&str] = &[
    "联合创始人",
    "联合创办人",
    "共同创办人",
    "共同创始人",
    "创始合伙人",
    "首席执行官",
    "首席技术官",
    "首席运营官",
    "首席财务官",
    "首席科学家",
    "首席经济学家",
    "首席分析师",
    "首席架构师",
    "首席产品官",
    "首席战略官",
    "首席信息官",
    "首席顾问",
    "执行董事",
    "副董事长",
    "董事长",
    "董事总经理",
    "执行总裁",
    "高级副总裁",
    "副总裁",
    "总裁",
    "执行长",
    "营运长",
    "财务长",
    "技术长",
    "研发长",
    "人资长",
    "资讯长",
    "行销长",
    "法务长",
    "策略长",
    "数位长",
    "永续长",
    "副总经理",
    "总经理",
    "总工程师",
    "副总编辑",
    "总编辑",
    "执行主编",
    "副主编",
    "主编",
    "副总编",
    "总编",
    "副院长",
    "院长",
    "副所长",
    "所长",
    "副主任",
    "主任",
    "副秘书长",
    "秘书长",
    "副理事长",
    "理事长",
    "理事主席",
    "常务理事",
    "理事",
    "监事",
    "副会长",
    "会长",
    "副主席",
    "主席",
    "副社长",
    "社长",
    "副校长",
    "校长",
    "副行长",
    "行长",
    "副部长",
    "部长",
    "副局长",
    "局长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "司长",
    "署长",
    "主委",
    "组长",
    "课长",
    "副厅长",
    "厅长",
    "副市长",
    "市长",
    "副区长",
    "区长",
    "副县长",
    "县长",
    "副书记",
    "村支书",
    "支书",
    "书记",
    "村主任",
    "村长",
    "副总监",
    "副教授",
    "教授",
    "研究员",
    "分析师",
    "合伙人",
    "创始人",
    "创办人",
    "董事",
    "总监",
    "经理",
    "负责人",
    "发言人",
    "院士",
    "博士",
    "讲师",
    "老师",
    "教师",
    "律师",
    "医师",
    "医生",
    "药师",
    "建筑师",
    "设计师",
    "工程师",
    "会计师",
    "护理师",
    "心理师",
    "咨询师",
    "治疗师",
    "营养师",
    "护士",
    "社工",
    "志工",
    "志愿者",
    "义工",
    "老板娘",
    "老板",
    "店主",
    "店东",
    "店长",
    "掌柜",
    "主理人",
    "馆长",
    "园长",
    "制片人",
    "制作人",
    "监制",
    "导演",
    "编剧",
    "主播",
    "领队",
    "总教练",
    "主教练",
    "教练",
    "队长",
    "主持人",
    "掌门人",
    "ceo",
    "cto",
    "coo",
    "cfo",
    "cmo",
    "cio",
    "cso",
    "cpo",
    "vp",
    "svp",
];

/// Executive titles a person is addressed by as 姓 + 总 (林总, 欧阳总), besides every Latin
/// title (CEO, CTO, VP…).
pub const EXECUTIVE_TITLES: &[&str] = &[
    "联合创始人",
    "联合创办人",
    "共同创办人",
    "共同创始人",
    "创始合伙人",
    "首席执行官",
    "首席技术官",
    "首席运营官",
    "首席财务官",
    "执行董事",
    "董事长",
    "副董事长",
    "董事总经理",
    "执行总裁",
    "高级副总裁",
    "副总裁",
    "总裁",
    "执行长",
    "营运长",
    "财务长",
    "技术长",
    "副总经理",
    "总经理",
    "创始人",
    "创办人",
    "合伙人",
    "总监",
];

/// Titles a person is addressed by as 姓 + the title itself (许主任, 程秘书长, 王院长), with
/// the short form some of them also take (郑董 for 郑董事长). A deputy (副局长) is addressed
/// without 副 (高局长).
pub const ADDRESS_TITLES: &[(&str, Option<&str>)] = &[
    ("董事长", Some("董")),
    ("执行长", None),
    ("理事主席", Some("主席")),
    ("总编辑", Some("总编")),
    ("院长", None),
    ("所长", None),
    ("主任", None),
    ("秘书长", None),
    ("理事长", None),
    ("会长", None),
    ("主席", None),
    ("社长", None),
    ("主编", None),
    ("总编", None),
    ("校长", None),
    ("行长", None),
    ("部长", None),
    ("局长", None),
    ("处长", None),
    ("科长", None),
    ("司长", None),
    ("署长", None),
    ("主委", None),
    ("组长", None),
    ("课长", None),
    ("厅长", None),
    ("区长", None),
    ("县长", None),
    ("市长", None),
    ("书记", None),
    ("支书", Some("书记")),
    ("村长", None),
    ("馆长", None),
    ("园长", None),
    ("店长", None),
    ("教授", None),
    ("院士", None),
    ("博士", None),
];

/// How anyone is politely addressed by surname (罗老师, 王先生), or by the trade a text may call
/// them by without it being their title (邵律师 for a law firm's partner, 高医师 for a clinic's
/// head): a name for whoever alone has that surname.
pub const HONORIFICS: &[&str] = &[
    "老师",
    "先生",
    "女士",
    "指导",
    "教练",
    "律师",
    "医师",
    "医生",
    "大夫",
    "老板娘",
    "老板",
];

/// Words written right before a title that belong to the role, not to the organisation
/// (主持律师, 执业医师, 第二代老板).
pub const ROLE_MODIFIERS: &[&str] = &[
    "主持", "执业", "主治", "资深", "首任", "名誉", "荣誉", "特聘", "客座", "常务", "专职", "驻村",
];

/// Words that say when or which, never whose: `今天的主持人`, `本场主持人` name no organisation.
pub const DEICTICS: &[&str] = &[
    "今天", "今日", "今晚", "当天", "当晚", "本场", "本次", "本届", "本期", "这场", "这次", "这位",
    "此次", "今年", "我们", "你们", "他们", "大家", "现场", "台上", "会上",
];

/// Words that open a description of someone's several roles, ending in `的` + the name
/// (身兼…副会长的龙小溪, 作为…CEO的王小川).
pub const ROLE_OPENERS: &[&str] = &["身兼", "兼任", "身为", "作为", "担任"];

/// Verbs of running a shop or a body, and the ending that makes the role (经营「海风柑仔店」
/// 的叶秋月 is its 经营者, 创办了…的某某 its 创办人), for people introduced without a title.
pub const RUNNING_VERBS: &[(&str, &str)] = &[("经营", "者"), ("创办", "人"), ("开办", "人")];

/// Verbs that name the person an interview is with (专访了…谭思远): who answers its questions.
pub const INTERVIEW_VERBS: &[&str] = &["专访", "采访", "访问", "对话", "访谈"];

/// The title a moderator or host carries.
pub const HOST_TITLES: &[&str] = &["主持人", "主持"];

/// Verbs that report what someone says or thinks, after the speaker (`X表示`, `X也认为`).
pub const REPORTING_VERBS: &[&str] = &[
    "表示",
    "认为",
    "坦言",
    "指出",
    "透露",
    "提到",
    "提及",
    "强调",
    "介绍",
    "解释",
    "提醒",
    "承认",
    "直言",
    "补充",
    "谈到",
    "谈及",
    "谈起",
    "说起",
    "回应",
    "预测",
    "预计",
    "估计",
    "判断",
    "相信",
    "坚信",
    "赞同",
    "认同",
    "同意",
    "觉得",
    "看好",
    "主张",
    "坚持",
    "希望",
    "呼吁",
    "建议",
    "分析",
    "举例",
    "回忆",
    "笑称",
    "笑言",
    "澄清",
    "坦承",
    "坦陈",
    "告诉",
    "提出",
    "重复",
    "总结",
    "感慨",
    "感叹",
    "表态",
    "否认",
    "质疑",
    "担心",
    "期待",
    "分享",
    "说道",
    "笑道",
    "答道",
    "回答",
    "答案",
    "披露",
    "宣布",
    "承诺",
    "反驳",
    "警告",
    "阐述",
    "表明",
    "展望",
    "说明",
    "声称",
    "断言",
    "直呼",
    "打比方",
    "比喻",
    "形容",
    "描述",
    "称",
    "说",
    "讲",
];

/// Verbs of asking: a question counts for less than its answer.
pub const QUESTION_VERBS: &[&str] = &[
    "追问", "提问", "发问", "问道", "询问", "抛给", "抛出", "邀请", "请", "问",
];

/// Nouns for a view, read as `X的看法是`, `在X看来` is handled on its own.
pub const VIEW_NOUNS: &[&str] = &[
    "核心看法",
    "看法",
    "观点",
    "判断",
    "答案",
    "态度",
    "回答",
    "解释",
    "说法",
    "结论",
    "理由",
    "立场",
    "逻辑",
    "思路",
    "预测",
    "建议",
];

/// Words for a speech, which a line announces before giving it (以下为…的发言实录：).
pub const SPEECHES: &[&str] = &["发言", "演讲", "讲话", "致辞", "实录", "全文", "摘录"];

/// What a paragraph opens with when it continues the view of the paragraph before without
/// naming its speaker (一方面…, 此外…).
pub const CONTINUATIONS: &[&str] = &[
    "一方面",
    "另一方面",
    "此外",
    "而且",
    "并且",
    "同时",
    "首先",
    "其次",
    "再次",
    "第二",
    "第三",
    "换句话说",
    "也就是说",
    "比如",
    "例如",
    "譬如",
    "具体来说",
    "具体而言",
    "只是",
    "不过",
    "但是",
    "然而",
    "可是",
];

/// Words that bring in someone unnamed (一名乘客, 有位家长): a 他/她 after them is that person.
/// (有名 is left out: it is far more often "famous".)
pub const UNNAMED_PEOPLE: &[&str] = &["一名", "一位", "有位", "某位"];

/// Words that join people into one group (`A和B进行了对话`): none of them speaks alone.
pub const COORDINATORS: &[&str] = &["以及", "和", "与", "及", "跟", "同", "、"];

/// Prefixes of a transcript turn asked by someone unnamed.
pub const QUESTION_PREFIXES: &[&str] = &[
    "q",
    "问",
    "提问",
    "提问者",
    "观众",
    "听众",
    "网友",
    "与会者",
    "记者",
    "现场提问",
    "观众提问",
    "现场观众",
];

/// Prefixes of a transcript turn that answers the question before it.
pub const ANSWER_PREFIXES: &[&str] = &["a", "答", "回答"];

/// Words a byline uses before the reporter's name.
pub const REPORTER_MARKS: &[&str] = &["记者", "作者", "文/", "文|", "撰文", "采写", "文 |"];

/// Endings of an event's name (北京智源大会, 第三届…大会, …论坛).
pub const EVENT_SUFFIXES: &[&str] = &[
    "开发者大会",
    "博览会",
    "研讨会",
    "发布会",
    "座谈会",
    "交流会",
    "分享会",
    "说明会",
    "研习会",
    "展览会",
    "嘉年华",
    "工作坊",
    "文化周",
    "活动周",
    "艺术节",
    "文化节",
    "电影节",
    "音乐节",
    "年会",
    "峰会",
    "论坛",
    "大会",
    "沙龙",
    "讲座",
];

/// Endings of a session's name inside an event.
pub const SESSION_SUFFIXES: &[&str] = &[
    "圆桌论坛",
    "圆桌对话",
    "圆桌座谈",
    "高峰对话",
    "尖峰对话",
    "巅峰对话",
    "对话",
    "圆桌",
    "座谈",
    "分论坛",
    "专场",
    "主论坛",
    "论坛",
    "沙龙",
];

/// Endings of a venue's name.
pub const PLACE_SUFFIXES: &[&str] = &[
    "国际会展中心",
    "国际会议中心",
    "国际会议厅",
    "会展中心",
    "会议中心",
    "会议厅",
    "博览中心",
    "展览中心",
    "展览馆",
    "体育馆",
    "大酒店",
    "酒店",
    "大厦",
    "大礼堂",
    "礼堂",
];

/// True for the punctuation that ends or separates clauses.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '。' | '，' | '；' | '：' | '！' | '？' | '、' | '…'
    )
}

/// True for the punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；')
}

/// Opening and closing quotation marks.
pub fn closing_quote(open: char) -> Option<char> {
    match open {
        '「' => Some('」'),
        '『' => Some('』'),
        '“' => Some('”'),
        '"' => Some('"'),
        _ => None,
    }
}
