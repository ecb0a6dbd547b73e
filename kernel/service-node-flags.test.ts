import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS, serviceNodeOptions } from './service-node-flags';

describe('service V8 flags', () => {
  it('are added to NODE_OPTIONS after what the operator set', () => {
    expect(serviceNodeOptions('')).toBe(SERVICE_NODE_FLAGS.join(' '));
    expect(serviceNodeOptions('--inspect')).toBe(['--inspect', ...SERVICE_NODE_FLAGS].join(' '));
  });

  it('are the ones the worker and bench scripts start node with', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['worker', 'bench']) expect(scripts[name]).toBe(`node ${SERVICE_NODE_FLAGS.join(' ')} --import tsx ${name === 'worker' ? 'jobs/worker.ts' : 'bench/run.ts'}`);
  });
});
