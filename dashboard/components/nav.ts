import type { Dictionary } from '../i18n/locale';
import type { Role } from '../presenters/me';

export interface NavGroup {
  key: string;
  label: string;
  links: Array<{ href: string; label: string }>;
}

/** The navigation a user sees: public links, then one group per role they hold. */
export function navigationFor(roles: readonly Role[], t: Dictionary): NavGroup[] {
  const groups: NavGroup[] = [];
  if (roles.includes('borrower')) {
    groups.push({
      key: 'borrower',
      label: t.nav.borrower,
      links: [
        { href: '/borrower/apply', label: t.nav.apply },
        { href: '/borrower/applications', label: t.nav.myApplications },
        { href: '/borrower/kyc', label: t.nav.kyc },
        { href: '/contracts', label: t.navMore.contracts },
        { href: '/borrower/loans', label: t.navMore.loans },
        ...(roles.includes('investor') ? [] : [{ href: '/investor/custody', label: t.nav.custody }]),
      ],
    });
  }
  if (roles.includes('investor')) {
    groups.push({
      key: 'investor',
      label: t.nav.investor,
      links: [
        { href: '/investor/marketplace', label: t.nav.marketplace },
        { href: '/investor/onboarding', label: t.navMore.onboarding },
        { href: '/investor/custody', label: t.nav.custody },
        { href: '/investor/portfolio', label: t.nav.portfolio },
        { href: '/investor/bids', label: t.navMore.myBids },
        { href: '/investor/auto-invest', label: t.navMore.autoInvest },
        ...(roles.includes('borrower') ? [] : [{ href: '/contracts', label: t.navMore.contracts }]),
      ],
    });
  }
  if (roles.includes('analyst') || roles.includes('admin')) {
    groups.push({
      key: 'analyst',
      label: t.nav.analyst,
      links: [
        { href: '/analyst', label: t.nav.overview },
        { href: '/analyst/rules', label: t.nav.rules },
        { href: '/analyst/models', label: t.nav.models },
        { href: '/analyst/reviews', label: t.nav.reviews },
        { href: '/analyst/overdue', label: t.navMore.overdue },
        { href: '/analyst/collections', label: t.navMore.collections },
        { href: '/analyst/alerts', label: t.navMore.alerts },
      ],
    });
  }
  if (roles.includes('admin')) {
    groups.push({
      key: 'admin',
      label: t.nav.admin,
      links: [
        { href: '/admin/users', label: t.nav.users },
        { href: '/admin/audit', label: t.nav.audit },
        { href: '/admin/reconciliation', label: t.nav.reconciliation },
        { href: '/admin/compliance', label: t.nav.compliance },
        // bull-board, served by the API process under an admin-only path.
        { href: '/api/admin/queues', label: t.nav.queues },
      ],
    });
  }
  groups.push({
    key: 'public',
    label: t.nav.publicInfo,
    links: [
      { href: '/disclosures', label: t.nav.disclosures },
      { href: '/major-events', label: t.navMore.majorEvents },
      { href: '/about', label: t.nav.about },
      { href: '/fees', label: t.nav.fees },
    ],
  });
  return groups;
}
