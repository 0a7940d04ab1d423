export const STAGING_SITES = ['stomach', 'colorectal', 'anus', 'appendix'] as const;
export type StagingSite = (typeof STAGING_SITES)[number];

/** c = clinical, p = pathological, yp = pathological after neoadjuvant therapy (AJCC 8 prefixes). */
export const STAGING_CLASSIFICATIONS = ['c', 'p', 'yp'] as const;
export type StagingClassification = (typeof STAGING_CLASSIFICATIONS)[number];

/** Histological grade; AJCC 8 uses it for the appendix (M1b) only. GX = cannot be assessed. */
export const HISTOLOGIC_GRADES = ['G1', 'G2', 'G3', 'GX'] as const;
export type HistologicGrade = (typeof HISTOLOGIC_GRADES)[number];

export type TnmAxis = 'T' | 'N' | 'M';

/**
 * One AJCC 8 stage-group table. Lookup keys are the row (T) and column (N) headers after normalisation.
 * `categories` maps every accepted input category (canonical spelling, e.g. `T1a`) to the lookup keys it
 * stands for: one key = normalisation (T1a -> T1), several = a parent category whose children must all
 * give the same stage (T4 -> T4a, T4b), none = "cannot be assessed" (TX, NX, MX) -> stage unknown.
 */
export interface StageTable {
  /** Where the table comes from (shown in docs and kept next to computed stages). */
  readonly source: string;
  readonly categories: {
    readonly T: Readonly<Record<string, readonly string[]>>;
    readonly N: Readonly<Record<string, readonly string[]>>;
    readonly M: Readonly<Record<string, readonly string[]>>;
  };
  /** Column headers of the M0 grid, in order. */
  readonly nColumns: readonly string[];
  /** M0 grid: T key -> stage per N column; null where the combination is not defined ('–'). */
  readonly m0: Readonly<Record<string, readonly (string | null)[]>>;
  /** Stage for each M1 key, whatever T and N; a record when the grade decides (appendix M1b). */
  readonly m1: Readonly<Record<string, string | Readonly<Record<HistologicGrade, string>>>>;
}

export interface StageAjcc8Input {
  readonly site: StagingSite;
  readonly classification: StagingClassification;
  readonly t: string;
  readonly n: string;
  readonly m: string;
  readonly grade?: HistologicGrade;
}

export interface StageAjcc8Result {
  /** e.g. 'IIIA', '0', 'IVB'; 'unknown' for TX/NX/MX or a combination the table does not define. */
  readonly stage: string;
  readonly edition: 8;
  /** The categories used for the lookup (T1a -> T1 for the stomach, N1c -> N1 for colorectal, ...). */
  readonly normalized: { readonly t: string; readonly n: string; readonly m: string };
  /** The categories as entered, in canonical spelling without prefix (`pt1A` -> `T1a`). */
  readonly categories: { readonly t: string; readonly n: string; readonly m: string };
}
