/* core_demo.c — generators for realistic demo data (names, IDs, credit
 * codes, employers, accidents).  Layer: core. */
#include "core_demo.h"

#include <stdio.h>
#include <string.h>

#include "core_validate.h"
#include "util.h"

void rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
}

/* splitmix64: fast, well distributed, and the same everywhere. */
uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)((rng_next(r) >> 32) * n >> 32) : 0;
}

int rng_chance(struct rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

/* Surnames with rough weights (per mille) from the 2020 census ranking;
 * a few polyphonic ones (曾 单 解 查 区) so pinyin lookup has real cases. */
static const struct {
	const char *s;
	int w;
} surnames[] = {
	{ "王", 74 }, { "李", 72 }, { "张", 68 }, { "刘", 54 }, { "陈", 46 }, { "杨", 33 },
	{ "黄", 24 }, { "赵", 20 }, { "吴", 20 }, { "周", 19 }, { "徐", 15 }, { "孙", 15 },
	{ "马", 14 }, { "朱", 13 }, { "胡", 13 }, { "郭", 11 }, { "何", 11 }, { "林", 10 },
	{ "高", 10 }, { "罗", 10 }, { "郑", 9 },  { "梁", 9 },  { "谢", 8 },  { "宋", 7 },
	{ "唐", 7 },  { "许", 7 },  { "韩", 7 },  { "邓", 6 },  { "冯", 6 },  { "曹", 6 },
	{ "彭", 6 },  { "曾", 6 },  { "肖", 6 },  { "田", 5 },  { "董", 5 },  { "潘", 5 },
	{ "袁", 5 },  { "蔡", 5 },  { "蒋", 5 },  { "余", 5 },  { "于", 5 },  { "杜", 4 },
	{ "叶", 4 },  { "程", 4 },  { "魏", 4 },  { "苏", 4 },  { "吕", 4 },  { "丁", 4 },
	{ "任", 4 },  { "卢", 4 },  { "姚", 4 },  { "沈", 4 },  { "钟", 4 },  { "姜", 4 },
	{ "崔", 3 },  { "谭", 3 },  { "陆", 3 },  { "范", 3 },  { "汪", 3 },  { "廖", 3 },
	{ "石", 3 },  { "金", 3 },  { "韦", 3 },  { "贾", 3 },  { "夏", 3 },  { "付", 3 },
	{ "方", 3 },  { "邹", 2 },  { "熊", 2 },  { "白", 2 },  { "孟", 2 },  { "秦", 2 },
	{ "邱", 2 },  { "侯", 2 },  { "江", 2 },  { "尹", 2 },  { "薛", 2 },  { "闫", 2 },
	{ "段", 2 },  { "雷", 2 },  { "龙", 2 },  { "黎", 2 },  { "史", 2 },  { "陶", 2 },
	{ "贺", 2 },  { "毛", 2 },  { "郝", 2 },  { "顾", 2 },  { "龚", 2 },  { "邵", 2 },
	{ "万", 2 },  { "覃", 1 },  { "武", 2 },  { "钱", 2 },  { "戴", 2 },  { "严", 2 },
	{ "单", 1 },  { "解", 1 },  { "查", 1 },  { "区", 1 },  { "仇", 1 },  { "葛", 1 },
};

static const char *given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
	"飞", "鑫", "波", "宁", "浩", "俊", "帅", "建国", "志强", "海涛", "文杰", "国庆", "德明",
	"永红", "春生", "家豪", "子轩", "宇航", "晓东", "振华", "立新", "长江", "大山", "红兵",
};
static const char *given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "桂英", "玉兰", "秀兰", "婷",
	"雪", "琳", "洁", "燕", "红", "玲", "萍", "晓红", "丽娟", "海燕", "春梅", "欣怡", "梓涵",
	"雨萱", "思琪", "佳怡", "淑珍", "凤英", "美玲",
};

/* County-level GB/T 2260 codes in Anhui, with the town names used in addresses. */
static const struct {
	const char *code, *place;
} counties[] = {
	{ "340102", "合肥市瑶海区" }, { "340103", "合肥市庐阳区" }, { "340104", "合肥市蜀山区" },
	{ "340111", "合肥市包河区" }, { "340121", "合肥市长丰县" }, { "340122", "合肥市肥东县" },
	{ "340123", "合肥市肥西县" }, { "340181", "巢湖市" },       { "340202", "芜湖市镜湖区" },
	{ "340302", "蚌埠市龙子湖区" }, { "340402", "淮南市大通区" }, { "340503", "马鞍山市花山区" },
	{ "340602", "淮北市杜集区" }, { "340705", "铜陵市铜官区" }, { "340802", "安庆市迎江区" },
	{ "341002", "黄山市屯溪区" }, { "341102", "滁州市琅琊区" }, { "341202", "阜阳市颍州区" },
	{ "341302", "宿州市埇桥区" }, { "341502", "六安市金安区" }, { "341602", "亳州市谯城区" },
	{ "341702", "池州市贵池区" }, { "341802", "宣城市宣州区" }, { "341221", "临泉县" },
	{ "341321", "砀山县" },       { "341523", "舒城县" },       { "341622", "蒙城县" },
};

static const char *roads[] = {
	"长江东路", "淮河路", "金寨路", "望江西路", "黄山路", "徽州大道", "包河大道", "铜陵北路",
	"人民路", "解放路", "建设路", "和平路", "胜利路", "工业园路", "新华街", "幸福路",
};

static const char *pick(struct rng *r, const char *const *a, size_t n)
{
	return a[rng_below(r, (uint32_t)n)];
}
#define PICK(r, a) pick((r), (a), ARRAY_SIZE(a))

static const char *surname(struct rng *r)
{
	static int total;
	if (!total)
		for (size_t i = 0; i < ARRAY_SIZE(surnames); i++)
			total += surnames[i].w;
	int x = (int)rng_below(r, (uint32_t)total);
	for (size_t i = 0; i < ARRAY_SIZE(surnames); i++) {
		x -= surnames[i].w;
		if (x < 0)
			return surnames[i].s;
	}
	return surnames[0].s;
}

static void mobile(struct rng *r, char out[12])
{
	static const char *pre[] = { "130", "131", "132", "135", "136", "137", "138", "139",
				     "150", "151", "152", "155", "156", "158", "159", "177",
				     "180", "181", "182", "183", "185", "186", "187", "188",
				     "189", "199" };
	snprintf(out, 12, "%s%08u", PICK(r, pre), rng_below(r, 100000000));
}

void demo_person(struct rng *r, int year_from, int year_to, char sex, struct demo_person *p)
{
	if (!sex)
		sex = rng_chance(r, 72) ? 'M' : 'F'; /* injured workers are mostly men */
	int c = (int)rng_below(r, ARRAY_SIZE(counties));
	int y = year_from + (int)rng_below(r, (uint32_t)(year_to - year_from + 1));
	int m = 1 + (int)rng_below(r, 12);
	int d = 1 + (int)rng_below(r, 28);
	unsigned seq = rng_below(r, 500) * 2 + (sex == 'M' ? 1 : 0);
	char first17[18];
	snprintf(first17, sizeof first17, "%s%04d%02d%02d%03u", counties[c].code, y, m, d, seq);
	snprintf(p->id_number, sizeof p->id_number, "%s%c", first17,
		 citizen_id_check_char(first17));
	const char *given = sex == 'M' ? PICK(r, given_m) : PICK(r, given_f);
	snprintf(p->name, sizeof p->name, "%s%s", surname(r), given);
	p->sex = sex;
	p->birth = date_from_ymd(y, m, d);
	mobile(r, p->phone);
	snprintf(p->address, sizeof p->address, "%s%s%u号", counties[c].place, PICK(r, roads),
		 1 + rng_below(r, 300));
}

/* GB 11714 check character of an 8-digit organisation code body. */
static char org_check(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;
	for (int i = 0; i < 8; i++)
		s += (body[i] - '0') * w[i];
	int c = 11 - s % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

void demo_employer(struct rng *r, struct demo_employer *e)
{
	static const char *cities[] = { "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "安庆", "滁州",
					"阜阳", "六安", "宣城", "铜陵", "宿州" };
	static const char *words[] = { "华科", "兴业", "恒达", "宏远", "金鼎", "江淮", "皖通",
				       "新力", "长丰", "徽商", "同创", "联发", "鑫源", "瑞丰",
				       "永安", "中联", "天健", "海螺", "东方", "安泰" };
	static const char *trades[] = { "建筑工程", "机械制造", "物流", "电子科技", "食品",
					"纺织", "化工", "汽车零部件", "建材", "物业服务",
					"家具制造", "钢结构", "矿业", "包装材料", "环卫服务" };
	static const char *insurers[] = { "中国人民财产保险", "中国平安财产保险",
					  "中国太平洋财产保险", "国元农业保险" };
	static const char *codes[] = { "340100", "340200", "340300", "340400", "340500",
				       "340800", "341100", "341200", "341500", "341800" };
	int ci = (int)rng_below(r, ARRAY_SIZE(cities));
	snprintf(e->name, sizeof e->name, "%s%s%s有限公司", cities[ci], PICK(r, words),
		 PICK(r, trades));
	char body[9], first17[18];
	snprintf(body, sizeof body, "%08u", rng_below(r, 100000000));
	snprintf(first17, sizeof first17, "91%s%s%c", codes[ci % ARRAY_SIZE(codes)], body,
		 org_check(body));
	snprintf(e->credit_code, sizeof e->credit_code, "%s%c", first17,
		 credit_code_check_char(first17));
	snprintf(e->address, sizeof e->address, "%s市%s%u号", cities[ci], PICK(r, roads),
		 1 + rng_below(r, 500));
	struct demo_person p;
	demo_person(r, 1965, 1995, 0, &p);
	snprintf(e->contact, sizeof e->contact, "%s", p.name);
	snprintf(e->phone, sizeof e->phone, "%s", p.phone);
	e->insured = rng_chance(r, 96);
	if (rng_chance(r, 15))
		snprintf(e->supp_insurer, sizeof e->supp_insurer, "%s", PICK(r, insurers));
	else
		e->supp_insurer[0] = '\0';
}

void demo_accident(struct rng *r, int death, struct demo_accident *a)
{
	static const char *places[] = { "一号车间", "二号车间", "装配线", "仓库", "施工现场",
					"脚手架", "装卸平台", "厂区道路", "配电房", "冲压车间" };
	static const char *machines[] = { "冲床", "切割机", "叉车", "搅拌机", "起重机", "车床",
					  "传送带", "电焊机" };
	static const char *parts[] = { "左手", "右手", "左手食指", "右手中指", "左腿", "右腿",
				       "腰部", "头部", "右足", "左肩", "胸部", "右眼" };
	static const char *injuries[] = { "被挤压", "被砸伤", "被割伤", "摔倒", "高处坠落",
					  "被夹伤", "被烫伤" };
	static const char *diags[] = { "骨折", "软组织挫伤", "肌腱断裂", "开放性损伤",
				       "腰椎压缩性骨折", "烧伤", "颅脑损伤", "指骨骨折" };
	static const char *hospitals[] = { "安徽医科大学第一附属医院", "安徽省立医院",
					   "合肥市第一人民医院", "合肥市第二人民医院",
					   "芜湖市第一人民医院", "蚌埠医学院第一附属医院",
					   "安庆市立医院", "阜阳市人民医院" };
	static const char *jobs[] = { "操作工", "焊工", "电工", "装卸工", "钢筋工", "木工",
				      "叉车司机", "保洁员", "仓管员", "瓦工", "机修工" };
	const char *place = PICK(r, places), *part = PICK(r, parts);
	int kind = (int)rng_below(r, 100);
	a->type = "accident";
	if (!death && kind < 8) {
		a->circumstance = "commute";
		snprintf(a->place, sizeof a->place, "%s与%s交叉口", PICK(r, roads), PICK(r, roads));
		snprintf(a->description, sizeof a->description,
			 "下班途中驾驶电动自行车被机动车撞倒，致%s受伤，交警认定本人非主要责任。", part);
	} else if (death && kind < 30) {
		a->circumstance = "sudden_death";
		snprintf(a->place, sizeof a->place, "%s", place);
		snprintf(a->description, sizeof a->description,
			 "工作时间在%s突发疾病倒地，经送医抢救无效于48小时内死亡。", place);
	} else if (!death && kind < 11) {
		a->circumstance = "disease";
		a->type = "disease";
		snprintf(a->place, sizeof a->place, "%s", place);
		snprintf(a->description, sizeof a->description,
			 "长期在%s从事粉尘作业，经职业病诊断机构诊断为职业病。", place);
	} else {
		a->circumstance = "work";
		snprintf(a->place, sizeof a->place, "%s", place);
		snprintf(a->description, sizeof a->description, "在%s操作%s时%s%s，致%s受伤。",
			 place, PICK(r, machines), death ? "不慎" : "", PICK(r, injuries), part);
	}
	snprintf(a->body_part, sizeof a->body_part, "%s", part);
	snprintf(a->hospital, sizeof a->hospital, "%s", PICK(r, hospitals));
	snprintf(a->diagnosis, sizeof a->diagnosis, "%s%s", death ? "" : part,
		 death ? "死亡" : PICK(r, diags));
	if (!strcmp(a->type, "disease"))
		snprintf(a->diagnosis, sizeof a->diagnosis, "%s", "尘肺病（壹期）");
	snprintf(a->job, sizeof a->job, "%s", PICK(r, jobs));
}

const char *demo_relation(struct rng *r)
{
	static const char *rel[] = { "配偶", "配偶", "配偶", "子女", "子女", "父母" };
	return PICK(r, rel);
}
