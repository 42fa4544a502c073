import { PARAMETER_DEFAULTS } from '../../../solver/index.js';

type ParameterName = keyof typeof PARAMETER_DEFAULTS;

/**
 * Each model parameter (solver/parameters.ts, docs/model.md) in words for the HR page: a short
 * Chinese name and what changing it does, with the policy rule it comes from. The page edits a
 * plan's parameters with these beside each field; a test checks every parameter has one.
 */
export const PARAMETER_ZH: Record<ParameterName, { zh: string; help: string }> = {
  rotationQuota: { zh: '交流比例', help: '城镇学校、优质学校每年交流人数不低于符合交流条件教师的比例（R01，默认0.1即10%）' },
  backboneShare: { zh: '骨干教师比例', help: '交流教师中骨干教师所占比例下限（R02，默认0.2即20%）' },
  quotaScope: { zh: '比例考核范围', help: 'school：每所派出学校分别达到交流比例；county：全县合计达到（Q3）' },
  quotaStages: { zh: '适用学段', help: '交流比例适用的学段，默认义务教育阶段（小学、初中、九年一贯制，Q17）' },
  tenureThresholdYears: { zh: '符合交流条件的任教年限', help: '在同一学校连续任教满该年数即符合交流条件（R06，默认6年）' },
  leaderMaxYears: { zh: '领导岗位任职年限上限', help: '领导人员在同一学校同一岗位任职满该年数应交流（R08，默认12年）' },
  principalTermYears: { zh: '校长任期年数', help: '校长一个任期的年数（R07，默认3年）' },
  principalTerms: { zh: '校长交流任期数', help: '在同一学校任满该数目的任期后优先交流（R07，默认2个任期）' },
  maxLeaderShareRotated: { zh: '领导班子同时交流比例上限', help: '一所学校领导班子一年内交流人数占班子的比例上限，向下取整，至少可交流1人（R04，默认0.3）' },
  weightLeaderShare: { zh: '领导班子超比例代价', help: '超过上述比例时每多交流一名领导的代价（R04），高于任何调动的收益、低于硬性规则' },
  maxSchoolLossShare: {
    zh: '每校每年调出上限',
    help: '一所学校一年内调出（交流、领导交流、跟岗）的教师占在校教师的比例上限，至少可调出1人且不低于本校交流比例要求；走教不计。默认0.15即15%：10%的交流比例加上长期任教和紧缺学科交流的余地，保持学校教学稳定（H12）。设为1即不设上限',
  },
  seniorTitleRuralYears: { zh: '评高级职称所需农村任教年限', help: '申报高级职称前须有的农村或薄弱学校任教年数（R11，默认1年）' },
  shadowWindowYears: { zh: '新教师跟岗期限', help: '村小新教师入职后该年数内安排一年跟岗学习（R16，默认5年）' },
  retirementExemptYears: { zh: '临近退休免交流年限', help: '距法定退休年龄不足该年数的教师不参加交流（R09，默认5年）' },
  retirementAgeMale: { zh: '男教师退休年龄', help: '计算临近退休时使用的男教师法定退休年龄（R09，默认60岁）' },
  retirementAgeFemale: { zh: '女教师退休年龄', help: '计算临近退休时使用的女教师法定退休年龄（R09，默认55岁）' },
  rotationYears: { zh: '交流期限', help: '一次交流轮岗的年数（R10，默认3年）' },
  longRotationMovesPost: { zh: '长期交流是否转编制', help: '交流超过三年时编制是否随人转到交流学校；三年及以下一律人走关系留（Q16，默认否）' },
  itinerantMaxSchools: { zh: '走教学校数上限', help: '一名走教教师任教的学校数，含本校（R22，默认2所）' },
  itinerantMaxKm: { zh: '走教距离上限（公里）', help: '走教单程距离上限，以40公里县道折合约40分钟车程（R22）' },
  maxWeeklyHours: { zh: '周课时上限', help: '加上走教课时后一名教师每周课时上限（R22，默认20节）' },
  candidateSchoolsPerTeacher: { zh: '每名教师候选学校数', help: '计算时为每名教师考虑的最近且合适的接收学校数；越大越全面，计算越慢（默认10所）' },
  maxMoveKm: { zh: '交流距离上限（公里）', help: '考虑的最远交流距离（默认80公里）' },
  unknownDistanceKm: { zh: '无坐标学校的假定距离（公里）', help: '学校缺少坐标时按该距离计算（默认30公里）' },
  hardPenalty: { zh: '违反硬性规则的代价', help: '违反硬性规则（如交流比例）的代价，远高于其他各项，一般不需修改' },
  weightMove: { zh: '每次调动的代价', help: '每安排一人交流的代价：超出规则要求的调动须有足够收益（如填补缺员）才会安排' },
  weightTenure: { zh: '任教年限收益', help: '在本校任教超过符合条件年限后，每多一年的优先程度（S1，R06）' },
  weightPrincipalTerms: { zh: '校长城乡交流收益', help: '校长任满两个任期后城乡之间交流的收益（S2，R07）' },
  weightTitleSoon: { zh: '拟评职称教师优先收益', help: '两三年内拟申报高级职称、尚无农村任教经历的教师优先安排的收益（S3，R11）' },
  weightVacancy: { zh: '接收学校缺员代价', help: '接收学校每缺一名教师的代价（S4，R24）' },
  shortageWeight: { zh: '紧缺学科倍数', help: '紧缺学科缺员的代价按该倍数加重（S4，R24）' },
  shortageSubjects: { zh: '紧缺学科', help: '按紧缺学科优先补充的学科（R24）' },
  weightKm: { zh: '距离代价（每公里）', help: '交流距离每公里的代价：越大越倾向就近交流（S5，R21）' },
  weightSameDistrict: { zh: '同一学区收益', help: '在同一学区内交流的收益（S5，R21）' },
  weightPairing: { zh: '结对学校收益', help: '在结对共建学校之间交流的收益（S5，R30）' },
  weightPreference: { zh: '本人意向收益', help: '安排到本人意向学校的收益，志愿越靠前越高（S6）' },
  weightBeyondMaxKm: { zh: '超出本人可接受距离代价', help: '超出教师本人可接受距离后每公里的代价（S6）' },
  weightRuralUplift: { zh: '充实农村师资收益', help: '骨干教师或本科以上教师到农村学校的收益（S7，R26、R32）' },
  weightStaffing: { zh: '学科余缺代价', help: '各学科超编或派出学校缺员每人的代价（S8）' },
  weightStability: { zh: '版本稳定代价', help: '与本方案上一版本每一处不同的代价：越大，重新计算时改动越少（S9）' },
  weightItinerantHour: { zh: '走教课时收益', help: '走教每补足一节紧缺课时的收益（S10，R22）' },
  weightItinerantKm: { zh: '走教距离代价（每公里）', help: '走教每公里的代价（S10，R22）' },
  weightItinerantSchool: { zh: '走教增加学校代价', help: '走教每增加一所任教学校的代价（S10，R22）' },
  mipGap: { zh: '求解精度', help: '最优间隙达到该比例即停止求解（默认0.0001即0.01%）；一般不需修改' },
};

/** The parameters in the defaults' order, each with its default and its Chinese name and explanation. */
export function parameterVocabulary() {
  return (Object.keys(PARAMETER_DEFAULTS) as ParameterName[]).map((name) => ({ name, default: PARAMETER_DEFAULTS[name] as unknown, ...PARAMETER_ZH[name] }));
}
