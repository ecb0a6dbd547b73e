import type { Metadata } from 'next';
import { getDictionary } from '../../i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.about.title };
}

export default async function AboutPage() {
  const { t } = await getDictionary();
  return (
    <div className="stack">
      <h1>{t.about.title}</h1>
      <p className="lead">{t.about.intro}</p>
      <div className="table-wrap">
        <table>
          <tbody>
            {t.about.items.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="alert alert-warn" aria-labelledby="risk-title">
        <h2 id="risk-title" style={{ marginTop: 0 }}>{t.about.riskTitle}</h2>
        <p style={{ marginBottom: 0 }}>{t.about.risk}</p>
      </section>
    </div>
  );
}
