import type { DbOrTx } from '../../db/client';
import type { MarketplaceConfig } from './config';
import { readInvestorExposure } from './investors-repo';

export interface ConcentrationWarning {
  kind: 'loan' | 'borrower';
  shareBps: number;
  limitBps: number;
  message: string;
}

/**
 * Diversification: warns when a bid would put more than the configured share of the
 * investor's portfolio (open holds + outstanding principal) into one loan or one borrower.
 * Read without locks: it is advice shown before the bid, not a limit.
 */
export async function concentrationWarnings(
  db: DbOrTx,
  config: Pick<MarketplaceConfig, 'diversificationWarnShareBps' | 'diversificationMinPortfolioFen'>,
  investorId: string,
  listing: { id: string; borrowerId: string },
  amountFen: bigint,
): Promise<ConcentrationWarning[]> {
  const exposure = (await readInvestorExposure(db, [investorId])).get(investorId)!;
  const portfolioFen = exposure.totalFen + amountFen;
  if (portfolioFen < config.diversificationMinPortfolioFen || portfolioFen === 0n) return [];
  const limit = config.diversificationWarnShareBps;
  const out: ConcentrationWarning[] = [];
  const check = (kind: 'loan' | 'borrower', existingFen: bigint) => {
    const shareBps = Number(((existingFen + amountFen) * 10_000n) / portfolioFen);
    if (shareBps > limit) out.push({ kind, shareBps, limitBps: limit, message: `this bid puts ${(shareBps / 100).toFixed(2)}% of your portfolio into one ${kind} (more than ${limit / 100}%)` });
  };
  check('loan', exposure.byListingFen.get(listing.id) ?? 0n);
  check('borrower', exposure.byBorrowerFen.get(listing.borrowerId) ?? 0n);
  return out;
}
