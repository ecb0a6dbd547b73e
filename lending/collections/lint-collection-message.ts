/**
 * The collection template linter. Every message is refused if it threatens, insults, impersonates
 * an authority or promises to expose the debtor; a message to a third party (a contact) is also
 * refused if it says anything about the debt (REQUIREMENTS 25: contacts are never told).
 */
const ALWAYS_FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/威胁|弄死|打断|后果自负|走着瞧|kill|hurt you|or else/i, 'threat'],
  [/骗子|垃圾|废物|不要脸|老赖|idiot|scum|deadbeat/i, 'insult'],
  [/公安|警察|法院传票|检察院|police|arrest warrant|court summons/i, 'impersonating an authority'],
  [/曝光|通讯录|告诉你的?(家人|同事|朋友)|爆通讯录|expose you|tell your (family|employer|friends)/i, 'threat to expose the debtor'],
  [/坐牢|拘留|jail|prison/i, 'false threat of detention'],
];

const DEBT_WORDS: RegExp = /欠款|欠钱|逾期|债|还款|借款|贷款|催收|debt|overdue|owe|repay|loan|arrears|collection/i;

export function lintCollectionMessage(message: string, target: 'debtor' | 'contact'): string[] {
  const problems: string[] = [];
  for (const [pattern, what] of ALWAYS_FORBIDDEN) if (pattern.test(message)) problems.push(what);
  if (target === 'contact' && DEBT_WORDS.test(message)) problems.push('mentions the debt to a third party');
  if (message.trim().length === 0) problems.push('empty message');
  return problems;
}
