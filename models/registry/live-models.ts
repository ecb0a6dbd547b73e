/**
 * The live path's view of the registry: for each kind, the approved champion (the only
 * version whose score decides) and the challenger, if any (scored in shadow, never acted on).
 * Compiled scorers are cached per version id: a refresh costs one small query per kind, and an
 * artifact is read and compiled once per process.
 */
import { buildScorerFromArtifact } from '../score/build-scorer';
import type { ModelKind, ModelScorer } from '../scoring-types';
import { ensureBootstrapChampions } from './ensure-bootstrap-champions';
import { RegistryError } from './errors';
import type { ModelRegistryRepository } from './repository';

export interface LiveScorers {
  champion: ModelScorer;
  challenger?: ModelScorer;
}

export interface LiveModelSet {
  credit: LiveScorers;
  fraud: LiveScorers;
}

export class ScorerCache {
  private readonly byId = new Map<string, Promise<ModelScorer>>();

  get(repo: ModelRegistryRepository, id: string): Promise<ModelScorer> {
    let s = this.byId.get(id);
    if (!s) {
      s = repo.getVersion(id).then((v) => {
        if (!v) throw new RegistryError('NOT_FOUND', `model version ${id} not found`);
        return buildScorerFromArtifact(v.artifact, v.id);
      });
      s.catch(() => this.byId.delete(id));
      this.byId.set(id, s);
    }
    return s;
  }
}

export async function liveScorers(repo: ModelRegistryRepository, kind: ModelKind, cache: ScorerCache): Promise<LiveScorers> {
  const roles = await repo.activeRoles(kind);
  const champion = roles.find((r) => r.role === 'champion' && r.status === 'approved');
  if (!champion) throw new RegistryError('NOT_FOUND', `no approved ${kind} champion`);
  const challenger = roles.find((r) => r.role === 'challenger' && r.status !== 'retired');
  return { champion: await cache.get(repo, champion.id), challenger: challenger ? await cache.get(repo, challenger.id) : undefined };
}

/** Registers the bootstrap champions on first use, then loads both kinds. */
export async function loadLiveModelSet(repo: ModelRegistryRepository, now: Date, cache: ScorerCache): Promise<LiveModelSet> {
  await ensureBootstrapChampions(repo, now);
  const [credit, fraud] = await Promise.all([liveScorers(repo, 'credit', cache), liveScorers(repo, 'fraud', cache)]);
  return { credit, fraud };
}
