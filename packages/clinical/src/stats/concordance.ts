import { argsort } from './sort.js';

/**
 * Harrell's concordance (Harrell et al., JAMA 1982; Stat Med 1996) of a risk score with right-censored
 * survival, as R's `concordancefit(y, lp, reverse = TRUE, timewt = "n")`: the value coxph stores in
 * `fit$concordance` and `summary(fit)$concordance` prints (survival ≥ 3.0, `concordance3` C code).
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
  /** Results of split(): weight with rank below, equal to and above the rank asked for. */
  below = 0;
  equal = 0;
  above = 0;

  constructor(private readonly size: number) {
    this.tree = new Float64Array(size + 1);
    this.node = new Float64Array(size + 1);
  }

  add(rank: number, w: number): void {
    this.node[rank] = this.node[rank]! + w;
    this.total += w;
    for (let r = rank; r <= this.size; r += r & -r) this.tree[r] = this.tree[r]! + w;
  }

  /** Weight with rank < r, = r and > r, left in below / equal / above (no allocation per call). */
  split(rank: number): void {
    let below = 0;
    for (let r = rank - 1; r > 0; r -= r & -r) below += this.tree[r]!;
    this.below = below;
    this.equal = this.node[rank]!;
    this.above = this.total - below - this.equal;
  }
}

/** `time`, `status`, `risk` in any order. */
export function concordance(time: Float64Array, status: Uint8Array, risk: Float64Array): ConcordanceResult {
  const n = time.length;
  // ranks of the distinct risk scores (R: match(risk, sort(unique(risk))))
  const byRisk = argsort(risk);
  const rankOf = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i += 1) {
    const idx = byRisk[i]!;
    if (i === 0 || risk[idx] !== risk[byRisk[i - 1]!]) m += 1;
    rankOf[idx] = m;
  }
  // R's sort.stop = order(-time, status, risk): descending time, censored first, then by score
  const statusRank = new Float64Array(n);
  const negTime = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    statusRank[i] = status[i]! * (m + 1) + rankOf[i]!;
    negTime[i] = -time[i]!;
  }
  const order = argsort(negTime, argsort(statusRank));
  // Everything below works on positions in that order (sequential memory); the variance is a sum
  // over patients, so it never needs to map back.
  const t = new Float64Array(n);
  const dead = new Uint8Array(n);
  const rank = new Uint32Array(n);
  for (let j = 0; j < n; j += 1) {
    const idx = order[j]!;
    t[j] = time[idx]!;
    dead[j] = status[idx]!;
    rank[j] = rankOf[idx]!;
  }

  const allTree = new RankTree(m);
  const deadTree = new RankTree(m);
  // Influence columns (before reversal): concordant, discordant, tied.x, tied.y, tied.xy
  const inf0 = new Float64Array(n);
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  // pair counts before reversal: concordant, discordant, tied.x, tied.y (incl. tied.xy), tied.xy
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;

  for (let i = 0; i < n;) {
    if (dead[i] === 0) {
      deadTree.split(rank[i]!);
      inf0[i] = -deadTree.below;
      inf1[i] = -deadTree.above;
      inf2[i] = -deadTree.equal;
      allTree.add(rank[i]!, 1);
      i += 1;
      continue;
    }
    // all deaths tied at this time (censorings at the same time were added before them), sorted by
    // score: a run of equal scores among them is tied on both time and score
    let j = i;
    let dwt = 0;
    let dwt2 = 0;
    let xsave = rank[i]!;
    for (; j < n && t[j] === t[i]; j += 1) {
      c3 += dwt;
      dwt += 1;
      if (rank[j] !== xsave) {
        dwt2 = 0;
        xsave = rank[j]!;
      }
      c4 += dwt2;
      dwt2 += 1;
      allTree.split(rank[j]!);
      c0 += allTree.above;
      c1 += allTree.below;
      c2 += allTree.equal;
      inf0[j] = allTree.above;
      inf1[j] = allTree.below;
      inf2[j] = allTree.equal;
      deadTree.add(rank[j]!, 1);
    }
    for (let k = i; k < j; k += 1) {
      deadTree.split(rank[k]!);
      inf0[k] = inf0[k]! - deadTree.below;
      inf1[k] = inf1[k]! - deadTree.above;
      inf2[k] = inf2[k]! - deadTree.equal;
      allTree.add(rank[k]!, 1);
    }
    i = j;
  }
  c3 -= c4; // tied.xy were also counted as tied.y

  const npair = c0 + c1 + c2;
  if (npair === 0) {
    return { concordance: null, stdErr: null, concordant: c1, discordant: c0, tiedRisk: c2, tiedTime: c3, tiedRiskAndTime: c4 };
  }
  const somer = (c0 - c1) / npair;
  let varSomer = 0;
  for (let i = 0; i < n; i += 1) {
    // finish the influence: pairs in which patient i is the one still at risk (R: final walkup)
    deadTree.split(rank[i]!);
    const a0 = inf0[i]! + deadTree.below;
    const a1 = inf1[i]! + deadTree.above;
    const a2 = inf2[i]! + deadTree.equal;
    const dfbeta = (a0 - a1) / npair - (somer / npair) * (a0 + a1 + a2);
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
