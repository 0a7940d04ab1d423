import { sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { queryRows } from '../db/sql.js';
import type { Anchor } from './anchor.js';
import { CHAIN_SELECT, GENESIS_HASH, rowHash, type ChainRow } from './chain.js';

export interface VerifyProblem {
  seq: number | null;
  id: number | null;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'anchor_mismatch' | 'truncated' | 'stale_unsealed';
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  sealedRows: number;
  unsealedRows: number;
  head: { seq: number; hash: string } | null;
  problem: VerifyProblem | null;
}

type Row = ChainRow & { chain_seq: string | number; prev_hash: string; hash: string };

/**
 * Walk the chain in chain_seq order and recompute every hash (trust.md S12). Detects an altered row,
 * a removed or inserted row (sequence gap / prev-hash mismatch), reordering, and — with the anchors —
 * a truncated tail or a consistently rewritten chain. Stops at the first bad entry and names it.
 */
export async function verifyAuditChain(db: Db, anchors: readonly Anchor[] = []): Promise<VerifyResult> {
  // Two anchor files may both record one entry: every recorded hash must match.
  const anchorBySeq = new Map<number, string[]>();
  for (const a of anchors) anchorBySeq.set(a.seq, [...(anchorBySeq.get(a.seq) ?? []), a.hash]);
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let head: VerifyResult['head'] = null;
  const [unsealed] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from audit_log where chain_seq is null`);
  const unsealedRows = Number(unsealed?.n ?? 0);
  const fail = (problem: VerifyProblem): VerifyResult => ({ ok: false, sealedRows: expectedSeq - 1, unsealedRows, head, problem });

  for (;;) {
    const batch = await queryRows<Row>(
      db,
      sql.raw(
        `select ${CHAIN_SELECT}, chain_seq, prev_hash, hash from audit_log where chain_seq >= ${expectedSeq} order by chain_seq limit 10000`,
      ),
    );
    if (batch.length === 0) break;
    for (const row of batch) {
      const seq = Number(row.chain_seq);
      const id = Number(row.id);
      if (seq !== expectedSeq) {
        return fail({ seq, id, reason: 'sequence_gap', message: `entry ${expectedSeq} is missing (next is ${seq}, id ${id})` });
      }
      if (row.prev_hash !== prev) {
        return fail({ seq, id, reason: 'prev_hash_mismatch', message: `entry ${seq} (id ${id}) does not follow entry ${seq - 1}` });
      }
      const h = rowHash(prev, row);
      if (h !== row.hash) {
        return fail({ seq, id, reason: 'hash_mismatch', message: `entry ${seq} (id ${id}) was altered` });
      }
      const anchored = anchorBySeq.get(seq);
      if (anchored?.some((a) => a !== h)) {
        return fail({ seq, id, reason: 'anchor_mismatch', message: `entry ${seq} (id ${id}) differs from the external anchor` });
      }
      prev = h;
      head = { seq, hash: h };
      expectedSeq += 1;
    }
  }
  const maxAnchor = anchors.reduce((m, a) => Math.max(m, a.seq), 0);
  if (maxAnchor > (head?.seq ?? 0)) {
    return fail({
      seq: (head?.seq ?? 0) + 1,
      id: null,
      reason: 'truncated',
      message: `the chain ends at entry ${head?.seq ?? 0} but an anchor records entry ${maxAnchor}: entries were removed from the end`,
    });
  }
  return { ok: true, sealedRows: expectedSeq - 1, unsealedRows, head, problem: null };
}
