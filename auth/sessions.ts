import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CoreDeps } from '../db/core-deps';
import type { Db, DbOrTx } from '../db/client';
import { sessions, userRoles, users, type Role } from '../db/schema';
import { sha256Hex } from '../kernel/canonical-json';
import { newId } from '../kernel/ids';

export const BROWSER_SESSION_TTL_MS = 12 * 3_600_000;
export const API_TOKEN_TTL_MS = 30 * 24 * 3_600_000;

export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
  sessionKind: 'browser' | 'api';
  csrfToken: string | null;
}

export async function createSession(
  deps: Pick<CoreDeps, 'clock'>,
  tx: DbOrTx,
  userId: string,
  kind: 'browser' | 'api',
): Promise<{ token: string; csrfToken: string | null; expiresAt: Date; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = kind === 'browser' ? randomBytes(24).toString('base64url') : null;
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + (kind === 'browser' ? BROWSER_SESSION_TTL_MS : API_TOKEN_TTL_MS));
  const sessionId = newId('ses', deps.clock);
  await tx.insert(sessions).values({ id: sessionId, userId, kind, tokenHash: sha256Hex(token), csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, expiresAt, sessionId };
}

/**
 * In-process cache of token → user + roles, so an authenticated request does not pay two
 * queries (session ⋈ user, then roles). Bounded (LRU by insertion/refresh order), short TTL.
 *
 * Staleness, by design: another process's logout/revocation, a role grant or a user status
 * change becomes visible here only after at most SESSION_CACHE_TTL_MS. Within this process,
 * revokeSession() drops the entry at once, so logout is immediate where it happened. Session
 * expiry is still checked against the clock on every hit (the cached expiresAt), and a miss is
 * never cached (an unknown token always goes to the database).
 */
export const SESSION_CACHE_TTL_MS = 5_000;
export const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  user: AuthenticatedUser;
  expiresAt: number;
  cachedAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** Sessions revoked in this process (kept one TTL): a lookup that raced the revocation is not cached. */
  private readonly revoked = new Map<string, number>();
  constructor(
    readonly ttlMs = SESSION_CACHE_TTL_MS,
    readonly max = SESSION_CACHE_MAX,
    /** Monotonic time for the TTL (independent of the domain clock, which tests may freeze). */
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {}

  get(key: string, nowMs: number): AuthenticatedUser | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.monotonicMs() - e.cachedAt > this.ttlMs || nowMs >= e.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return e.user;
  }

  set(key: string, user: AuthenticatedUser, expiresAt: number): void {
    const revokedAt = this.revoked.get(user.sessionId);
    if (revokedAt !== undefined) {
      if (this.monotonicMs() - revokedAt <= this.ttlMs) return;
      this.revoked.delete(user.sessionId);
    }
    this.entries.delete(key);
    this.entries.set(key, { user, expiresAt, cachedAt: this.monotonicMs() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops every cached token of a session (logout / revocation in this process). */
  invalidateSession(sessionId: string): void {
    const now = this.monotonicMs();
    for (const [id, at] of this.revoked) if (now - at > this.ttlMs) this.revoked.delete(id);
    this.revoked.set(sessionId, now);
    for (const [key, e] of this.entries) if (e.user.sessionId === sessionId) this.entries.delete(key);
  }

  /** Drops every cached session of a user (e.g. after a role change or suspension in this process). */
  invalidateUser(userId: string): void {
    for (const [key, e] of this.entries) if (e.user.id === userId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

// One cache per database handle (tests run several databases in one process).
const caches = new WeakMap<object, SessionCache>();
export function sessionCacheOf(db: object): SessionCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SessionCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The session lookup, built once per database handle: drizzle writes the SQL text and plans its
 * parameters each time a query is built, which cost more on the event loop than running it
 * (about half of API requests miss the session cache). Named, so PostgreSQL parses and plans it
 * once per connection too.
 */
const buildSessionLookup = (db: Db) =>
  db
    .select({
      session: { id: sessions.id, kind: sessions.kind, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, displayName: users.displayName, status: users.status },
      roles: sql<Role[] | null>`(SELECT array_agg(${userRoles.role} ORDER BY ${userRoles.role}) FROM ${userRoles} WHERE ${userRoles.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), eq(sessions.kind, sql.placeholder('kind')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('auth_resolve_session');
const sessionLookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();

function sessionLookupFor(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = buildSessionLookup(db)));
  return lookup;
}

/** Resolves a presented token to its user, or undefined when unknown, expired or revoked. One query (session, user and roles). */
export async function resolveSessionUncached(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  token: string,
  kind: 'browser' | 'api',
): Promise<{ user: AuthenticatedUser; expiresAt: Date } | undefined> {
  const [row] = await sessionLookupFor(deps.db).execute({ tokenHash: sha256Hex(token), kind, now: deps.clock.now() });
  if (!row || row.user.status !== 'active') return undefined;
  return {
    user: {
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      roles: [...(row.roles ?? [])].sort(),
      sessionId: row.session.id,
      sessionKind: row.session.kind,
      csrfToken: row.session.csrfToken,
    },
    expiresAt: row.session.expiresAt,
  };
}

/** Resolves a presented token to its user, or undefined when unknown, expired or revoked (cached for a few seconds; see SessionCache). */
export async function resolveSession(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  token: string,
  kind: 'browser' | 'api',
): Promise<AuthenticatedUser | undefined> {
  const cache = sessionCacheOf(deps.db);
  const key = `${kind}:${sha256Hex(token)}`;
  const hit = cache.get(key, deps.clock.now().getTime());
  if (hit) return hit;
  const resolved = await resolveSessionUncached(deps, token, kind);
  if (!resolved) return undefined;
  cache.set(key, resolved.user, resolved.expiresAt.getTime());
  return resolved.user;
}

export async function revokeSession(deps: Pick<CoreDeps, 'db' | 'clock'>, sessionId: string): Promise<void> {
  sessionCacheOf(deps.db).invalidateSession(sessionId);
  await deps.db.update(sessions).set({ revokedAt: deps.clock.now() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  // Again after the write: a lookup that was in flight meanwhile may have cached it (the
  // tombstone also stops lookups that complete later from caching it).
  sessionCacheOf(deps.db).invalidateSession(sessionId);
}
