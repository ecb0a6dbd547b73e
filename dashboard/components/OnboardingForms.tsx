'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { fmt, type Dictionary } from '../i18n/locale';
import { apiCall, fieldErrors, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

type O = Dictionary['onboarding'];

function Choice({ name, legend, options, labels, invalid }: { name: string; legend: string; options: string[]; labels: Record<string, string>; invalid?: string }) {
  return (
    <fieldset className="field" aria-invalid={invalid ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((value, i) => (
        <label key={value} className="check">
          <input type="radio" name={name} value={value} defaultChecked={i === 0} /> {labels[value] ?? value}
        </label>
      ))}
      {invalid ? <span className="field-error">{invalid}</span> : null}
    </fieldset>
  );
}

/** The risk questionnaire (POST /api/v1/me/investor/risk-assessment). */
export function RiskAssessmentForm({ o, errors, retake }: { o: O; errors: Record<string, string>; retake: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  function fail(text: string, perField: Record<string, string> = {}) {
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const age = Number(String(f.get('age') ?? '').trim());
    const netInvestableAssets = String(f.get('netInvestableAssets') ?? '').trim();
    setError(null);
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!Number.isInteger(age) || age < 18 || age > 120) problems.age = o.ageInvalid;
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(netInvestableAssets)) problems.netInvestableAssets = o.assetsInvalid;
    if (Object.keys(problems).length) return fail(Object.values(problems).join(' '), problems);
    setBusy(true);
    const result = await apiCall<{ tier: string }>('POST', '/api/v1/me/investor/risk-assessment', {
      body: {
        age,
        netInvestableAssets,
        annualIncome: f.get('annualIncome'),
        experience: f.get('experience'),
        riskPreference: f.get('riskPreference'),
        lossTolerance: f.get('lossTolerance'),
      },
    });
    setBusy(false);
    if (!result.ok) return fail(plainError(result.error, errors), fieldErrors(result.error));
    setFields({});
    setMessage(fmt(o.assessed, { tier: o.tiers[result.data.tier] ?? result.data.tier }));
    router.refresh();
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={o.stepAssess}>
      <div className="field">
        <label htmlFor="ra-age">{o.age}</label>
        <input id="ra-age" name="age" inputMode="numeric" required aria-invalid={fields.age ? true : undefined} aria-describedby="ra-age-hint" />
        <span id="ra-age-hint" className="hint">{o.ageHint}</span>
        {fields.age ? <span className="field-error">{fields.age}</span> : null}
      </div>
      <Choice name="annualIncome" legend={o.annualIncome} options={['under_100k', '100k_300k', '300k_1m', 'over_1m']} labels={o.incomes} />
      <div className="field">
        <label htmlFor="ra-assets">{o.netAssets}</label>
        <input id="ra-assets" name="netInvestableAssets" inputMode="decimal" required aria-invalid={fields.netInvestableAssets ? true : undefined} aria-describedby="ra-assets-hint" />
        <span id="ra-assets-hint" className="hint">{o.netAssetsHint}</span>
        {fields.netInvestableAssets ? <span className="field-error">{fields.netInvestableAssets}</span> : null}
      </div>
      <Choice name="experience" legend={o.experience} options={['none', 'under_2_years', '2_5_years', 'over_5_years']} labels={o.experiences} />
      <Choice name="riskPreference" legend={o.preference} options={['preserve_capital', 'steady', 'balanced', 'growth', 'aggressive']} labels={o.preferences} />
      <Choice name="lossTolerance" legend={o.lossTolerance} options={['none', 'up_to_10', 'up_to_30', 'over_30']} labels={o.losses} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? o.submitting : retake ? o.retake : o.submitAssess}
        </button>
      </div>
      <FormStatus ref={statusRef} error={error} message={message} />
    </form>
  );
}

/** Acknowledging the current risk disclosure (POST /api/v1/me/investor/acknowledgment). */
export function AcknowledgmentForm({ o, errors, version, assetGuard }: { o: O; errors: Record<string, string>; version: string; assetGuard: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    setError(null);
    setMessage(null);
    if (f.get('ack') !== 'yes') {
      setError(o.mustCheck);
      requestAnimationFrame(() => statusRef.current?.focus());
      return;
    }
    setBusy(true);
    const result = await apiCall<{ version: string }>('POST', '/api/v1/me/investor/acknowledgment', { body: { version, assetGuard: f.get('assetGuard') === 'yes' } });
    setBusy(false);
    if (!result.ok) {
      setError(plainError(result.error, errors));
      requestAnimationFrame(() => statusRef.current?.focus());
      return;
    }
    setMessage(fmt(o.acknowledged, { v: result.data.version }));
    router.refresh();
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-label={o.stepAck}>
      <p className="muted" style={{ margin: 0 }}>{fmt(o.ackVersion, { v: version })}</p>
      <p className="alert alert-warn" id="ack-text">{o.ackText}</p>
      <label className="check">
        <input type="checkbox" name="ack" value="yes" aria-describedby="ack-text" /> {o.ackCheck}
      </label>
      <label className="check">
        <input type="checkbox" name="assetGuard" value="yes" defaultChecked={assetGuard} /> {o.assetGuard}
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? o.submitting : o.acknowledge}
        </button>
      </div>
      <FormStatus ref={statusRef} error={error} message={message} />
    </form>
  );
}
