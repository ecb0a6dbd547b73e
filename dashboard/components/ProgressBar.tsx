/** A funding progress bar (basis points of the amount, integer from the API). */
export function ProgressBar({ bps, label }: { bps: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.floor(bps / 100)));
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
        <div className="progress-fill" style={{ width: `${bps / 100}%` }} />
      </div>
      <span className="muted progress-label">{label}</span>
    </div>
  );
}
