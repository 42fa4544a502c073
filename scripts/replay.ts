// npm run replay -- <proposalId> — solves a proposal's stored input again (issue #11, reproducible
// proposals) on the configured database (DATABASE_URL, or the embedded one in ROTATION_DATA_DIR: the
// service's own configuration) and prints whether the lines are identical. Exit 0 identical, 1 not,
// 2 on a usage error or a proposal without a stored snapshot.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { replayProposal } from '../src/services/snapshot.js';

const proposalId = process.argv.slice(2).find((a) => a !== '--');
if (!proposalId || !/^[0-9a-f-]{36}$/i.test(proposalId)) {
  console.error('usage: npm run replay -- <proposalId>');
  process.exit(2);
}
const database = await openDatabase(loadConfig());
let code = 2;
try {
  const r = await replayProposal(database.db, proposalId);
  console.log(`proposal ${r.proposalId}: stored ${r.stored} lines (${r.engineVersion.stored}), replayed ${r.replayed} (${r.engineVersion.now})`);
  if (r.identical) console.log('identical: the stored input gives the same lines');
  else {
    console.log('DIFFERENT:');
    for (const l of r.onlyStored) console.log(`  only stored:   ${l}`);
    for (const l of r.onlyReplayed) console.log(`  only replayed: ${l}`);
  }
  code = r.identical ? 0 : 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
} finally {
  await database.close();
}
process.exit(code);
