'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary, Locale } from '../i18n/locale';
import { fmt } from '../i18n/locale';
import { formatBps, formatYuan } from '../i18n/format';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

interface Warning {
  kind: 'loan' | 'borrower';
  shareBps: number;
  limitBps: number;
}

interface BidResult {
  filled: string;
  partiallyFilled: boolean;
  listingFunded: boolean;
  replayed: boolean;
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * Opening the disclosures (recorded by the API) and bidding. A diversification warning stops
 * the bid and says why; "bid anyway" sends the same amount again with acceptConcentrationRisk.
 */
export function BidPanel({ listingId, amountLeft, l, errors, locale }: { listingId: string; amountLeft: string; l: Dictionary['listing']; errors: Record<string, string>; locale: Locale }) {
  const router = useRouter();
  const [opened, setOpened] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [amount, setAmount] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const warnRef = useRef<HTMLDivElement>(null);

  function fail(text: string, perField: Record<string, string> = {}) {
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function openDisclosures() {
    setOpening(true);
    setError(null);
    const result = await apiCall<{ disclosuresHash: string }>('GET', `/api/v1/listings/${listingId}/disclosures`);
    setOpening(false);
    if (!result.ok) return fail(plainError(result.error, errors));
    setOpened(result.data.disclosuresHash);
  }

  async function send(acceptConcentrationRisk: boolean) {
    setError(null);
    setFields({});
    setMessage(null);
    const value = amount.trim();
    if (!AMOUNT.test(value) || /^0+(\.0+)?$/.test(value)) return fail(l.amountInvalid, { amount: l.amountInvalid });
    setBusy(true);
    const result = await apiCall<BidResult>('POST', `/api/v1/listings/${listingId}/bids`, {
      body: acceptConcentrationRisk ? { amount: value, acceptConcentrationRisk: true } : { amount: value },
      idempotencyKey: newIdempotencyKey(),
    });
    setBusy(false);
    if (!result.ok) {
      const details = result.error.details as { warnings?: Warning[]; gate?: string } | undefined;
      if (result.error.code === 'BUSINESS_RULE' && details?.warnings?.length) {
        setWarnings(details.warnings);
        requestAnimationFrame(() => warnRef.current?.focus());
        return;
      }
      if (details?.gate === 'disclosures') return fail(l.mustOpen);
      return fail(plainError(result.error, errors), fieldErrors(result.error));
    }
    setWarnings(null);
    const d = result.data;
    const parts = [d.replayed ? l.replayed : d.partiallyFilled ? fmt(l.partFilled, { requested: formatYuan(locale, value), filled: formatYuan(locale, d.filled) }) : fmt(l.filled, { filled: formatYuan(locale, d.filled) })];
    if (d.listingFunded) parts.push(l.nowFunded);
    setMessage(parts.join(' '));
    setAmount('');
    router.refresh();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(false);
  }

  return (
    <div className="stack" data-testid="bid-panel">
      <div>
        <button type="button" className="button button-ghost" onClick={openDisclosures} disabled={opening} aria-busy={opening}>
          {opening ? l.opening : l.openDisclosures}
        </button>
        {opened ? (
          <p className="ok-text" role="status" data-testid="disclosures-opened">
            {fmt(l.opened, { hash: opened.slice(0, 12) + '…' })}
          </p>
        ) : null}
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="bid-amount">{l.amountLabel}</label>
          <input
            id="bid-amount"
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setWarnings(null);
            }}
            required
            aria-invalid={fields.amount ? true : undefined}
            aria-describedby={fields.amount ? 'bid-amount-hint bid-amount-error' : 'bid-amount-hint'}
          />
          <span id="bid-amount-hint" className="hint">
            {fmt(l.amountHint, { left: formatYuan(locale, amountLeft) })}
          </span>
          {fields.amount ? (
            <span id="bid-amount-error" className="field-error">
              {fields.amount}
            </span>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
            {busy ? l.placing : l.placeBid}
          </button>
        </div>
      </form>
      {warnings ? (
        <div ref={warnRef} tabIndex={-1} className="alert alert-warn" role="alert" data-testid="bid-warnings">
          <p style={{ margin: 0, fontWeight: 700 }}>{l.warningTitle}</p>
          <p style={{ margin: '0.25rem 0' }}>{l.warningIntro}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.kind}>{fmt(w.kind === 'loan' ? l.warningLoan : l.warningBorrower, { share: formatBps(w.shareBps), limit: formatBps(w.limitBps) })}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void send(true)} disabled={busy} aria-busy={busy}>
              {l.bidAnyway}
            </button>
            <button type="button" className="button button-ghost" onClick={() => { setWarnings(null); document.getElementById('bid-amount')?.focus(); }}>
              {l.changeAmount}
            </button>
          </div>
        </div>
      ) : null}
      <FormStatus ref={statusRef} error={error} message={message} />
    </div>
  );
}
