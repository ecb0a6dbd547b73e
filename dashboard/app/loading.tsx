import { getDictionary } from '../i18n/server';

export default async function Loading() {
  const { t } = await getDictionary();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{t.common.loading}</span>
    </div>
  );
}
