import { describe, expect, it } from 'vitest';
import { Grouper } from './group.js';

const tick = () => new Promise((r) => setImmediate(r));

/** A stand-in statement that records each group and lets the test decide when (and whether) it finishes. */
function held(fail?: (items: string[]) => boolean) {
  const groups: string[][] = [];
  const release: (() => void)[] = [];
  const runGroup = (items: string[]) => {
    groups.push(items);
    return new Promise<string[]>((resolve, reject) =>
      release.push(() => (fail?.(items) ? reject(new Error(`failed: ${items.join(',')}`)) : resolve(items.map((i) => i.toUpperCase())))),
    );
  };
  return { runGroup, groups, release };
}

/**
 * A grouper whose statement fails for any group holding 'bad': item 'a' runs alone, `items` wait behind it and go
 * as one group once it ends (that group still held); each caller's answer as { r } or { e }.
 */
async function groupBehindFirst(retrySingly: boolean, items: string[]) {
  const h = held((group) => group.includes('bad'));
  const g = new Grouper(h.runGroup, { maxInFlight: 1, maxGroup: 10, retrySingly });
  const first = g.run('a');
  await tick();
  const answers = items.map((i) =>
    g.run(i).then(
      (r) => ({ r }),
      (e: Error) => ({ e: e.message }),
    ),
  );
  h.release.shift()!();
  await first;
  await tick();
  return { ...h, g, answers: Promise.all(answers) };
}

describe('Grouper (issue 18: one statement for the work that waits together)', () => {
  it('runs a lone item at once and groups the items that arrive while the statements are in flight', async () => {
    const { runGroup, groups, release } = held();
    const g = new Grouper(runGroup, { maxInFlight: 1, maxGroup: 10, retrySingly: false });
    const first = g.run('a');
    await tick();
    expect(groups).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((i) => g.run(i));
    await tick();
    expect(groups).toEqual([['a']]);
    release.shift()!();
    expect(await first).toBe('A');
    await tick();
    // Started only after the first ended: each item's statement begins after the item arrived.
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    release.shift()!();
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'D']);
  });

  it('keeps at most maxInFlight statements running and at most maxGroup items in one', async () => {
    const { runGroup, groups, release } = held();
    const g = new Grouper(runGroup, { maxInFlight: 2, maxGroup: 2, retrySingly: false });
    const all = ['a', 'b', 'c', 'd', 'e'].map((i) => g.run(i));
    await tick();
    // The first two go at once, each alone; the rest wait for one of them to end.
    expect(groups).toEqual([['a'], ['b']]);
    release.shift()!();
    await tick();
    // The next statement takes what waits, up to two items.
    expect(groups).toEqual([['a'], ['b'], ['c', 'd']]);
    release.shift()!();
    await tick();
    expect(groups).toEqual([['a'], ['b'], ['c', 'd'], ['e']]);
    release.shift()!();
    release.shift()!();
    expect(await Promise.all(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('with retrySingly, a failed group is run item by item so that only the bad item fails', async () => {
    const { groups, release, answers } = await groupBehindFirst(true, ['b', 'bad', 'c']);
    release.shift()!(); // the group of three fails
    for (let i = 0; i < 3; i++) {
      await tick();
      release.shift()!();
    }
    expect(await answers).toEqual([{ r: 'B' }, { e: 'failed: bad' }, { r: 'C' }]);
    expect(groups).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('without retrySingly, every item of a failed group gets the group’s error', async () => {
    const { g, release, answers } = await groupBehindFirst(false, ['b', 'bad']);
    release.shift()!();
    expect(await answers).toEqual([{ e: 'failed: b,bad' }, { e: 'failed: b,bad' }]);
    // The next item runs on its own again.
    const after = g.run('z');
    await tick();
    release.shift()!();
    expect(await after).toBe('Z');
  });
});
