import type { SolverSchool } from './types.js';

/** Great-circle distance in km; schools without coordinates are `unknownKm` apart. */
export function distanceKm(a: SolverSchool, b: SolverSchool, unknownKm: number): number {
  if (a.id === b.id) return 0;
  if (!a.location || !b.location) return unknownKm;
  const rad = Math.PI / 180;
  const dLat = (b.location.lat - a.location.lat) * rad;
  const dLon = (b.location.lon - a.location.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.location.lat * rad) * Math.cos(b.location.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Which teacher stages a school of a given stage takes (a nine-year school takes primary and junior). */
export function schoolTakes(schoolStage: string, teacherStages: readonly string[]): boolean {
  const ok: Record<string, string[]> = {
    kindergarten: ['kindergarten'],
    primary: ['primary', 'nine_year'],
    junior: ['junior', 'nine_year', 'complete_secondary'],
    nine_year: ['primary', 'junior', 'nine_year'],
    senior: ['senior', 'complete_secondary'],
    complete_secondary: ['junior', 'senior', 'complete_secondary'],
    special: ['special'],
  };
  return teacherStages.some((s) => ok[schoolStage]?.includes(s));
}
