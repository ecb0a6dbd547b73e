import { SimulatedCreditBureau, type BureauReport, type CreditBureau } from '../feature-store/credit-bureau';
import { parseResidentId } from '../identity/resident-id';
import type { SimBorrower } from './population';

/**
 * The credit bureau of the simulated world: it knows each simulated person's recorded credit
 * history and other instalment plans (their German Credit record), the way a real bureau knows
 * a real applicant's. Everything else in the report (score, inquiries, ID age…) comes from the
 * platform's deterministic simulated bureau. People it was never told about get that report as is.
 */
export class PopulationCreditBureau implements CreditBureau {
  private readonly files = new Map<string, SimBorrower['bureauFile']>();

  constructor(
    private readonly blindIndex: (normalisedIdNumber: string) => string,
    private readonly base: CreditBureau = new SimulatedCreditBureau(),
  ) {}

  /** Files what the bureau holds on a person before they apply anywhere. */
  know(idNumber: string, file: SimBorrower['bureauFile']): void {
    this.files.set(this.blindIndex(parseResidentId(idNumber).normalised), file);
  }

  async report(idNumberBidx: string, asOf: Date): Promise<BureauReport | null> {
    const report = await this.base.report(idNumberBidx, asOf);
    const file = this.files.get(idNumberBidx);
    // A thin file stays thin: the person has no bureau record to hold their history.
    return report && file ? { ...report, ...file } : report;
  }
}
