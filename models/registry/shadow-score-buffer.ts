/**
 * Shadow scores are written off the decision's hot path: rows are buffered and flushed as one
 * multi-row insert when the buffer fills or shortly after the first row arrives. A crash loses
 * at most the last unflushed second of shadow rows; they never affect an outcome.
 */
import type { ShadowScore } from './model-version';
import type { ModelRegistryRepository } from './repository';

export class ShadowScoreBuffer {
  private rows: ShadowScore[] = [];
  private repo: ModelRegistryRepository | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly options: { maxRows: number; flushAfterMs: number } = { maxRows: 200, flushAfterMs: 1_000 }) {}

  push(repo: ModelRegistryRepository, rows: ShadowScore[]): void {
    if (rows.length === 0) return;
    this.repo = repo;
    this.rows.push(...rows);
    if (this.rows.length >= this.options.maxRows) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushAfterMs);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.rows.length;
  }

  /** Writes what is buffered; resolves when every earlier flush has finished too. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.rows.splice(0);
    const repo = this.repo;
    if (batch.length > 0 && repo) {
      this.inflight = this.inflight.then(() =>
        repo.insertShadowScores(batch).catch((error: unknown) => console.error(`[models] ${batch.length} shadow score(s) not stored: ${error instanceof Error ? error.message : String(error)}`)),
      );
    }
    return this.inflight;
  }
}
