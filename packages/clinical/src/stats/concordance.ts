import { argsort } from './sort.js';

/**
 * Harrell's concordance of a risk score with right-censored survival, as R's
 * `concordancefit(y, lp, reverse = TRUE, timewt = "n")`, the value coxph stores in
 * `fit$concordance` and `summary(fit)$concordance` prints (survival ≥ 3.0, `concordance3` C code):
 * - a pair is comparable when the shorter time is an event; a censoring at the same time as an
 *   event counts as the longer time; two events at the same time are tied on time (not comparable);
 * - concordant: the patient who failed first has the higher risk score; tied.x: equal scores;
 *   C = (concordant + tied.x / 2) / (concordant + discordant + tied.x);
 * - standard error from the infinitesimal jackknife: each patient's counts of concordant,
 *   discordant and tied pairs give the influence on Somers' d, var(C) = Σ dfbeta² / 4.
 * Risk-set counts use Fenwick trees over the ranks of the score: O(n log n).
 */

export interface ConcordanceResult {
  /** null when no pair is comparable (R: NaN), e.g. all events at one time. */
  readonly concordance: number | null;
  readonly stdErr: number | null;
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs with equal risk scores (R: tied.x). */
  readonly tiedRisk: number;
  /** Pairs with equal event times (R: tied.y, not counting tied.xy). */
  readonly tiedTime: number;
  /** Pairs tied on both (R: tied.xy). */
  readonly tiedRiskAndTime: number;
}

/** Fenwick tree of weights by rank (1-based), with the weight at each rank kept separately. */
class RankTree {
  private readonly tree: Float64Array;
  private readonly node: Float64Array;
  total = 0;

  constructor(private readonly size: number) {
    this.tree = new Float64Array(size + 1);
    this.node = new Float64Array(size + 1);
  }

  add(rank: number, w: number): void {
    this.node[rank] = this.node[rank]! + w;
    this.total += w;
    for (let r = rank; r <= this.size; r += r & -r) this.tree[r] = this.tree[r]! + w;
  }

  /** Weight with rank < r, = r, > r. */
  split(rank: number): [number, number, number] {
    let below = 0;
    for (let r = rank - 1; r > 0; r -= r & -r) below += this.tree[r]!;
    const equal = this.node[rank]!;
    return [below, equal, this.total - below - equal];
  }
}

/** `time`, `status`, `risk` in any order. */
export function concordance(time: Float64Array, status: Uint8Array, risk: Float64Array): ConcordanceResult {
  const n = time.length;
  // ranks of the distinct risk scores (R: match(risk, sort(unique(risk))))
  const byRisk = argsort(risk);
  const rank = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i += 1) {
    const idx = byRisk[i]!;
    if (i === 0 || risk[idx] !== risk[byRisk[i - 1]!]) m += 1;
    rank[idx] = m;
  }
  // R's sort.stop = order(-time, status, risk): descending time, censored first, then by score
  const statusKey = new Float64Array(n);
  const negTime = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    statusKey[i] = status[i]!;
    negTime[i] = -time[i]!;
  }
  const order = argsort(negTime, argsort(statusKey, byRisk));

  const all = new RankTree(m);
  const dead = new RankTree(m);
  // Influence columns (before reversal): concordant, discordant, tied.x, tied.y, tied.xy
  const inf0 = new Float64Array(n);
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  const inf3 = new Float64Array(n);
  const inf4 = new Float64Array(n);
  const count = [0, 0, 0, 0, 0];

  const flushTiedXY = (from: number, to: number, groupWeight: number): void => {
    if (to - from < 2) return;
    for (let j = from; j < to; j += 1) {
      const kk = order[j]!;
      inf4[kk] = inf4[kk]! + (groupWeight - 1);
      inf3[kk] = inf3[kk]! - (groupWeight - 1);
    }
  };

  for (let i = 0; i < n; ) {
    const ii = order[i]!;
    if (status[ii] === 0) {
      const [below, equal, above] = dead.split(rank[ii]!);
      inf0[ii] = inf0[ii]! - below;
      inf1[ii] = inf1[ii]! - above;
      inf2[ii] = inf2[ii]! - equal;
      all.add(rank[ii]!, 1);
      i += 1;
      continue;
    }
    // all deaths tied at this time (censorings at the same time were added before them)
    const t = time[ii]!;
    let j = i;
    let dwt = 0;
    let dwt2 = 0;
    let xsave = rank[ii]!;
    let j2 = i;
    for (; j < n && time[order[j]!] === t; j += 1) {
      const jj = order[j]!;
      count[3]! += dwt;
      dwt += 1;
      if (rank[jj] !== xsave) {
        flushTiedXY(j2, j, dwt2);
        j2 = j;
        dwt2 = 0;
        xsave = rank[jj]!;
      }
      count[4]! += dwt2;
      dwt2 += 1;
      const [below, equal, above] = all.split(rank[jj]!);
      count[0]! += above;
      count[1]! += below;
      count[2]! += equal;
      inf0[jj] = inf0[jj]! + above;
      inf1[jj] = inf1[jj]! + below;
      inf2[jj] = inf2[jj]! + equal;
      dead.add(rank[jj]!, 1);
    }
    flushTiedXY(j2, j, dwt2);
    for (let k = i; k < j; k += 1) {
      const kk = order[k]!;
      const [below, equal, above] = dead.split(rank[kk]!);
      inf0[kk] = inf0[kk]! - below;
      inf1[kk] = inf1[kk]! - above;
      inf2[kk] = inf2[kk]! - equal;
      inf3[kk] = inf3[kk]! + (dwt - 1);
      all.add(rank[kk]!, 1);
    }
    i = j;
  }
  for (let i = 0; i < n; i += 1) {
    const [below, equal, above] = dead.split(rank[i]!);
    inf0[i] = inf0[i]! + below;
    inf1[i] = inf1[i]! + above;
    inf2[i] = inf2[i]! + equal;
  }
  count[3]! -= count[4]!;

  const [c0, c1, c2, c3, c4] = count as [number, number, number, number, number];
  const npair = c0 + c1 + c2;
  if (npair === 0) {
    return { concordance: null, stdErr: null, concordant: c1, discordant: c0, tiedRisk: c2, tiedTime: c3, tiedRiskAndTime: c4 };
  }
  const somer = (c0 - c1) / npair;
  let varSomer = 0;
  for (let i = 0; i < n; i += 1) {
    const dfbeta = (inf0[i]! - inf1[i]!) / npair - (somer / npair) * (inf0[i]! + inf1[i]! + inf2[i]!);
    varSomer += dfbeta * dfbeta;
  }
  // reverse = TRUE: a higher score predicts a shorter time, so concordant and discordant swap
  return {
    concordance: 1 - (somer + 1) / 2,
    stdErr: Math.sqrt(varSomer / 4),
    concordant: c1,
    discordant: c0,
    tiedRisk: c2,
    tiedTime: c3,
    tiedRiskAndTime: c4,
  };
}
