import { createHash } from 'node:crypto';

/**
 * The identity-provider port: a real-name check of name + ID number against the public
 * security registry, a carrier check that the phone is registered to that name, and a face
 * match with liveness detection against the ID photo.
 */
export interface IdentityCheckRequest {
  name: string;
  idNumber: string;
  phone: string;
  /** Opaque reference to the selfie / liveness video captured by the client SDK. */
  livenessToken: string;
}

export interface IdentityCheckResult {
  idMatches: boolean;
  phoneOwnedByName: boolean;
  faceMatchScore: number;
  livenessPassed: boolean;
  provider: string;
  providerRef: string;
}

export interface IdentityProvider {
  check(request: IdentityCheckRequest): Promise<IdentityCheckResult>;
}

/** Minimum face-match similarity the platform accepts (policy; provider scores are 0–1). */
export const FACE_MATCH_THRESHOLD = 0.8;

/**
 * Deterministic stand-in for development, tests and benchmarks. Scripted failures let tests
 * drive each branch: a liveness token of `spoof` fails liveness, `other-face` fails the face
 * match, and a name starting with `冒名` does not match the ID number.
 */
export class SimulatedIdentityProvider implements IdentityProvider {
  async check(request: IdentityCheckRequest): Promise<IdentityCheckResult> {
    const digest = createHash('sha256').update(`${request.idNumber}|${request.name}`).digest();
    const faceBase = 0.85 + (digest[0]! / 255) * 0.14;
    return {
      idMatches: !request.name.startsWith('冒名'),
      phoneOwnedByName: true,
      faceMatchScore: request.livenessToken === 'other-face' ? 0.31 : Number(faceBase.toFixed(3)),
      livenessPassed: request.livenessToken !== 'spoof',
      provider: 'simulated',
      providerRef: `sim_${digest.subarray(0, 8).toString('hex')}`,
    };
  }
}
