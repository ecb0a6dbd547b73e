/** Argument parsing for `npm run model -- …` (kept apart from cli.ts so it can be tested). */
import { MODEL_TYPES, type ModelType } from './score/artifact';

export class UsageError extends Error {}

export const USAGE = `usage:
  npm run model -- cv --data FILE.csv --target COLUMN --positive VALUE [--folds FILE | --k 5 --seed 42]
                      [--kind credit|fraud] [--model-type auto|scorecard|logistic|nn|gbt] [--json]
                      [--numeric a,b] [--categorical c,d] [--exclude e,f]
  npm run model -- train (same data options) --name NAME [--owner WHO] [--intended-use TEXT] [--registry DIR] [--json]
  npm run model -- evaluate --model ID --data FILE.csv [--target COLUMN --positive VALUE] [--registry DIR] [--json]`;

export interface CliArgs {
  command: 'cv' | 'train' | 'evaluate';
  data: string;
  target?: string;
  positive?: string;
  folds?: string;
  k: number;
  seed: number;
  kind: 'credit' | 'fraud';
  modelType: ModelType;
  json: boolean;
  numeric: string[];
  categorical: string[];
  exclude: string[];
  name?: string;
  owner: string;
  intendedUse?: string;
  model?: string;
  registry: string;
}

const VALUE_FLAGS = new Set(['data', 'target', 'positive', 'folds', 'k', 'seed', 'kind', 'model-type', 'numeric', 'categorical', 'exclude', 'name', 'owner', 'intended-use', 'model', 'registry']);
const BOOL_FLAGS = new Set(['json']);

export function parseCliArgs(argv: string[], defaults: { registry: string; owner: string }): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'cv' && command !== 'train' && command !== 'evaluate') throw new UsageError(`unknown command "${command ?? ''}"`);
  const flags: Record<string, string> = {};
  const bools = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    let key = a.slice(2);
    let value: string | undefined;
    const eq = key.indexOf('=');
    if (eq >= 0) {
      value = key.slice(eq + 1);
      key = key.slice(0, eq);
    }
    if (BOOL_FLAGS.has(key)) {
      bools.add(key);
      continue;
    }
    if (!VALUE_FLAGS.has(key)) throw new UsageError(`unknown option --${key}`);
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${key} needs a value`);
    }
    flags[key] = value;
  }
  const list = (k: string) => (flags[k] ? flags[k]!.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const int = (k: string, dflt: number, min: number) => {
    if (flags[k] === undefined) return dflt;
    const v = Number(flags[k]);
    if (!Number.isInteger(v) || v < min) throw new UsageError(`--${k} must be an integer >= ${min}, got "${flags[k]}"`);
    return v;
  };
  if (!flags.data) throw new UsageError('--data FILE.csv is required');
  if (command !== 'evaluate' && (!flags.target || flags.positive === undefined)) throw new UsageError('--target COLUMN and --positive VALUE are required');
  if (command === 'evaluate' && !flags.model) throw new UsageError('--model ID is required');
  if (command === 'train' && !flags.name) throw new UsageError('--name is required');
  if (flags.folds && (flags.k !== undefined || flags.seed !== undefined) && command === 'cv') throw new UsageError('use either --folds FILE or --k/--seed, not both');
  const kind = flags.kind ?? 'credit';
  if (kind !== 'credit' && kind !== 'fraud') throw new UsageError(`--kind must be credit or fraud, got "${kind}"`);
  const modelType = (flags['model-type'] ?? 'auto') as ModelType;
  if (!MODEL_TYPES.includes(modelType)) throw new UsageError(`--model-type must be one of ${MODEL_TYPES.join(', ')}`);
  return {
    command,
    data: flags.data,
    target: flags.target,
    positive: flags.positive,
    folds: flags.folds,
    k: int('k', 5, 2),
    seed: int('seed', 42, 0),
    kind,
    modelType,
    json: bools.has('json'),
    numeric: list('numeric'),
    categorical: list('categorical'),
    exclude: list('exclude'),
    name: flags.name,
    owner: flags.owner ?? defaults.owner,
    intendedUse: flags['intended-use'],
    model: flags.model,
    registry: flags.registry ?? defaults.registry,
  };
}
