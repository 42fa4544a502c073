/** S10 (R22, R21, R24): 走教 covers shortage-subject hours inside the 学区; travel and extra host schools cost. */
import { PINNED_ZH, subjectZh } from '../domain.js';
import type { Rule } from './rule.js';

export const itinerantCover: Rule & {
  reasonsFor(subject: string, hours: number, pinned: boolean, paired: boolean, sameDistrict: boolean): { reasons: string[]; zh: string[] };
} = {
  id: 'S10',
  policy: ['R22', 'R21', 'R24'],
  module: 'itinerant-cover',
  kind: 'soft',
  title: '走教 covers shortage hours from the same 学区; travel and extra host schools cost',
  parameters: ['weightItinerantHour', 'weightItinerantKm', 'weightItinerantSchool', 'shortageWeight', 'shortageSubjects'],
  // R21 (学区内) only when from and to share the 学区: a pinned line may cross it
  reasonsFor(subject, hours, pinned, paired, sameDistrict) {
    const reasons = [
      ...(pinned ? ['PINNED'] : []),
      'R22_ITINERANT',
      ...(sameDistrict ? ['R21_SAME_DISTRICT'] : []),
      'R24_SHORTAGE_SUBJECT',
      ...(paired ? ['R30_PAIRING'] : []),
    ];
    const zh = [
      ...(pinned ? [PINNED_ZH] : []),
      `${sameDistrict ? '学区内' : '跨学区'}走教，每周${hours}课时`,
      ...(sameDistrict ? ['同一学区内'] : []),
      `补充紧缺学科（${subjectZh(subject)}）课时`,
      ...(paired ? ['结对共建学校'] : []),
    ];
    return { reasons, zh };
  },
};
