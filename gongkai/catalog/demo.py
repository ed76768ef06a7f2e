"""Demo catalog of the seed township (车辋镇人民政府): its 2024 publications as section 一.1 of the
seed annual report counts them — 领导信息1条、职责信息1条、镇街动态共62条 — published through the
review workflow (王经办 drafts, 李审核 reviews). Idempotent."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.demo import demo_user, township
from gongkai.catalog import actions
from gongkai.catalog.actions.setup import add_column
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.structure import ensure_catalog

LEADERS = (
    "车辋镇领导班子成员及分工",
    "镇党委书记：主持镇党委全面工作。镇长：主持镇政府全面工作，分管财政、审计工作。"
    "副镇长：负责农业农村、水利、乡村振兴工作；负责社会事务、民政、退役军人事务工作；负责安全生产、应急管理、自然资源工作。",
)
DUTIES = (
    "车辋镇人民政府机构职能",
    "执行本级人民代表大会的决议和上级国家行政机关的决定和命令，发布决定和命令；"
    "执行本行政区域内的经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、体育事业和财政、"
    "民政、公安、司法行政、计划生育等行政工作；保护社会主义的全民所有的财产和劳动群众集体所有的财产，"
    "保护公民私人所有的合法财产，维护社会秩序，保障公民的人身权利、民主权利和其他权利。"
    "办公地址：车辋镇政府街1号；办公时间：工作日8:30-12:00，14:30-18:00。",
)

NEWS_TOPICS = [
    (
        "召开2024年度安全生产工作会议",
        "会议传达学习了上级安全生产工作部署，对全镇重点行业领域安全隐患排查整治工作作出安排，要求各村、各企业压紧压实安全生产责任。",
    ),
    (
        "开展春季森林防火专项检查",
        "镇应急办联合各村对辖区林区、坟山等重点部位开展森林防火检查，发放宣传资料，清理林下可燃物，严防野外违规用火。",
    ),
    (
        "组织开展低保对象动态核查",
        "镇民政办对全镇城乡低保、特困供养对象开展入户核查，逐户核实家庭收入和财产状况，确保社会救助应保尽保、应退尽退。",
    ),
    (
        "推进高标准农田建设项目",
        "镇农业农村办深入项目现场督导高标准农田建设进度，协调解决沟渠配套、机耕道路建设中的问题，确保按期完工。",
    ),
    (
        "开展防汛应急演练",
        "演练模拟强降雨引发山洪险情，检验了镇村两级防汛应急预案的可操作性，提升了干部群众的应急处置和避险转移能力。",
    ),
    (
        "召开乡村振兴工作推进会",
        "会议听取了各村产业发展、人居环境整治和防止返贫监测帮扶工作进展情况汇报，部署下一阶段重点任务。",
    ),
    (
        "开展农村人居环境整治提升行动",
        "各村组织党员干部和志愿者集中清理房前屋后垃圾杂物，整治乱堆乱放，推进厕所革命和生活污水治理。",
    ),
    (
        "组织开展医保参保宣传",
        "镇社保中心工作人员深入各村宣传城乡居民基本医疗保险政策，讲解参保缴费流程和报销待遇，提高群众参保积极性。",
    ),
    (
        "召开退役军人服务保障工作会议",
        "会议学习了退役军人优抚政策，部署走访慰问、信息采集和就业创业服务等工作，切实维护退役军人合法权益。",
    ),
    (
        "开展食品安全专项检查",
        "镇市场监管所对辖区学校食堂、农村集体聚餐点和小餐饮店开展食品安全检查，督促落实进货查验和索证索票制度。",
    ),
    (
        "举办农村实用技术培训班",
        "培训邀请县农技专家就水稻病虫害绿色防控、果树修剪和畜禽养殖技术进行讲解，帮助农户提升种养水平。",
    ),
    (
        "开展耕地保护和土地征收政策宣传",
        "镇自然资源所通过集中宣讲和入户走访，宣传耕地保护红线要求和土地征收补偿安置政策，引导群众依法用地。",
    ),
    (
        "组织开展燃气安全隐患排查",
        "镇安监站联合燃气公司对辖区餐饮场所和居民用户开展燃气安全检查，重点检查燃气软管老化、报警装置安装等情况。",
    ),
    (
        "推进农村宅基地使用审核工作",
        "镇村两级严格落实农村宅基地申请审核程序，公开审批条件和办理流程，对审核结果进行公示，接受群众监督。",
    ),
    (
        "开展秋季征兵宣传工作",
        "镇武装部在集镇和各村张贴征兵宣传海报，组织适龄青年参加政策宣讲，鼓励优秀青年积极报名应征。",
    ),
    (
        "召开扫黑除恶常态化工作会议",
        "会议要求各村各部门保持高压态势，深入排查涉黑涉恶线索，加强宣传发动，营造良好社会治安环境。",
    ),
    (
        "开展农村土地承包经营权流转服务",
        "镇农经站为流转双方提供政策咨询、合同签订和备案服务，规范土地流转行为，保障农户合法权益。",
    ),
    (
        "组织开展学生资助政策宣传",
        "镇教育办通过家长会和入户走访，宣传学前教育、义务教育、高中教育阶段学生资助政策，确保应助尽助。",
    ),
    (
        "开展冬春农田水利建设",
        "全镇组织对山塘水库、灌溉渠道进行清淤整修，加固塘坝，改善农田灌溉条件，为来年农业生产打好基础。",
    ),
    (
        "召开筹资筹劳议事会议",
        "各村按照一事一议程序召开村民代表会议，讨论村内道路硬化和水利设施维修筹资筹劳方案，并将结果张榜公示。",
    ),
    (
        "开展临时救助和特困人员走访慰问",
        "镇领导带队走访慰问特困供养人员和遭遇突发困难的家庭，送去慰问金和生活用品，落实临时救助政策。",
    ),
]
MONTH_WORDS = {
    1: "元旦春节期间",
    2: "春节后",
    3: "春耕时节",
    4: "清明前后",
    5: "五月",
    6: "汛期",
    7: "盛夏",
    8: "八月",
    9: "秋收时节",
    10: "国庆期间",
    11: "入冬以来",
    12: "年末岁初",
}


def _news(rng: random.Random) -> list[tuple[date, str, str, str]]:
    """62 items spread over 2024's working days: (date, title, summary, body)."""
    days = []
    day = date(2024, 1, 8)
    while len(days) < 62:
        days.append(day)
        day += timedelta(days=rng.choice([3, 4, 5, 6, 7]))
    out = []
    for i, day in enumerate(days):
        topic, text = NEWS_TOPICS[i % len(NEWS_TOPICS)]
        round_no = i // len(NEWS_TOPICS)
        title = f"车辋镇{topic}" if round_no == 0 else f"车辋镇{MONTH_WORDS[day.month]}{topic}"
        body = (
            f"{day.month}月{day.day}日，{title.removeprefix('车辋镇')}。{text}"
            f"镇党委、政府高度重视，要求相关部门和各村提高思想认识，细化工作措施，狠抓工作落实，"
            f"以务实举措回应群众关切，推动全镇各项工作取得实效。"
        )
        out.append((day, title, text, body))
    return out


def _publish(*, agency, column, handler, reviewer, on: date, title: str, summary: str, body: str):
    item = actions.create_item(
        agency=agency,
        column=column,
        actor=handler,
        fields={
            "title": title,
            "summary": summary,
            "publisher": agency.name,
            "written_on": on,
            "published_on": on,
            "body_html": "".join(f"<p>{p}</p>" for p in body.split("\n")),
            "topic": "综合政务",
        },
    )
    at = timezone.make_aware(datetime.combine(on, time(9, 30)))
    version = item.versions.get()
    actions.submit_version(version=version, actor=handler, now=at)
    actions.approve_version(
        version=version, actor=reviewer, opinion="经保密审查，同意公开。", now=at + timedelta(hours=2)
    )
    return item


@transaction.atomic
def load(stdout=None) -> None:
    agency = township()
    ensure_catalog(agency)
    handler, reviewer, admin = demo_user("jingban"), demo_user("shenhe"), demo_user("guanli")
    group = Column.objects.get(agency=agency, kind=ColumnKind.GROUP, code="statutory")
    cols = {}
    for position, name in ((50, "领导信息"), (51, "职责信息"), (52, "镇街动态")):
        cols[name] = Column.objects.filter(agency=agency, name=name).first() or add_column(
            agency=agency, actor=admin, name=name, parent=group, position=position
        )
    if Item.objects.filter(column=cols["镇街动态"]).exists():
        if stdout:
            stdout.write("demo: catalog already loaded\n")
        return
    rng = random.Random(2024)
    _publish(
        agency=agency,
        column=cols["领导信息"],
        handler=handler,
        reviewer=reviewer,
        on=date(2024, 1, 5),
        title=LEADERS[0],
        summary="镇领导班子成员姓名、职务及工作分工",
        body=LEADERS[1],
    )
    _publish(
        agency=agency,
        column=cols["职责信息"],
        handler=handler,
        reviewer=reviewer,
        on=date(2024, 1, 5),
        title=DUTIES[0],
        summary="镇人民政府主要职能、办公地址和办公时间",
        body=DUTIES[1],
    )
    for day, title, summary, body in _news(rng):
        _publish(
            agency=agency,
            column=cols["镇街动态"],
            handler=handler,
            reviewer=reviewer,
            on=day,
            title=title,
            summary=summary,
            body=body,
        )
    if stdout:
        stdout.write("demo: catalog of 车辋镇 loaded (领导信息1条、职责信息1条、镇街动态62条)\n")
