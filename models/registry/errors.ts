export type RegistryErrorCode = 'NOT_FOUND' | 'SAME_PERSON' | 'INVALID_STATE' | 'KIND_MISMATCH';

export class RegistryError extends Error {
  constructor(readonly code: RegistryErrorCode, message: string) {
    super(message);
  }
}
