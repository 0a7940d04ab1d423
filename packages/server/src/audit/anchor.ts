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
  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): AnchorFile {
    return new AnchorFile(path.join(dataDir, 'audit-anchors.log'));
  }

  append(anchor: Anchor): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  }

  readAll(): Anchor[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Anchor);
  }

  last(): Anchor | null {
    const all = this.readAll();
    return all.length > 0 ? all[all.length - 1]! : null;
  }
}
