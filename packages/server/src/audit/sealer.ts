import { sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { queryRows } from '../db/sql.js';
import { CHAIN_SELECT, GENESIS_HASH, rowHash, type ChainRow } from './chain.js';
import type { AnchorFile } from './anchor.js';

const SEALER_LOCK = 4_711_0002;
const BATCH = 5000;

export interface ChainHead {
  seq: number;
  hash: string;
}

export async function chainHead(db: Db): Promise<ChainHead | null> {
  const [row] = await queryRows<{ chain_seq: string | number; hash: string }>(
    db,
    sql`select chain_seq, hash from audit_log where chain_seq is not null order by chain_seq desc limit 1`,
  );
  return row ? { seq: Number(row.chain_seq), hash: row.hash } : null;
}

/**
 * Seal committed, unsealed audit rows in id order: assign chain_seq, prev_hash and hash (one short
 * transaction per batch, under an advisory lock so two app instances never seal at once).
 * Returns the number of rows sealed.
 */
export async function sealPending(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEALER_LOCK})`);
      const pending = await queryRows<ChainRow>(
        tx,
        sql.raw(`select ${CHAIN_SELECT} from audit_log where chain_seq is null order by id limit ${BATCH} for update`),
      );
      if (pending.length === 0) return 0;
      const head = await chainHead(tx);
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        seq += 1;
        const h = rowHash(prev, row);
        ids.push(Number(row.id));
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(h);
        prev = h;
      }
      await tx.execute(sql`
        update audit_log a set chain_seq = v.seq, prev_hash = v.prev, hash = v.h
        from unnest(${sql.param(ids)}::bigint[], ${sql.param(seqs)}::bigint[], ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[])
          as v(id, seq, prev, h)
        where a.id = v.id`);
      return pending.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}

/** Runs the sealer about once a second and anchors the head after `anchorEveryEntries` new entries or
 *  `anchorEveryMs`, whichever comes first (and on stop), so little of the chain is ever unanchored. */
export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastAnchorAt = 0;
  private lastAnchoredSeq = 0;
  private sinceAnchor = 0;

  constructor(
    private readonly db: Db,
    private readonly anchors: AnchorFile,
    private readonly intervalMs: number,
    private readonly onError: (e: unknown) => void,
    private readonly anchorEveryMs = 10_000,
    private readonly anchorEveryEntries = 50,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async tick(forceAnchor = false): Promise<void> {
    try {
      const now = Date.now();
      const sealed = await sealPending(this.db);
      this.sinceAnchor += sealed;
      if (forceAnchor || this.sinceAnchor >= this.anchorEveryEntries || now - this.lastAnchorAt >= this.anchorEveryMs) {
        this.sinceAnchor = 0;
        const head = await chainHead(this.db);
        if (head && head.seq !== this.lastAnchoredSeq) {
          this.anchors.append({ seq: head.seq, hash: head.hash, at: new Date().toISOString() });
          this.lastAnchoredSeq = head.seq;
        }
        this.lastAnchorAt = now;
      }
    } catch (e) {
      this.onError(e);
    }
  }

  /** Stop the timer, then seal what is left and anchor the head (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    await this.tick(true);
  }
}
