import { AnchorFile } from '../audit/anchor.js';
import { sealPending, chainHead } from '../audit/sealer.js';
import { verifyAuditChain } from '../audit/verify.js';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';

/**
 * `gisurg audit verify`: seal pending entries, walk the whole chain, compare with the anchors in DATA_DIR,
 * print the head, exit 1 naming the first bad entry. Needs the app stopped when on PGlite (folder lock).
 */
export async function auditVerify(config: Config): Promise<number> {
  const runtime = await openRuntime(config);
  try {
    const anchors = AnchorFile.inDataDir(config.dataDir);
    await sealPending(runtime.database.db);
    const result = await verifyAuditChain(runtime.database.db, anchors.readAll());
    if (!result.ok) {
      process.stderr.write(`AUDIT CHAIN BROKEN: ${result.problem!.message} (reason: ${result.problem!.reason})\n`);
      return 1;
    }
    const head = await chainHead(runtime.database.db);
    if (head) anchors.append({ seq: head.seq, hash: head.hash, at: new Date().toISOString() });
    process.stdout.write(`Audit chain OK: ${result.sealedRows} entries verified.\n`);
    if (head) process.stdout.write(`Head: entry ${head.seq} ${head.hash}\nAnchor file: ${anchors.file} (keep a copy off this machine)\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
