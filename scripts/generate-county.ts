// tsx scripts/generate-county.ts --seed 1 --teachers 12000 [--year 2027] [--prefix X] [--out county.json]
// Writes an import body (PUT /api/v1/import) for a synthetic 惠来县-like county; see src/demo/generate-county.ts.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCounty } from '../src/demo/generate-county.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' }, teachers: { type: 'string', default: '12000' }, year: { type: 'string', default: '2027' },
    prefix: { type: 'string', default: '' }, name: { type: 'string' }, out: { type: 'string' },
  },
});
const body = generateCounty({ seed: Number(values.seed), teachers: Number(values.teachers), year: Number(values.year), prefix: values.prefix, name: values.name });
const json = JSON.stringify(body);
if (values.out) writeFileSync(values.out, json);
else process.stdout.write(json + '\n');
process.stderr.write(`${body.districts?.length} districts, ${body.schools?.length} schools, ${body.teachers?.length} teachers (${(json.length / 1048576).toFixed(1)} MiB)\n`);
