import type { Metadata } from 'next';
import { getDictionary } from '../../i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.fees.title };
}

export default async function FeesPage() {
  const { t } = await getDictionary();
  return (
    <div className="stack">
      <h1>{t.fees.title}</h1>
      <p className="lead">{t.fees.intro}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.fees.item}</th>
              <th scope="col">{t.fees.payer}</th>
              <th scope="col">{t.fees.rate}</th>
              <th scope="col">{t.fees.when}</th>
            </tr>
          </thead>
          <tbody>
            {t.fees.rows.map(([item, payer, rate, when]) => (
              <tr key={item}>
                <th scope="row">{item}</th>
                <td>{payer}</td>
                <td>{rate}</td>
                <td>{when}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="alert alert-info">{t.fees.aprNote}</p>
    </div>
  );
}
