// The canonical record encoding lives in the domain (pure), so any module — and the browser — encodes a record
// exactly as the ledger does without importing the ledger module.
export { canonicalJson, leafData, leafText } from '@zhifa/domain';
