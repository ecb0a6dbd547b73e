import type { CoreDeps } from '../db/core-deps';
import { appendAudit } from '../db/audit/append-audit';
import { userRoles, users, type Role } from '../db/schema';
import { AppError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { checkPasswordPolicy, hashPassword } from './password';
import { findUserByEmail } from './users-repo';

export interface RegisterUserInput {
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
  locale?: 'zh' | 'en';
  /** Who granted the roles; null for self sign-up. */
  grantedBy?: string | null;
  /**
   * An argon2id hash computed earlier for this same password (bulk imports, the simulator),
   * so thousands of accounts do not each pay the deliberate hashing cost.
   */
  precomputedPasswordHash?: string;
}

/** Self sign-up may only pick borrower and/or investor; staff roles are granted by an admin. */
export const SELF_SERVICE_ROLES: readonly Role[] = ['borrower', 'investor'];

export async function registerUser(deps: Pick<CoreDeps, 'db' | 'clock'>, input: RegisterUserInput): Promise<{ id: string }> {
  checkPasswordPolicy(input.password);
  if (input.roles.length === 0) throw new AppError('VALIDATION', 'at least one role is required', { field: 'roles' });
  if (await findUserByEmail(deps.db, input.email)) {
    throw new AppError('CONFLICT', 'an account with this email already exists', { field: 'email' });
  }
  const passwordHash = input.precomputedPasswordHash ?? (await hashPassword(input.password));
  const id = newId('usr', deps.clock);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ id, email: input.email.trim(), displayName: input.displayName.trim(), passwordHash, locale: input.locale ?? 'zh', createdAt: now })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0) throw new AppError('CONFLICT', 'an account with this email already exists', { field: 'email' });
    await tx.insert(userRoles).values([...new Set(input.roles)].map((role) => ({ userId: id, role, grantedAt: now, grantedBy: input.grantedBy ?? null })));
    await appendAudit(tx, deps.clock, { actorId: input.grantedBy ?? id, action: 'user.registered', subjectType: 'user', subjectId: id, data: { roles: input.roles } });
  });
  return { id };
}
