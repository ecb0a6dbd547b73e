import type { AnyRoute } from '../define-route';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { healthRoutes } from './health';
import { applicationRoutes } from './applications';
import { kycRoutes } from './kyc';
import { reviewRoutes } from './reviews';
import { ruleRoutes } from './rules';
import { custodyRoutes } from './custody';
import { servicingRoutes } from './servicing';
import { servicingStaffRoutes } from './servicing-staff';
import { disclosureRoutes } from './disclosures';
import { analyticsRoutes } from './analytics';
import { marketplaceRoutes } from './marketplace';
import { marketplaceInvestorRoutes } from './marketplace-investors';
import { marketplaceContractRoutes } from './marketplace-contracts';
import { marketplaceAdminRoutes } from './marketplace-admin';
import { modelOpsRoutes } from './models-ops';
import { modelRoutes } from './models';
import { complianceRoutes } from './compliance';

// Every context adds its route list here (one line each).
export const contextRoutes: AnyRoute[] = [...healthRoutes, ...authRoutes, ...adminRoutes, ...kycRoutes, ...applicationRoutes, ...reviewRoutes, ...ruleRoutes, ...custodyRoutes, ...servicingRoutes, ...servicingStaffRoutes, ...disclosureRoutes, ...analyticsRoutes, ...marketplaceRoutes, ...marketplaceInvestorRoutes, ...marketplaceContractRoutes, ...marketplaceAdminRoutes, ...modelOpsRoutes, ...modelRoutes, ...complianceRoutes];
