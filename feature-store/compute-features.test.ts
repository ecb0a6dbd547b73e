import { describe, expect, it } from 'vitest';
import { sampleApplication, sampleSources } from '../decision-engine/testing/stand-in-scorers';
import { canonicalJson } from '../kernel/canonical-json';
import { computeFeatures } from './compute-features';

describe('computeFeatures', () => {
  // The snapshot is stored as canonical JSON on every decision; with its keys already in order
  // that text is V8's native JSON.stringify (kernel/canonical-json.ts), several times faster.
  it('builds the snapshot with its keys in sorted order, with and without a bureau report', () => {
    for (const sources of [sampleSources({ application: sampleApplication() }), sampleSources({ application: sampleApplication(), bureau: null })]) {
      const features = computeFeatures(sources);
      const keys = Object.keys(features);
      expect(keys).toEqual([...keys].sort());
      expect(keys).toContain('device_applications_24h');
      expect(canonicalJson(features)).toBe(JSON.stringify(features));
    }
  });
});
