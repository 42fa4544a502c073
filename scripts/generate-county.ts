// tsx scripts/generate-county.ts --seed 1 --teachers 12000 [--year 2027] [--prefix X] [--out county.json]
//   [--shape huilai|weihai|mountain|suburban] [--urban-districts N] [--townships N] [--urban-schools F]
//   [--villages MIN-MAX] [--teaching-points MIN-MAX] [--school-size F] [--shortage balanced|scarce|plentiful] [--near-retirement SHARE]
// Writes an import body (PUT /api/v1/import) for a synthetic county (惠来县-like unless a shape or option says otherwise);
// see src/demo/generate-county.ts and docs/demo-county.md. Explicit options override the shape's.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CountyShape, generateCounty, type ShapeName } from '../src/demo/generate-county.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    teachers: { type: 'string', default: '12000' },
    year: { type: 'string', default: '2027' },
    prefix: { type: 'string', default: '' },
    name: { type: 'string' },
    out: { type: 'string' },
    shape: { type: 'string' },
    'urban-districts': { type: 'string' },
    townships: { type: 'string' },
    'urban-schools': { type: 'string' },
    villages: { type: 'string' },
    'teaching-points': { type: 'string' },
    'school-size': { type: 'string' },
    shortage: { type: 'string' },
    'near-retirement': { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const range = (v: string | undefined): [number, number] | undefined => {
  if (v === undefined) return undefined;
  const [lo, hi = lo] = v.split('-').map(Number);
  return [lo, hi];
};
const explicit: Partial<CountyShape> = {
  urbanDistricts: num(values['urban-districts']),
  townships: num(values.townships),
  urbanSchools: num(values['urban-schools']),
  villages: range(values.villages),
  teachingPoints: range(values['teaching-points']),
  schoolSize: num(values['school-size']),
  shortage: values.shortage as CountyShape['shortage'] | undefined,
  nearRetirement: num(values['near-retirement']),
};
for (const [k, v] of Object.entries(explicit)) {
  if (v === undefined) delete explicit[k as keyof CountyShape];
  else if ([v].flat().some((x) => typeof x === 'number' && Number.isNaN(x))) throw new Error(`--${k}: not a number`);
}
const body = generateCounty({
  seed: Number(values.seed),
  teachers: Number(values.teachers),
  year: Number(values.year),
  prefix: values.prefix,
  name: values.name,
  shape: values.shape as ShapeName | undefined,
  ...explicit,
});
const json = JSON.stringify(body);
if (values.out) writeFileSync(values.out, json);
else process.stdout.write(json + '\n');
process.stderr.write(
  `${body.districts?.length} districts, ${body.schools?.length} schools, ${body.teachers?.length} teachers (${(json.length / 1048576).toFixed(1)} MiB)\n`,
);
