/** Types of build-server.mjs (the server bundle, ADR 0017) for TypeScript callers (the process tests). */
export const serverBundle: string;
export function newest(p: string): number;
export function serverBuildIsStale(): boolean;
export function buildServer(): void;
export function ensureServerBuilt(opts?: { force?: boolean; quiet?: boolean }): void;
export function makePgliteTemplate(): void;
export function memoizeDrizzleIs(source: string): string;
