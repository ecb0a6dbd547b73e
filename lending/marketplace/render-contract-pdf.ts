import PDFDocument from 'pdfkit';
import { toYuanString } from '../../kernel/money';
import { formatBps } from '../../kernel/rate';
import type { Installment } from '../schedules';

/**
 * The loan contract as a PDF. No font with CJK glyphs ships with pdfkit or is installed here,
 * so labels are English (Chinese text would print as empty boxes); borrower and investor
 * names are shown masked as the disclosure rules require. The IRR-based annual rate (all
 * charges) is printed first and largest (item 7).
 */
export interface ContractTerms {
  contractId: string;
  listingId: string;
  contractDate: string;
  borrower: { maskedName: string; maskedId: string };
  investors: Array<{ maskedId: string; principalFen: bigint }>;
  principalFen: bigint;
  termMonths: number;
  aprBps: number;
  nominalRateBps: number;
  upfrontFeeFen: bigint;
  repaymentMethod: string;
  schedule: Installment[];
}

export function renderContractPdf(terms: ContractTerms, createdAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Loan contract ${terms.contractId}`, Author: 'P2P platform (information intermediary)', CreationDate: createdAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text('Loan Agreement', { align: 'center' });
    doc.moveDown(0.5).fontSize(10).text(`Contract ${terms.contractId} - listing ${terms.listingId} - dated ${terms.contractDate}`, { align: 'center' });
    doc.moveDown(1).fontSize(16).text(`Annualised rate of all charges (IRR): ${formatBps(terms.aprBps)}`, { align: 'center' });
    doc.moveDown(1).fontSize(11);
    doc.text(`Principal: CNY ${toYuanString(terms.principalFen)} (disbursed in full; fees are separate payments)`);
    doc.text(`Term: ${terms.termMonths} months - repayment method: ${terms.repaymentMethod}`);
    doc.text(`Contract interest rate (nominal): ${formatBps(terms.nominalRateBps)} per year`);
    doc.text(`Upfront service fee (paid separately to the platform): CNY ${toYuanString(terms.upfrontFeeFen)}`);
    doc.moveDown(0.5).text(`Borrower: ${terms.borrower.maskedName} (ID ${terms.borrower.maskedId})`);
    doc.text('Lenders (each holds its share of this one loan for its full term):');
    for (const inv of terms.investors) doc.text(`  ${inv.maskedId}: CNY ${toYuanString(inv.principalFen)}`);
    doc.moveDown(0.5).text('Repayment schedule:');
    for (const i of terms.schedule) {
      doc.text(`  #${i.period} due ${i.dueDate}: principal ${toYuanString(i.principalFen)}, interest ${toYuanString(i.interestFen)}, total ${toYuanString(i.totalFen)}`);
    }
    doc.moveDown(1).fontSize(9).text('The platform is an information intermediary. It does not guarantee principal or interest; lending carries risk of loss.');
    doc.end();
  });
}
