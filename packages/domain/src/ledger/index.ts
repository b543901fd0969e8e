export * from './hex.ts';
export * from './merkle.ts';
export * from './compact-tree.ts';
export * from './subtrees.ts';
export * from './sm3.ts';
export * from './canonical.ts';
