/** Subject names in Chinese, for explanations (the service's catalogue is src/schemas/enums.ts). */
export const SUBJECT_ZH: Record<string, string> = {
  chinese: '语文', math: '数学', english: '英语', physics: '物理', chemistry: '化学', biology: '生物', history: '历史',
  geography: '地理', politics: '思政', pe: '体育', music: '音乐', art: '美术', it: '信息技术', science: '科学', labour: '劳动',
  psychology: '心理健康', special_education: '特殊教育', preschool: '学前', general: '全科',
};
export const subjectZh = (s: string | null | undefined) => (s ? SUBJECT_ZH[s] ?? s : '');
