import { expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import { input, school } from './fixtures.js';

it('rejects a parameter out of range, naming it', async () => {
  await expect(solve(input([school('TOWN')], [], { parameters: { rotationQuota: 5 } }))).rejects.toThrow(/rotationQuota/);
});
