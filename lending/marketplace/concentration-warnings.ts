import type { MarketplaceConfig } from './config';

export interface ConcentrationWarning {
  kind: 'loan' | 'borrower';
  shareBps: number;
  limitBps: number;
  message: string;
}

/**
 * Diversification: warns when a bid would put more than the configured share of the
 * investor's portfolio (open holds + outstanding principal) into one loan or one borrower.
 * Judged in the bid's batch on the exposure read under lock (planBids): advice, not a limit;
 * the investor may bid anyway with acceptConcentrationRisk.
 */
export function concentrationWarnings(
  config: Pick<MarketplaceConfig, 'diversificationWarnShareBps' | 'diversificationMinPortfolioFen'>,
  exposure: { totalFen: bigint; listingFen: bigint; borrowerFen: bigint },
  amountFen: bigint,
): ConcentrationWarning[] {
  const portfolioFen = exposure.totalFen + amountFen;
  if (portfolioFen < config.diversificationMinPortfolioFen || portfolioFen === 0n) return [];
  const limit = config.diversificationWarnShareBps;
  const out: ConcentrationWarning[] = [];
  const check = (kind: 'loan' | 'borrower', existingFen: bigint) => {
    const shareBps = Number(((existingFen + amountFen) * 10_000n) / portfolioFen);
    if (shareBps > limit) out.push({ kind, shareBps, limitBps: limit, message: `this bid puts ${(shareBps / 100).toFixed(2)}% of your portfolio into one ${kind} (more than ${limit / 100}%)` });
  };
  check('loan', exposure.listingFen);
  check('borrower', exposure.borrowerFen);
  return out;
}
