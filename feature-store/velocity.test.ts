import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../db/testing/fixture';
import { addToBlocklist, recordAndReadVelocity } from './velocity';

const redis = useTestRedis();
const HOUR = 3_600_000;

describe('velocity counters', () => {
  it('counts per key over 1 h / 24 h / 30 d, ignores a retried reference, and tracks identities per device', async () => {
    const { redis: r, prefix } = redis.current;
    const keys = (id: string) => ({ device: 'dev-1', ip: 'ip-1', phone: `ph-${id}`, id });
    const t0 = Date.UTC(2026, 2, 2, 2);
    await recordAndReadVelocity(r, prefix, keys('A'), 'ref-1', t0 - 40 * 24 * HOUR); // beyond 30 days
    await recordAndReadVelocity(r, prefix, keys('A'), 'ref-2', t0 - 2 * 24 * HOUR);
    await recordAndReadVelocity(r, prefix, keys('B'), 'ref-3', t0 - 2 * HOUR);
    await recordAndReadVelocity(r, prefix, keys('A'), 'ref-4', t0 - 10 * 60_000);
    const reading = await recordAndReadVelocity(r, prefix, keys('C'), 'ref-5', t0);
    const again = await recordAndReadVelocity(r, prefix, keys('C'), 'ref-5', t0);
    expect(reading.counts).toMatchObject({ device_applications_1h: 2, device_applications_24h: 3, device_applications_30d: 4, id_applications_30d: 1 });
    expect(again.counts).toEqual(reading.counts);
    expect(reading.deviceDistinctIds30d).toBe(3);
    expect(reading.phoneDistinctIds30d).toBe(1);
    expect(reading.counts).toMatchObject({ ip_applications_1h: 2, phone_applications_30d: 1, id_applications_1h: 1 });
    expect(reading.blocklisted).toEqual({ id: false, phone: false, device: false });
    await addToBlocklist(r, prefix, 'device', 'dev-1');
    expect((await recordAndReadVelocity(r, prefix, keys('C'), 'ref-6', t0)).blocklisted).toEqual({ id: false, phone: false, device: true });
    await addToBlocklist(r, prefix, 'phone', 'ph-C');
    await addToBlocklist(r, prefix, 'id', 'C');
    expect((await recordAndReadVelocity(r, prefix, keys('C'), 'ref-7', t0)).blocklisted).toEqual({ id: true, phone: true, device: true });
    // After Redis forgets its scripts (a restart), the next call loads the script again.
    await r.script('FLUSH');
    expect((await recordAndReadVelocity(r, prefix, keys('C'), 'ref-8', t0)).counts.id_applications_1h).toBe(4);
  });
});
