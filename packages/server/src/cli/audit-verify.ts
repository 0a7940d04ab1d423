import { AnchorFile } from '../audit/anchor.js';
import { sealPending, chainHead } from '../audit/sealer.js';
import { verifyAuditChain } from '../audit/verify.js';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';

/**
 * `gisurg audit verify`: seal pending entries, walk the whole chain, compare with the anchors in DATA_DIR,
 * print the head, exit 1 naming the first bad entry. Needs the app stopped when on PGlite (folder lock).
 * It writes a new anchor only for a chain it could tie to a known anchor: with every anchor file missing or
 * empty (deleted, or a new copy) it verifies, prints the head and exits 3 without anchoring, unless
 * `--first-anchor` says this is a new installation (issue 17 failure 6).
 */
export async function auditVerify(config: Config, args: readonly string[] = []): Promise<number> {
  const runtime = await openRuntime(config);
  try {
    const anchors = AnchorFile.inDataDir(config.dataDir, config.audit.anchorCopy);
    const known = anchors.readAll();
    await sealPending(runtime.database.db);
    const result = await verifyAuditChain(runtime.database.db, known);
    if (!result.ok) {
      process.stderr.write(`AUDIT CHAIN BROKEN: ${result.problem!.message} (reason: ${result.problem!.reason})\n`);
      return 1;
    }
    const head = await chainHead(runtime.database.db);
    if (head && known.length === 0 && !args.includes('--first-anchor')) {
      process.stderr.write(
        `AUDIT CHAIN NOT ANCHORED: ${result.sealedRows} entries hash correctly, but no anchor file (${anchors.files.join(', ')}) ` +
          `records any of them, so a rewritten chain would look the same. Head: entry ${head.seq} ${head.hash}\n` +
          `Compare the head with your copy off this machine; run \`gisurg audit verify --first-anchor\` only for a new installation.\n`,
      );
      return 3;
    }
    if (head) anchors.append({ seq: head.seq, hash: head.hash, at: new Date().toISOString() });
    process.stdout.write(`Audit chain OK: ${result.sealedRows} entries verified.\n`);
    if (head)
      process.stdout.write(
        `Head: entry ${head.seq} ${head.hash}\nAnchor file: ${anchors.file} ${anchors.copy ? ` and ${anchors.copy}` : ' (keep a copy off this machine, or set AUDIT_ANCHOR_COPY)'}\n`,
      );
    return 0;
  } finally {
    await runtime.close();
  }
}
