import { jsonReplacer } from '../kernel/canonical-json';
import { connectDatabase } from '../db/client';
import { loadConfig } from '../kernel/config';
import { systemClock } from '../kernel/clock';
import { verifyDecisionChain } from './decision-chain';
import { loadLiveModels } from './decision-runtime';
import { DEFAULT_DECISION_CONFIG } from './policy-config';
import { replayDecision } from './replay-decision';

/** `npm run decisions -- replay DECISION_ID` | `npm run decisions -- verify` */
const [command, id] = process.argv.slice(2);
const database = connectDatabase(loadConfig().DATABASE_URL, { max: 2, applicationName: 'p2p-decisions-cli' });
try {
  if (command === 'replay' && id) {
    const report = await replayDecision(database.db, id, { models: (await loadLiveModels(database.db, systemClock)).models, config: DEFAULT_DECISION_CONFIG });
    console.log(JSON.stringify(report, jsonReplacer, 2));
    process.exitCode = report.reproduced ? 0 : 1;
  } else if (command === 'verify') {
    const result = await verifyDecisionChain(database.db);
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.ok ? 0 : 1;
  } else {
    console.error('usage: npm run decisions -- replay DECISION_ID | verify');
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
