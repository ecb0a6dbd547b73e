import { resolve } from 'node:path';
import { connectDatabase } from '../db/client';
import { DEFAULT_DECISION_CONFIG } from '../decision-engine/policy-config';
import { loadConfig } from '../kernel/config';
import { backtestRuleSet } from './backtest-rule-set';
import { loadRuleSetFile } from './default-rule-sets';
import { validateRuleSet } from './rule-set-schema';

/** `npm run rules -- validate FILE` | `npm run rules -- backtest FILE [--limit N]` (uses DATABASE_URL). */
const [command, file, ...rest] = process.argv.slice(2);
if (!command || !file || !['validate', 'backtest'].includes(command)) {
  console.error('usage: npm run rules -- validate FILE | backtest FILE [--limit N]');
  process.exit(2);
}
let json: unknown;
try {
  json = loadRuleSetFile(resolve(file));
} catch (error) {
  console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const checked = validateRuleSet(json);
if (!checked.ok) {
  for (const e of checked.errors) console.error(`${file}: ${e.path}: ${e.message}`);
  process.exit(1);
}
if (command === 'validate') {
  console.log(`${file}: valid ${checked.definition.kind} rule set "${checked.definition.name}" with ${checked.definition.rules.length} rules`);
  process.exit(0);
}
const limitArg = rest.indexOf('--limit');
const limit = limitArg >= 0 ? Number(rest[limitArg + 1]) : 5_000;
const database = connectDatabase(loadConfig().DATABASE_URL, { max: 2, applicationName: 'p2p-rules-cli' });
try {
  console.log(JSON.stringify(await backtestRuleSet(database.db, checked.definition, DEFAULT_DECISION_CONFIG, { limit }), null, 2));
} finally {
  await database.close();
}
