import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Anchors of the chain head kept outside the database (ARCHITECTURE.md, trust.md S12): truncating the tail
 * or rewriting the whole chain consistently is detected by comparing the table with these.
 * Deployments should copy this file off the host (it is plain JSON lines).
 */
export interface Anchor {
  seq: number;
  hash: string;
  at: string;
}

export class AnchorFile {
  /** `copy`: a second anchor file outside DATA_DIR (AUDIT_ANCHOR_COPY); every anchor goes to both. */
  constructor(
    readonly file: string,
    readonly copy: string | null = null,
  ) {}

  static inDataDir(dataDir: string, copy: string | null = null): AnchorFile {
    return new AnchorFile(path.join(dataDir, 'audit-anchors.log'), copy);
  }

  get files(): string[] {
    return this.copy ? [this.file, this.copy] : [this.file];
  }

  append(anchor: Anchor): void {
    for (const f of this.files) {
      mkdirSync(path.dirname(f), { recursive: true });
      appendFileSync(f, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
    }
  }

  /** The anchors of every file, in order (a file deleted or rewritten on one side still leaves the other's). */
  readAll(): Anchor[] {
    return this.files.flatMap((f) =>
      existsSync(f)
        ? readFileSync(f, 'utf8')
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as Anchor)
        : [],
    );
  }

  last(): Anchor | null {
    const all = this.readAll();
    return all.length > 0 ? all[all.length - 1]! : null;
  }
}
