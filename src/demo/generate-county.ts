/**
 * A synthetic county shaped like 惠来县 (Huilai, Guangdong), deterministic per seed.
 *
 * Assumptions (policy-rules.md §2.1; calibrate against the bureau's 教育事业统计):
 * - 15 school districts (学区): the county seat 惠城镇 (urban) and 14 townships (one 学区 each, R20).
 * - About one school per 50 teachers: 200-260 schools for 12,000 teachers. The county seat holds
 *   about a third of the teachers: large primaries and juniors (several 优质 high-quality), 6+
 *   senior highs (惠来一中, 实验中学, 惠来二中 high-quality; two weak ones), a special school,
 *   kindergartens. Each township: a central primary (中心小学, boarding), a junior middle school,
 *   often a nine-year school (九年一贯制), a central kindergarten, village primaries (村小) and
 *   teaching points (教学点).
 * - Ages 22-59; hired at 21-25; titles and education by age; backbone (骨干) about 15%, more in
 *   town; 92% established (在编); 3% on leave; 3% with an exemption (R09) covering 1 September.
 * - Many town teachers have 6+ years at their school (the R01 pool); a few leaders have 12+ years
 *   in post (R08); some first-title teachers plan to apply for the senior title within 1-3 years
 *   without rural service (R11); village schools have new hires of the last 5 years (R16).
 * - Needs per subject: staffed teachers plus vacancies in rural and township schools, mostly in
 *   shortage subjects (R24); approved headcount (编制) leaves room there, none in town.
 * - Coordinates in a county-sized box around 惠来 (lat 22.90-23.20, lon 115.90-116.50).
 *
 * Other county shapes (COUNTY_SHAPES: a development zone, a mountain county, a suburban county) change
 * the number of 学区, the town/township/village mix, school size, the shortage-subject profile (R24)
 * and the share near retirement; see docs/demo-county.md.
 */
import type { BackboneLevel, EducationLevel, Stage, Title } from '../../solver/domain.js';
import type { FullImportBody, ImportDistrict, ImportSchool, ImportTeacher } from '../schemas/master-data.js';

/**
 * How a county is laid out. The default (no shape, no options) is Huilai's and gives the same county
 * as before shapes existed, byte for byte, for every seed: its options draw no extra random numbers.
 */
export interface CountyShape {
  /** 学区 in town (the county seat, or a development zone's sub-districts, 街道); the town schools are spread over them */
  urbanDistricts: number;
  /** township 学区, one per town (R20): a central primary, a junior, villages, teaching points each */
  townships: number;
  /** town schools (primaries, juniors, kindergartens) relative to Huilai's seat (14, 6 and 4 per 12,000 teachers) */
  urbanSchools: number;
  /** village primaries (村小) per township, per 12,000 teachers: [fewest, most] */
  villages: [number, number];
  /** teaching points (教学点) per township, per 12,000 teachers: [fewest, most] */
  teachingPoints: [number, number];
  /** school size relative to Huilai's: 2 means half as many schools, each twice as large */
  schoolSize: number;
  /**
   * shortage subjects (R24: politics, PE, music, art, labour, psychology, special education):
   * 'balanced' is Huilai's; 'scarce' has half as many shortage teachers and more rural vacancies in
   * those subjects; 'plentiful' has 1.8 times as many teachers and fewer rural vacancies
   */
  shortage: 'balanced' | 'scarce' | 'plentiful';
  /**
   * an extra share of (non-leader) teachers aged 55-59, i.e. within 5 years of statutory retirement
   * for both sexes (model.md: retirementExemptYears); 0 leaves the age curve (mean about 40) alone
   */
  nearRetirement: number;
  /** share of leaders over 12 years in post (R08, H4): Huilai's 0.12; higher puts must-move leaders at many schools at once */
  leaderDue: number;
  /**
   * issue #21, adversarial: a share of town (non-leader) teachers with 15-30 years at their school,
   * a long R06 backlog that rewards sending many from one school; 0 draws nothing
   */
  tenureBacklog?: number;
  /** issue #21, adversarial: every town teacher of a school arrived in the same year (many equal R06 ties); false draws nothing */
  tenureTies?: boolean;
  /**
   * issue #21, adversarial: rural needs that the relaxation splits: a one-teacher vacancy in most
   * subjects of most rural schools, and weekly hours that are not whole teachers (half a teacher more)
   */
  fractionalNeeds?: boolean;
  /** issue #21, adversarial: township 学区 of very different sizes (0.3× to 3.5× the schools and staff), in turn */
  unevenDistricts?: boolean;
}

export type ShapeName = 'huilai' | 'weihai' | 'mountain' | 'suburban' | 'backlog' | 'ties' | 'leaders';

/** The shapes issue #21 added to find what the model was not tuned on (docs/demo-county.md). */
export const ADVERSARIAL_SHAPES: ShapeName[] = ['backlog', 'ties', 'leaders'];

/** The named county shapes; docs/demo-county.md gives their sources and assumptions. */
export const COUNTY_SHAPES: Record<ShapeName, CountyShape> = {
  // 惠来县: the county seat and 14 townships, a third of the schools rural
  huilai: {
    urbanDistricts: 1,
    townships: 14,
    urbanSchools: 1,
    villages: [6, 10],
    teachingPoints: [2, 4],
    schoolSize: 1,
    shortage: 'balanced',
    nearRetirement: 0,
    leaderDue: 0.12,
  },
  // a development zone (like 威海经济技术开发区): 3 urban sub-districts and 2 rural towns, few village
  // schools and teaching points, shortage-subject teachers plentiful
  weihai: {
    urbanDistricts: 3,
    townships: 2,
    urbanSchools: 1.8,
    villages: [3, 6],
    teachingPoints: [0, 2],
    schoolSize: 1,
    shortage: 'plentiful',
    nearRetirement: 0,
    leaderDue: 0.12,
  },
  // a mountain county: 30 small township 学区, mostly village schools and many teaching points,
  // shortage subjects scarce, an older staff
  mountain: {
    urbanDistricts: 1,
    townships: 30,
    urbanSchools: 0.6,
    villages: [5, 9],
    teachingPoints: [4, 8],
    schoolSize: 1,
    shortage: 'scarce',
    nearRetirement: 0.12,
    leaderDue: 0.12,
  },
  // a suburban county: 2 town 学区 and 4 large townships, large schools
  suburban: {
    urbanDistricts: 2,
    townships: 4,
    urbanSchools: 1,
    villages: [8, 12],
    teachingPoints: [1, 2],
    schoolSize: 2,
    shortage: 'balanced',
    nearRetirement: 0,
    leaderDue: 0.12,
  },
  // issue #21, adversarial: Huilai's layout with fewer, fuller town schools of long-serving teachers
  // (a long R06 backlog) and rural schools short of shortage-subject teachers (R24): without a cap
  // the model sent a quarter and more of one town school away in one year
  backlog: {
    urbanDistricts: 1,
    townships: 14,
    urbanSchools: 0.7,
    villages: [6, 10],
    teachingPoints: [2, 4],
    schoolSize: 1,
    shortage: 'scarce',
    nearRetirement: 0,
    leaderDue: 0.12,
    tenureBacklog: 0.6,
  },
  // issue #21, adversarial: the town teachers of a school all arrived the same year (equal R06
  // claims) and rural needs the relaxation splits (a vacancy in most subjects, half-teacher hours)
  ties: {
    urbanDistricts: 2,
    townships: 10,
    urbanSchools: 1,
    villages: [6, 10],
    teachingPoints: [1, 3],
    schoolSize: 1,
    shortage: 'balanced',
    nearRetirement: 0,
    leaderDue: 0.12,
    tenureTies: true,
    fractionalNeeds: true,
  },
  // issue #21, adversarial: half the leaders due under R08 at once, in 学区 of very different sizes
  leaders: {
    urbanDistricts: 1,
    townships: 20,
    urbanSchools: 1,
    villages: [5, 9],
    teachingPoints: [2, 5],
    schoolSize: 1,
    shortage: 'balanced',
    nearRetirement: 0,
    leaderDue: 0.5,
    unevenDistricts: true,
  },
};

export interface CountyOptions extends Partial<CountyShape> {
  seed: number;
  teachers: number;
  /** a named shape (default 'huilai'); the explicit options above override its fields */
  shape?: ShapeName;
  /** the plan year the data is shaped for (dates are before 1 September of it) */
  year?: number;
  /** prefixes every externalId and code, so several counties can live in one database */
  prefix?: string;
  /** the county's name in school names */
  name?: string;
  /**
   * H10: write each school's leadership posts (`leaderPosts`) into the data, the posts the generator
   * staffs (one principal; a vice principal from 25 teachers, a second from 60; a party secretary
   * from 45). Off by default, which keeps the default output byte for byte (its hash is pinned) and
   * means the same posts: absent posts are one principal and the others as held today.
   */
  leaderPosts?: boolean;
}

/** The leadership posts the generator staffs at a school of this size (H10), in staffing order. */
const leaderPostsBySize = (size: number): string[] => [
  'principal',
  ...(size >= 25 ? ['vice_principal'] : []),
  ...(size >= 60 ? ['vice_principal'] : []),
  ...(size >= 45 ? ['party_secretary'] : []),
];

function leaderPostsOf(size: number) {
  const posts = leaderPostsBySize(size);
  const count = (post: string) => posts.filter((x) => x === post).length;
  return { principal: 1, partySecretary: count('party_secretary'), vicePrincipals: count('vice_principal') };
}

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNSHIPS = ['靖海', '东陇', '岐石', '仙庵', '周田', '前詹', '神泉', '隆江', '溪西', '葵潭', '华湖', '东港', '鳌江', '侨园'];
// more town names for shapes with more than 14 townships (the first 14 are Huilai's)
const MORE_TOWNS = [
  '云岭',
  '石门',
  '龙潭',
  '白沙',
  '青山',
  '梅林',
  '高田',
  '长岗',
  '河口',
  '大坪',
  '黄岭',
  '双溪',
  '凤凰',
  '松柏',
  '桃源',
  '金坑',
  '平安',
  '马山',
  '水口',
  '横江',
  '上洞',
  '竹林',
  '茶园',
  '岭头',
  '新村',
  '洋坑',
];
const SUB_DISTRICTS = ['东城', '西城', '南城', '北城', '中心', '新区', '港湾', '科技'];
const SURNAMES = '陈林黄李张吴郑方蔡许杨王刘谢曾赖罗周邱苏詹何卢江翁柯庄'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲志建国文斌海燕红梅雪辉鹏晓丹琳佳宇浩然欣怡嘉俊泽楠'.split('');

const SUBJECTS_BY_STAGE: Record<string, [string, number][]> = {
  primary: [
    ['chinese', 30],
    ['math', 25],
    ['english', 9],
    ['science', 5],
    ['pe', 6],
    ['music', 5],
    ['art', 5],
    ['it', 3],
    ['politics', 4],
    ['general', 5],
    ['psychology', 1],
    ['labour', 2],
  ],
  junior: [
    ['chinese', 16],
    ['math', 16],
    ['english', 14],
    ['physics', 7],
    ['chemistry', 5],
    ['biology', 5],
    ['history', 6],
    ['geography', 5],
    ['politics', 7],
    ['pe', 6],
    ['music', 3],
    ['art', 3],
    ['it', 3],
    ['psychology', 1],
    ['labour', 1],
  ],
  senior: [
    ['chinese', 14],
    ['math', 14],
    ['english', 14],
    ['physics', 9],
    ['chemistry', 8],
    ['biology', 8],
    ['history', 7],
    ['geography', 7],
    ['politics', 7],
    ['pe', 5],
    ['music', 2],
    ['art', 2],
    ['it', 3],
    ['psychology', 1],
  ],
  kindergarten: [['preschool', 1]],
  special: [
    ['special_education', 8],
    ['pe', 1],
    ['music', 1],
    ['art', 1],
  ],
};
const SHORTAGE = ['politics', 'pe', 'music', 'art', 'labour', 'psychology', 'special_education'];

interface SchoolPlan {
  ext: string;
  name: string;
  district: string;
  stage: 'primary' | 'junior' | 'nine_year' | 'senior' | 'complete_secondary' | 'kindergarten' | 'special';
  locality: 'urban' | 'township' | 'rural';
  size: number;
  hq?: boolean;
  weak?: boolean;
  central?: boolean;
  point?: boolean;
  boarding?: boolean;
  lat: number;
  lon: number;
}

export function generateCounty(opts: CountyOptions): FullImportBody {
  const rnd = mulberry32(opts.seed * 2654435761 + 17);
  const year = opts.year ?? 2027;
  const P = opts.prefix ?? '';
  const county = opts.name ?? '惠来';
  const N = Math.max(50, Math.floor(opts.teachers));
  const base = COUNTY_SHAPES[opts.shape ?? 'huilai'];
  if (!base) throw new RangeError(`unknown county shape ${opts.shape}`);
  const pickOpt = <K extends keyof CountyShape>(k: K): CountyShape[K] => (opts[k] ?? base[k]) as CountyShape[K];
  const shape: CountyShape = {
    urbanDistricts: Math.max(1, Math.floor(pickOpt('urbanDistricts'))),
    townships: Math.max(0, Math.floor(pickOpt('townships'))),
    urbanSchools: pickOpt('urbanSchools'),
    villages: pickOpt('villages'),
    teachingPoints: pickOpt('teachingPoints'),
    schoolSize: pickOpt('schoolSize'),
    shortage: pickOpt('shortage'),
    nearRetirement: pickOpt('nearRetirement'),
    leaderDue: pickOpt('leaderDue') ?? 0.12,
    tenureBacklog: pickOpt('tenureBacklog') ?? 0,
    tenureTies: pickOpt('tenureTies') ?? false,
    fractionalNeeds: pickOpt('fractionalNeeds') ?? false,
    unevenDistricts: pickOpt('unevenDistricts') ?? false,
  };
  if (!(shape.schoolSize > 0) || !(shape.urbanSchools > 0) || !(shape.nearRetirement >= 0 && shape.nearRetirement < 1))
    throw new RangeError('schoolSize and urbanSchools must be positive, nearRetirement in [0, 1)');
  // shortage profile (R24): teacher weight of shortage subjects, rural vacancies per shortage subject, chance a rural school misses one entirely
  const profile = {
    balanced: { weight: 1, vacancy: [0, 2], missing: 0.5 },
    scarce: { weight: 0.5, vacancy: [1, 3], missing: 0.8 },
    plentiful: { weight: 1.8, vacancy: [0, 1], missing: 0.2 },
  }[shape.shortage];
  if (!profile) throw new RangeError(`unknown shortage profile ${shape.shortage}`);
  const subjectTable: Record<string, [string, number][]> =
    profile.weight === 1
      ? SUBJECTS_BY_STAGE
      : Object.fromEntries(
          Object.entries(SUBJECTS_BY_STAGE).map(([stage, xs]) => [
            stage,
            xs.map(([x, w]): [string, number] => [x, SHORTAGE.includes(x) && stage !== 'special' ? w * profile.weight : w]),
          ]),
        );
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const weighted = (xs: [string, number][]) => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = rnd() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  };
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(Math.min(d, 28))}`;
  const sept1 = (y: number) => `${y}-09-01`;

  // ---- districts and schools, sized by relative weight, then scaled to N teachers
  const scale = N / 12000;
  // schools are counted at 12,000 teachers / schoolSize; sizes are scaled to N at the end
  const cs = scale / shape.schoolSize;
  const U = shape.urbanDistricts;
  const districts: ImportDistrict[] = [];
  const urbanCentres: { ext: string; lat: number; lon: number }[] = [];
  const plans: SchoolPlan[] = [];
  const seat = { lat: 23.03, lon: 116.29 };
  for (let u = 0; u < U; u++) {
    const ext = `${P}D${pad(u)}`;
    // one town 学区 is Huilai's seat 惠城镇; several are sub-districts (街道) around the centre
    districts.push({
      externalId: ext,
      code: ext,
      name: U === 1 ? '惠城镇学区' : `${SUB_DISTRICTS[u % SUB_DISTRICTS.length]}${u >= SUB_DISTRICTS.length ? u + 1 : ''}街道学区`,
    });
    const a = (u / U) * 2 * Math.PI;
    urbanCentres.push(U === 1 ? { ext, ...seat } : { ext, lat: seat.lat + Math.sin(a) * 0.04, lon: seat.lon + Math.cos(a) * 0.05 });
  }
  let urbanSeq = 0;
  // the next town school's 学区 and centre, round-robin over the town 学区
  const nextTown = () => urbanCentres[urbanSeq++ % U];
  const near = (c: { lat: number; lon: number }, r: number) => ({
    lat: +Math.min(23.2, Math.max(22.9, c.lat + (rnd() - 0.5) * r)).toFixed(5),
    lon: +Math.min(116.5, Math.max(115.9, c.lon + (rnd() - 0.5) * r)).toFixed(5),
  });
  let seq = 0;
  const add = (p: Omit<SchoolPlan, 'ext' | 'lat' | 'lon'>, centre: { lat: number; lon: number }, r: number) => {
    seq++;
    plans.push({ ...p, ext: `${P}S${pad(seq, 3)}`, ...near(centre, r) });
  };
  // county seat: about a third of the teachers
  const urbanPrimaries = Math.max(2, Math.round(14 * cs * shape.urbanSchools));
  for (let i = 1; i <= urbanPrimaries; i++) {
    const d = nextTown();
    add(
      {
        name: i === 1 ? `${county}县实验小学` : `${county}县城第${i}小学`,
        district: d.ext,
        stage: 'primary',
        locality: 'urban',
        size: int(70, 120),
        hq: i <= Math.max(1, Math.round(urbanPrimaries / 3)),
      },
      d,
      0.06,
    );
  }
  const urbanJuniors = Math.max(1, Math.round(6 * cs * shape.urbanSchools));
  for (let i = 1; i <= urbanJuniors; i++) {
    const d = nextTown();
    add(
      {
        name: i === 1 ? `${county}县实验中学初中部` : `${county}县城第${i}中学`,
        district: d.ext,
        stage: 'junior',
        locality: 'urban',
        size: int(90, 140),
        hq: i === 1,
      },
      d,
      0.06,
    );
  }
  const seniors = [`${county}一中`, '实验中学', `${county}二中`, `${county}三中`, `${county}华侨中学`, `${county}慈云实验中学`, `${county}第五中学`];
  const seniorCount = Math.max(3, Math.round(7 * Math.min(1, scale + 0.3)));
  seniors.slice(0, seniorCount).forEach((name, i) => {
    const d = nextTown();
    add({ name, district: d.ext, stage: 'senior', locality: 'urban', size: int(110, 180), hq: i < 3, weak: i >= 5 }, d, 0.08);
  });
  const sp = nextTown();
  add({ name: `${county}县特殊教育学校`, district: sp.ext, stage: 'special', locality: 'urban', size: int(14, 22) }, sp, 0.04);
  for (let i = 1; i <= Math.max(1, Math.round(4 * cs * shape.urbanSchools)); i++) {
    const d = nextTown();
    add({ name: `${county}县第${i}幼儿园`, district: d.ext, stage: 'kindergarten', locality: 'urban', size: int(18, 30), central: i === 1 }, d, 0.05);
  }
  // townships
  const townNames = Array.from({ length: shape.townships }, (_, i) =>
    i < TOWNSHIPS.length
      ? TOWNSHIPS[i]
      : i < TOWNSHIPS.length + MORE_TOWNS.length
        ? MORE_TOWNS[i - TOWNSHIPS.length]
        : `${MORE_TOWNS[i % MORE_TOWNS.length]}${Math.floor(i / MORE_TOWNS.length) + 1}`,
  );
  townNames.forEach((town, ti) => {
    const dExt = `${P}D${pad(ti + U)}`;
    // issue #21: 学区 of very different sizes, in turn (no random draw, so other shapes are unchanged)
    const f = shape.unevenDistricts ? [0.3, 0.6, 1, 2, 3.5][ti % 5] : 1;
    const sized = (n: number) => (f === 1 ? n : Math.max(3, Math.round(n * f)));
    districts.push({ externalId: dExt, code: dExt, name: `${town}镇学区` });
    const angle = (ti / townNames.length) * 2 * Math.PI;
    const centre = { lat: 23.05 + Math.sin(angle) * 0.12, lon: 116.2 + Math.cos(angle) * 0.26 };
    add(
      { name: `${town}镇中心小学`, district: dExt, stage: 'primary', locality: 'township', size: sized(int(40, 65)), central: true, boarding: true },
      centre,
      0.02,
    );
    add({ name: `${town}镇中学`, district: dExt, stage: 'junior', locality: 'township', size: sized(int(45, 80)), weak: ti % 5 === 2 }, centre, 0.02);
    if (ti % 2 === 0)
      add({ name: `${town}镇九年一贯制学校`, district: dExt, stage: 'nine_year', locality: 'township', size: int(35, 60), weak: ti % 4 === 0 }, centre, 0.04);
    add({ name: `${town}镇中心幼儿园`, district: dExt, stage: 'kindergarten', locality: 'township', size: int(8, 16), central: true }, centre, 0.02);
    const villages = Math.max(shape.villages[1] > 0 ? 1 : 0, Math.round(int(shape.villages[0], shape.villages[1]) * cs * f));
    for (let v = 1; v <= villages; v++) {
      add({ name: `${town}镇第${v}村小学`, district: dExt, stage: 'primary', locality: 'rural', size: int(8, 22), weak: chance(0.15) }, centre, 0.1);
    }
    const points = Math.max(0, Math.round(int(shape.teachingPoints[0], shape.teachingPoints[1]) * cs * f));
    for (let v = 1; v <= points; v++) {
      add({ name: `${town}镇第${v}教学点`, district: dExt, stage: 'primary', locality: 'rural', size: int(3, 6), point: true }, centre, 0.12);
    }
  });
  // scale sizes to exactly N teachers (each school keeps at least 3, a teaching point 2)
  const floor = plans.reduce((s, p) => s + (p.point ? 2 : 3), 0);
  if (floor > N) throw new RangeError(`${N} teachers cannot staff this shape's ${plans.length} schools; ask for at least ${floor}`);
  const raw = plans.reduce((s, p) => s + p.size, 0);
  let assigned = 0;
  for (const p of plans) {
    p.size = Math.max(p.point ? 2 : 3, Math.round((p.size * N) / raw));
    assigned += p.size;
  }
  for (let i = 0; assigned !== N; i = (i + 1) % plans.length) {
    const p = plans[i];
    if (assigned < N) p.size++, assigned++;
    else if (p.size > (p.point ? 2 : 3)) p.size--, assigned--;
  }

  // ---- teachers
  const teachers: ImportTeacher[] = [];
  const ruralSchools = plans.filter((p) => p.locality !== 'urban' && p.stage !== 'kindergarten');
  const stageOfTeacher = (p: SchoolPlan): Stage =>
    p.stage === 'nine_year' ? (chance(0.55) ? 'primary' : 'junior') : p.stage === 'complete_secondary' ? 'senior' : p.stage;
  const staffBy = new Map<string, Map<string, number>>();
  let tSeq = 0;
  for (const school of plans) {
    const staff = new Map<string, number>();
    staffBy.set(school.ext, staff);
    const leaders = leaderPostsBySize(school.size);
    // issue #21: one arrival year for the whole town school (drawn only for the shape that asks)
    const tieYears = shape.tenureTies && school.locality === 'urban' ? int(8, 14) : 0;
    for (let k = 0; k < school.size; k++) {
      tSeq++;
      const post = (k < leaders.length ? leaders[k] : 'teacher') as 'teacher';
      const isLeader = post !== 'teacher';
      // new village teachers (R16): a share of rural posts hired in the last five years
      const newVillage = school.locality === 'rural' && !isLeader && chance(0.2);
      // an older staff: within 5 years of statutory retirement (exempt from rotation, model.md); no draw when the shape adds none
      const old = shape.nearRetirement > 0 && !newVillage && !isLeader && chance(shape.nearRetirement);
      const age = newVillage ? int(22, 28) : old ? int(55, 59) : isLeader ? int(38, 56) : Math.round(23 + ((rnd() + rnd() + rnd()) / 3) * 35);
      const birthYear = year - age - 1;
      const birthDate = date(birthYear, int(1, 12), int(1, 28));
      const hireYear = newVillage ? year - int(1, 5) : Math.min(year - 1, birthYear + int(21, 25));
      const hireDate = sept1(hireYear);
      const yearsServed = year - hireYear;
      // town teachers stay long (the R01 pool); rural ones move more
      const atSchool = Math.min(
        yearsServed,
        school.locality === 'urban' ? Math.round(rnd() * rnd() * 30) + int(0, 6) : int(0, Math.max(1, Math.min(yearsServed, 12))),
      );
      // issue #21: a long R06 backlog (15-30 years) or one arrival year for a whole town school
      const backlog = shape.tenureBacklog! > 0 && school.locality === 'urban' && !isLeader && chance(shape.tenureBacklog!);
      const tenure = backlog ? Math.min(yearsServed, int(15, 30)) : tieYears && !isLeader ? Math.min(yearsServed, tieYears) : atSchool;
      const schoolSinceYear = year - Math.max(1, tenure);
      const schoolSince = sept1(Math.max(hireYear, schoolSinceYear));
      // a few leaders over 12 years in post (R08)
      const postYears = isLeader ? (chance(shape.leaderDue) ? int(12, 16) : int(1, 11)) : 0;
      const postSince = isLeader ? sept1(Math.max(hireYear, year - postYears)) : hireDate;
      const leaderSchoolSince = isLeader && postYears > 0 ? sept1(Math.max(hireYear, Math.min(schoolSinceYear, year - postYears))) : schoolSince;
      const stage = stageOfTeacher(school);
      const subjects = [weighted(subjectTable[stage] ?? subjectTable.primary)];
      if (stage !== 'kindergarten' && chance(0.12)) {
        const second = weighted(subjectTable[stage] ?? subjectTable.primary);
        if (second !== subjects[0]) subjects.push(second);
      }
      staff.set(subjects[0], (staff.get(subjects[0]) ?? 0) + 1);
      const stages: Stage[] = school.stage === 'nine_year' ? (chance(0.4) ? ['primary', 'junior'] : [stage]) : [stage];
      const title: Title =
        age < 26
          ? chance(0.5)
            ? 'none'
            : 'third'
          : age < 32
            ? pick<Title>(['third', 'second', 'second'])
            : age < 42
              ? pick<Title>(['second', 'first', 'first'])
              : pick<Title>(['first', 'first', 'senior', 'senior', ...(chance(0.05) ? (['professor'] as const) : [])]);
      const backboneP = school.locality === 'urban' ? 0.24 : school.locality === 'township' ? 0.14 : 0.07;
      const backbone: BackboneLevel | null = age > 28 && chance(backboneP * 0.95) ? (chance(0.06) ? 'province' : chance(0.25) ? 'city' : 'county') : null;
      const education: EducationLevel =
        age > 48
          ? pick<EducationLevel>(['associate', 'associate', 'bachelor'])
          : age > 35
            ? pick<EducationLevel>(school.locality === 'rural' ? ['associate', 'bachelor'] : ['bachelor', 'bachelor', 'associate'])
            : pick<EducationLevel>(['bachelor', 'bachelor', 'bachelor', 'master', ...(school.locality === 'rural' ? (['associate'] as const) : [])]);
      const exemptions: NonNullable<ImportTeacher['exemptions']> = [];
      if (chance(0.03)) {
        const reason = pick(['pregnancy', 'maternity', 'breastfeeding', 'illness', 'discipline', 'other'] as const);
        exemptions.push({
          reason,
          from: date(year, int(1, 8), int(1, 28)),
          to: date(year + 1, int(1, 12), int(1, 28)),
          note: reason === 'other' ? '家庭困难，经审核暂缓' : null,
        });
      }
      const applies = title === 'first' && age >= 33 && chance(0.08);
      const priorRural = school.locality === 'urban' && chance(0.1) ? int(1, 5) : 0;
      const serviceRecords: NonNullable<ImportTeacher['serviceRecords']> = [];
      if (school.locality === 'urban' && priorRural === 0 && !applies && chance(0.15) && schoolSinceYear - hireYear >= 2) {
        // an earlier posting at a rural school, from hiring to the move into town
        serviceRecords.push({
          schoolExternalId: pick(ruralSchools).ext,
          post: 'teacher',
          kind: 'regular',
          from: hireDate,
          to: `${schoolSinceYear}-08-31`,
          ruralAtTheTime: true,
        });
      }
      const preferences = chance(0.05)
        ? {
            schoolExternalIds: Array.from({ length: int(1, 3) }, () => pick(ruralSchools).ext).filter((v, i, a) => a.indexOf(v) === i),
            maxKm: chance(0.5) ? int(15, 40) : null,
          }
        : { schoolExternalIds: [], maxKm: null };
      teachers.push({
        externalId: `${P}T${pad(tSeq, 6)}`,
        name: pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : ''),
        gender: chance(school.stage === 'kindergarten' ? 0.95 : 0.62) ? 'F' : 'M',
        birthDate,
        hireDate,
        schoolExternalId: school.ext,
        schoolSince: isLeader ? leaderSchoolSince : schoolSince,
        post,
        postSince,
        subjects,
        stages,
        title,
        backbone,
        education,
        established: chance(0.92),
        status: chance(0.03) ? 'on_leave' : 'active',
        weeklyHours: isLeader ? int(4, 8) : int(10, 18),
        seniorTitleApplicationYear: applies ? year + int(0, 3) : null,
        priorRuralYears: priorRural,
        exemptions,
        volunteer: chance(0.01),
        preferences,
        ...(serviceRecords.length ? { serviceRecords } : {}),
      });
    }
  }

  // ---- needs, 编制 and pairings
  const schools: ImportSchool[] = plans.map((p) => {
    const staff = staffBy.get(p.ext)!;
    let vacancies = 0;
    const needs = [...staff.entries()].map(([subject, n]) => {
      let extra = 0;
      if (p.locality !== 'urban') {
        if (SHORTAGE.includes(subject)) extra = int(profile.vacancy[0], profile.vacancy[1]);
        else if (chance(shape.fractionalNeeds ? 0.7 : 0.25)) extra = 1;
      } else if (chance(0.1)) extra = -1;
      vacancies += Math.max(0, extra);
      const teachersNeeded = Math.max(0, n + extra);
      const half = shape.fractionalNeeds && p.locality !== 'urban' ? 7 : 0;
      return {
        subject,
        teachers: teachersNeeded,
        weeklyHours: teachersNeeded * 14 + half + (p.locality !== 'urban' && SHORTAGE.includes(subject) ? int(2, 8) : 0),
      };
    });
    if (p.locality !== 'urban' && p.stage !== 'kindergarten') {
      // shortage subjects with no teacher at all: what rotations and 走教 should fill
      for (const subject of ['music', 'art', 'pe', 'psychology']) {
        if (!staff.has(subject) && chance(profile.missing)) {
          const t = p.size >= 20 ? 1 : 0;
          vacancies += t;
          needs.push({ subject, teachers: t, weeklyHours: int(4, 10) });
        }
      }
    }
    // rural and weak schools have 编制 room for their vacancies; town schools little or none
    const headcount = p.size + (p.locality === 'urban' && !p.weak ? (chance(0.5) ? 0 : 1) : vacancies + int(0, 2) + (p.weak ? Math.ceil(p.size * 0.1) : 0));
    return {
      externalId: p.ext,
      code: p.ext,
      name: p.name,
      districtExternalId: p.district,
      stage: p.stage,
      locality: p.locality,
      isHighQuality: Boolean(p.hq),
      isWeak: Boolean(p.weak),
      isCentral: Boolean(p.central),
      isTeachingPoint: Boolean(p.point),
      isBoarding: Boolean(p.boarding),
      location: { lat: p.lat, lon: p.lon },
      approvedHeadcount: headcount,
      pairedSchoolExternalIds:
        p.hq && p.stage !== 'senior' ? Array.from({ length: int(2, 4) }, () => pick(ruralSchools).ext).filter((v, i, a) => a.indexOf(v) === i) : [],
      needs: needs.sort((a, b) => a.subject.localeCompare(b.subject)),
      ...(opts.leaderPosts ? { leaderPosts: leaderPostsOf(p.size) } : {}),
    };
  });
  return { districts, schools, teachers };
}
