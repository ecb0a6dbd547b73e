import type { Metadata } from 'next';
import { fmt } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { getHealth, type Probe } from '../../presenters/health';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.health.title };
}

export default async function HealthPage() {
  const [{ t, locale }, health] = await Promise.all([getDictionary(), getHealth()]);
  const row = (id: string, label: string, probe: Probe | null) => (
    <li className="status-item" data-testid={`health-${id}`}>
      <span>{label}</span>
      <span>
        <span className={`badge ${probe?.ok ? 'badge-ok' : 'badge-bad'}`}>{probe?.ok ? t.health.up : t.health.down}</span>{' '}
        {probe && id !== 'api' ? <span className="muted">{fmt(t.health.latency, { ms: probe.latencyMs })}</span> : null}
      </span>
    </li>
  );
  return (
    <div className="stack">
      <h1>{t.health.title}</h1>
      <p className="lead">{t.health.intro}</p>
      {health ? null : <p className="alert alert-error">{t.health.apiDown}</p>}
      <ul className="status-list">
        {row('api', t.health.api, health ? { ok: true, latencyMs: 0 } : null)}
        {row('database', t.health.database, health?.database ?? null)}
        {row('redis', t.health.redis, health?.redis ?? null)}
      </ul>
      {health ? <p className="muted">{fmt(t.health.checkedAt, { time: new Date(health.time).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' }) })}</p> : null}
    </div>
  );
}
