/**
 * The policy rules R01–R40 of ../../../shared/spec/policy-rules.md: title, strength in the text and
 * the Chinese source line. The rules a module implements get their status from the modules (./index.ts,
 * each module's `policy`); the others carry it here, with why: `reported` (in the report or the lines
 * without a rule row) or `out of scope` (not a decision this optimizer makes). docs/rules.md is
 * generated from this and the modules (scripts/rules-doc.ts).
 */

export interface PolicyRule {
  id: string;
  title: string;
  /** as the catalogue labels the text: HARD, SOFT, TARGET, DEFAULTS (design defaults, no policy text) */
  strength: 'HARD' | 'SOFT' | 'TARGET' | 'DEFAULTS';
  /** the Chinese source line (the first the catalogue quotes) */
  sourceZh: string;
  /** only for rules no module implements */
  status?: 'hard' | 'soft' | 'reported' | 'out of scope';
  note?: string;
}

export const POLICY_RULES: PolicyRule[] = [
  {
    id: 'R01',
    title: 'Annual rotation quota for urban and high-quality schools',
    strength: 'HARD',
    sourceZh: '城镇学校、优质学校每年教师交流轮岗的比例不低于符合条件教师总数的10%,其中骨干教师交流轮岗不低于交流总数的20%。',
  },
  { id: 'R02', title: 'Backbone-teacher share of those rotated', strength: 'HARD', sourceZh: '其中骨干教师交流轮岗不低于交流总数的20%。' },
  {
    id: 'R03',
    title: 'County-wide supervision indicator (monitoring view of R01/R02)',
    strength: 'TARGET',
    sourceZh: '全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；骨干教师不低于交流轮岗教师总数的20%',
  },
  {
    id: 'R04',
    title: 'Leadership-team stability cap (local practice, optional)',
    strength: 'SOFT',
    sourceZh: '同一学校每次交流的校长、副校长的人数,一般不超过学校班子成员总数的30%。',
  },
  {
    id: 'R05',
    title: 'Graduating-grade share (local practice, optional)',
    strength: 'SOFT',
    sourceZh: '其中毕业年级交流轮岗教师人数,原则上不低于毕业年级符合交流轮岗条件教师人数的30%',
    status: 'out of scope',
    note: 'graduating grades are not in the data',
  },
  {
    id: 'R06',
    title: 'Teachers with long tenure at one school are prioritised',
    strength: 'SOFT',
    sourceZh: '原则上在同一学校连续任教达到一定年限的校长和优秀骨干教师应优先进行交流轮岗。',
  },
  {
    id: 'R07',
    title: 'Principals with two full terms at one school rotate',
    strength: 'SOFT',
    sourceZh: '实行义务教育学校校长城乡定期交流轮岗机制，在一所学校连续任职满2个任期的校长或副校长，原则上应进行城乡学校交流。',
  },
  {
    id: 'R08',
    title: 'Leaders may not stay in one post more than 12 years',
    strength: 'SOFT',
    sourceZh: '实行校长教师城乡定期交流轮岗机制,领导人员在同一岗位连续任职一般不超过12年。',
  },
  { id: 'R09', title: 'Exemptions and deferrals', strength: 'SOFT', sourceZh: '离法定退休年龄在5年以上' },
  {
    id: 'R10',
    title: 'Length of a rotation',
    strength: 'SOFT',
    sourceZh: '校长、老师每次交流的期限原则上不少于3年',
    status: 'reported',
    note: "a line's end date: rotationYears (3) for a rotation, one term for a leader rotation, one year for shadowing and 走教 (domain.ts lineEndDate)",
  },
  {
    id: 'R11',
    title: 'At least one year in a rural or weak school before applying for a senior title',
    strength: 'HARD',
    sourceZh: '将到乡村学校或办学条件薄弱学校任教1年以上作为申报高级职称的必要条件',
  },
  {
    id: 'R12',
    title: 'Three or more years of rural service gives priority for principal selection',
    strength: 'SOFT',
    sourceZh: '将到乡村学校或办学条件薄弱学校任教3年以上作为选任中小学校长的优先条件,推动优秀校长和骨干教师向乡村学校、办学条件薄弱学校流动',
    status: 'out of scope',
    note: "principal selection is not a rotation decision; rural years are on each teacher's clocks",
  },
  {
    id: 'R13',
    title: 'Share of rural principals aged under 45',
    strength: 'TARGET',
    sourceZh: '到2027年,力争县域内45岁以下乡村校长达到50%以上。',
    status: 'out of scope',
    note: 'a target for principal appointments, not for rotation',
  },
  {
    id: 'R14',
    title: 'Newly appointed principals must have pre-service training',
    strength: 'HARD',
    sourceZh: '新任职校长必须按照教育部有关规定接受岗前任职培训。',
    status: 'out of scope',
    note: 'training, not assignment',
  },
  {
    id: 'R15',
    title: 'Titles and posts tilted towards rural schools',
    strength: 'SOFT',
    sourceZh: '中高级教师岗位比例适当向农村学校倾斜',
    status: 'out of scope',
    note: 'title quotas, not assignment',
  },
  {
    id: 'R16',
    title: 'New village-school teachers shadow at a central school',
    strength: 'HARD',
    sourceZh: '村小、教学点新招聘的教师,原则上5年内须安排到县城学校或乡镇中心校跟岗学习至少1年。',
  },
  {
    id: 'R17',
    title: 'Bundled urban–rural hiring; rural years may be added up',
    strength: 'SOFT',
    sourceZh: '根据实际，新任职教师、省属公费师范生参照执行前两个聘期城乡学校捆绑聘用制度，其农村服务年限可分段合并计算。',
    status: 'hard',
    note: 'rural service years add up across ledger segments (clocks.ts ruralServiceYears), which H5 reads',
  },
  {
    id: 'R18',
    title: 'Rural-school service period (under exploration)',
    strength: 'SOFT',
    sourceZh: '深化“县管校聘”改革，探索建立义务教育阶段教师农村学校服务期制度。',
    status: 'out of scope',
    note: 'under exploration; no rule to model',
  },
  {
    id: 'R19',
    title: 'Staffing ceilings under 县管校聘',
    strength: 'HARD',
    sourceZh:
      '在核定的编制和岗位总量内,由县教育部门按照学校规模、师资队伍结构、承担教育教学改革和任务需要等实际情况,统筹提出辖区内各学校编制和岗位的具体分配方案以及动态调整意见,报县机构编制、人力资源社会保障和财政部门备案。',
  },
  {
    id: 'R20',
    title: 'School districts: one per township',
    strength: 'TARGET',
    sourceZh: '推动建立以乡镇中心幼儿园、中心小学、初中学校为主体,同乡镇内若干所幼儿园和义务教育学校为成员的学区。',
    status: 'out of scope',
    note: "an input: each school's 学区 (districtId); 走教 stays inside it (H11, S10)",
  },
  {
    id: 'R21',
    title: '走教 and cross-school teaching stay inside a 学区',
    strength: 'SOFT',
    sourceZh: '学区内教师“走教”制度完善,通过跨校兼课、走教、支教、轮岗等方式,教师在学区内学校流动顺畅。',
  },
  { id: 'R22', title: '走教 hours, allowances and housing', strength: 'DEFAULTS', sourceZh: '统筹解决乡村教师开展走教、交流轮岗、支教跟岗等工作的住宿需求' },
  {
    id: 'R23',
    title: 'One head for several schools; management pairings (Weihai)',
    strength: 'SOFT',
    sourceZh: '鼓励城区优质学校采用“1+N”托管、挂牌、办分校等模式，实行“一长多校”等管理办法，形成较为紧密的结对办学关系',
    status: 'out of scope',
    note: 'management pairings, not teacher moves',
  },
  { id: 'R24', title: 'Priority subjects', strength: 'SOFT', sourceZh: '特别是加强思政课、体育、美育、劳动教育和心理健康教育、特殊教育教师配备。' },
  {
    id: 'R25',
    title: 'Special-education resource centre in every township',
    strength: 'TARGET',
    sourceZh: '推动每个镇建成小学和初中特殊教育资源中心,推动随班就读和送教上门。特殊学生人数较多的镇设立特教班',
    status: 'out of scope',
    note: 'a school-building target',
  },
  {
    id: 'R26',
    title: 'Staffing the three core township schools (三所学校)',
    strength: 'TARGET',
    sourceZh: '县级以上学科骨干教师比例、中小学本科学历以上教师比例、幼儿园专科学历以上教师比例不低于城区',
  },
  {
    id: 'R27',
    title: 'Every township has a boarding school and a central kindergarten',
    strength: 'HARD',
    sourceZh: '每个镇至少建有一所公办寄宿制学校,每个镇建有1所以上规范化公办中心幼儿园。',
    status: 'out of scope',
    note: 'a school-building target',
  },
  {
    id: 'R28',
    title: 'Urban–rural education communities (Huilai)',
    strength: 'TARGET',
    sourceZh:
      '以质量好、指导能力强的城区公办学校(教育资源)作为牵头校,通过“城区优质公办学校(教育资源)+‘三所学校’+乡村其他学校”办学模式…到2025年,建成至少1个城乡教育共同体。',
    status: 'out of scope',
    note: 'school communities: an input at most (pairings, S5)',
  },
  {
    id: 'R29',
    title: 'Senior-high pairing (Huilai)',
    strength: 'HARD',
    sourceZh: '推动惠来一中、实验中学、惠来二中三所优质高中分别至少帮扶1所薄弱高中。',
    status: 'out of scope',
    note: 'support between senior high schools, not rotation',
  },
  {
    id: 'R30',
    title: 'Every rural school paired with an urban school by 2025 (Weihai)',
    strength: 'TARGET',
    sourceZh: '以城区优质学校为核心，建立城乡间、校际间联盟型的友好结对关系，开展传帮带活动。2025年实现乡村学校结对共建全覆盖。',
  },
  {
    id: 'R31',
    title: 'School groups (Huilai)',
    strength: 'TARGET',
    sourceZh: '至少建设1个市级以上优质特色教育集团',
    status: 'out of scope',
    note: 'school groups: an input at most (pairings, S5)',
  },
  {
    id: 'R32',
    title: "Urban-to-rural ratio of bachelor's-degree shares ≤ 1.01 (Weihai)",
    strength: 'TARGET',
    sourceZh: '城市与农村义务教育教师本科及以上学历比例之比降至1.01以内',
  },
  {
    id: 'R33',
    title: 'Rural teacher qualifications and training hours (Huilai)',
    strength: 'TARGET',
    sourceZh: '到2025年,实现乡村学校教师学历全面达标,继续教育培训学时完成率100%',
    status: 'out of scope',
    note: 'qualification and training targets',
  },
  {
    id: 'R34',
    title: 'Teaching researchers visit rural schools',
    strength: 'HARD',
    sourceZh: '大力开展名优教师送教下乡活动,教研员5年内至少到乡村学校指导30次以上。',
    status: 'out of scope',
    note: "teaching researchers' visits",
  },
  {
    id: 'R35',
    title: 'Training and public lessons for rural teachers (Huilai)',
    strength: 'HARD',
    sourceZh: '县教研室每学期对乡村教师进行专项培训2次以上,每学期安排乡村教师上公开课或汇报课。',
    status: 'out of scope',
    note: 'training and public lessons',
  },
  {
    id: 'R36',
    title: 'Small-school teachers take part in joint research (Huilai)',
    strength: 'HARD',
    sourceZh: '小规模学校教师每学年参加区域集体教研活动的机会不少于活动总量的80%。',
    status: 'out of scope',
    note: 'joint research',
  },
  {
    id: 'R37',
    title: 'Township part-time researchers (Huilai)',
    strength: 'SOFT',
    sourceZh: '培养一批乡镇中小学兼职教研员。',
    status: 'out of scope',
    note: 'part-time researchers',
  },
  {
    id: 'R38',
    title: 'Reward share of performance pay (Huilai)',
    strength: 'HARD',
    sourceZh: '按绩效工资总额的30%拨付学校奖励性绩效工资,奖励性绩效工资分配充分体现多劳多得、优绩优酬的原则,向班主任倾斜。',
    status: 'out of scope',
    note: 'pay',
  },
  {
    id: 'R39',
    title: 'Teacher pay not below civil servants; rural allowances',
    strength: 'HARD',
    sourceZh: '全面落实县域内中小学教师平均工资收入水平“两个不低于或高于”政策要求,深入实施山区和农村边远地区学校教师生活补助政策。',
    status: 'out of scope',
    note: 'pay and allowances',
  },
  {
    id: 'R40',
    title: 'Family considerations (Weihai)',
    strength: 'SOFT',
    sourceZh: '妥善解决乡村教师子女教育问题，在入园入学方面提供便利条件。',
    status: 'out of scope',
    note: "family matters; a teacher's preferred schools (S6) can carry them",
  },
];
