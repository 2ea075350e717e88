/**
 * @yishi/core/proof — what lets a resident or an auditor check the log without trusting whoever
 * runs it: RFC 6962 Merkle trees, signed anchors of every stream's head, receipts for accepted
 * entries, verification of version 2 (and 1) logs, and the v1 → v2 conversion. Pure, and runs in
 * browsers as well as Node (docs/verification.md). Everything listed here is public and pinned by
 * `index.test.ts`.
 */
export type { AnchorInclusion } from './anchor.js';
export {
  ANCHOR_VERSION,
  Anchor,
  AnchorHead,
  anchorInclusion,
  anchorMessage,
  headLeaf,
  makeAnchor,
  verifyAnchor,
  verifyAnchorInclusion,
} from './anchor.js';
export type { Ed25519, Signer, Verifier } from './ed25519.js';
export { ed25519, nodeEd25519, webCryptoEd25519 } from './ed25519.js';
export { keyIdOf, parsePrivateKey, parsePublicKey } from './keys.js';
export type { InclusionProof } from './merkle.js';
export { inclusionProof, merkleRoot, verifyInclusion } from './merkle.js';
export type { ReceiptCheck, VerifyReceiptOptions } from './receipt.js';
export { makeReceipt, RECEIPT_VERSION, Receipt, SignedHead, signHead, verifyReceipt } from './receipt.js';
export type { Migration } from './streamsFromLog.js';
export { loggedCommunity, MIGRATED, MIGRATION_KIND, streamsFromLog } from './streamsFromLog.js';
export type { StreamsVerifyFailure, StreamsVerifyResult, StreamTamperReason } from './verifyStreams.js';
export { verifyStreams, verifyStreamsJsonl } from './verifyStreams.js';
