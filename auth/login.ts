import type { CoreDeps } from '../db/core-deps';
import { appendAudit } from '../db/audit/append-audit';
import type { Role } from '../db/schema';
import { AppError } from '../kernel/errors';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-rate-limit';
import { dummyPasswordHash, verifyPassword } from './password';
import { createSession } from './sessions';
import { findUserByEmail, rolesOf } from './users-repo';

export interface LoginResult {
  token: string;
  csrfToken: string | null;
  expiresAt: Date;
  user: { id: string; email: string; displayName: string; roles: Role[] };
}

export async function login(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'redis' | 'redisPrefix' | 'config'>,
  input: { email: string; password: string; kind: 'browser' | 'api'; ip: string },
): Promise<LoginResult> {
  await assertLoginAllowed(deps, input.email, input.ip);
  const user = await findUserByEmail(deps.db, input.email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || user.status !== 'active') {
    await recordLoginFailure(deps, input.email, input.ip);
    // One message for every failure so it does not reveal which emails exist.
    throw new AppError('UNAUTHENTICATED', 'email or password is wrong');
  }
  await clearLoginFailures(deps, input.email);
  const session = await deps.db.transaction(async (tx) => {
    const created = await createSession(deps, tx, user.id, input.kind);
    await appendAudit(tx, deps.clock, { actorId: user.id, action: 'auth.login', subjectType: 'session', subjectId: created.sessionId, data: { kind: input.kind, ip: input.ip } });
    return created;
  });
  return {
    token: session.token,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    user: { id: user.id, email: user.email, displayName: user.displayName, roles: await rolesOf(deps.db, user.id) },
  };
}
