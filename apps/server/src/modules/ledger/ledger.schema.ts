import { bigint, bigserial, index, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The tamper-evident log (issue #8; design.md "the ledger"): writers append an entry — the leaf hash of a canonical
 * encoding of the record — in the same transaction as the record; a sequencer later gives each entry its place in an
 * RFC 6962 Merkle tree and signs tree heads. Writers never wait for the tree (the Certificate Transparency design).
 * Entries, tree, nodes and checkpoints are append-only by trigger (migrations 0001 and ledger_nodes_append_only).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What was logged: 'change_event', 'security_event', … */
    kind: text('kind').notNull(),
    /** The logged row's id in its own table. */
    ref: text('ref').notNull(),
    leafHash: text('leaf_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_entries_ref_idx').on(t.kind, t.ref), index('ledger_entries_hash_idx').on(t.leafHash)],
);

/** Entries waiting for the sequencer. A work queue, not history: rows leave it when sequenced. */
export const ledgerQueue = pgTable('ledger_queue', {
  entryId: bigint('entry_id', { mode: 'number' }).primaryKey(),
});

/** The tree: leaf index → entry, in sequencing order (which is the order the log commits to). */
export const ledgerTree = pgTable(
  'ledger_tree',
  {
    leafIndex: bigint('leaf_index', { mode: 'number' }).primaryKey(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().unique(),
    leafHash: text('leaf_hash').notNull(),
    sequencedAt: timestamp('sequenced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_tree_hash_idx').on(t.leafHash)],
);

/**
 * Complete subtrees of the tree, level ≥ 1 (level 0 is ledger_tree): (level, node_index) covers the 2^level leaves from
 * node_index · 2^level. A complete subtree never changes, so the sequencer writes each once, in the transaction that
 * adds its last leaf; any inclusion or consistency proof then reads O(log n) rows instead of hashing O(n) leaves.
 * Derived data: the verifier recomputes every row from the leaves and names any that differ.
 */
export const ledgerNodes = pgTable(
  'ledger_nodes',
  {
    level: smallint('level').notNull(),
    nodeIndex: bigint('node_index', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.nodeIndex] })],
);

/** Signed tree heads. `frontier` holds the compact-tree state so the next checkpoint need not re-read old leaves. */
export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  rootHash: text('root_hash').notNull(),
  hashAlg: text('hash_alg').notNull(),
  keyId: text('key_id').notNull(),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
  body: text('body').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  frontier: jsonb('frontier').$type<string[]>().notNull(),
});
