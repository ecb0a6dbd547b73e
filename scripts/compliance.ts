import { connectDatabase } from '../db/client';
import { runCompliance } from '../compliance/run-compliance';
import { ConfigError, loadConfig } from '../kernel/config';
import { systemClock } from '../kernel/clock';

/** `npm run compliance`: every requirement checked against configuration and books; exit 1 on any fail. */
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const database = connectDatabase(config.DATABASE_URL, { max: 2, applicationName: 'p2p-compliance' });
const results = await runCompliance({ db: database.db, clock: systemClock });
await database.close();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const mark = { pass: 'PASS', fail: 'FAIL', info: 'INFO' } as const;
  for (const r of results) console.log(`${mark[r.status]}  ${r.requirement.padEnd(11)} ${r.title}\n      ${r.evidence}`);
  const failed = results.filter((r) => r.status === 'fail').length;
  console.log(`\n${results.filter((r) => r.status === 'pass').length} passed, ${failed} failed, ${results.filter((r) => r.status === 'info').length} informational`);
}
process.exit(results.some((r) => r.status === 'fail') ? 1 : 0);
