// One schema file per context; each new context adds one export line here.
export * from './auth';
export * from './platform';
export * from './ledger';
export * from './custody';
export * from './identity';
export * from './rules';
export * from './features';
export * from './decisions';
export * from './models';
export * from './marketplace';
export * from './loans';
export * from './disclosures';
