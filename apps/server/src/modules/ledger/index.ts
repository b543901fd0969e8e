export { createLedgerService, hashFnOf, type LedgerService, type HashAlg, type LedgerItem } from './ledger.service.ts';
export { loadSigner, verifySignature, checkpointBody, type LedgerSigner } from './signing.ts';
export { verifyLedger, type Finding, type VerifyOptions } from './verify.ts';
export { canonicalJson, leafData } from './canonical.ts';
export { ledgerRoutes } from './ledger.routes.ts';
export { exportLedger, verifyExport, verifyExportFile, createExportVerifier, EXPORT_FORMAT } from './export.ts';
