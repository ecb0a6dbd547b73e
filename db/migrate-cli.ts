import { loadConfig } from '../kernel/config';
import { migrateDatabase } from './migrate';

const config = loadConfig();
await migrateDatabase(config.DATABASE_URL);
console.log(`migrated ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
