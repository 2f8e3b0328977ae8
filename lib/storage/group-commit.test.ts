import { groupCommit } from './group-commit';

describe('group commit', () => {
  it('writes concurrent appends in one commit and answers each only after it', async () => {
    const commits: number[][] = [];
    let answered = 0;
    const append = groupCommit<number>(async (items) => { expect(answered).toBe(0); commits.push(items); });
    await Promise.all([append([1]), append([2, 3]), append([4])].map((p) => p.then(() => { answered++; })));
    expect(commits).toEqual([[1, 2, 3, 4]]);
  });

  it('rejects every caller of a failed commit, and keeps working afterwards', async () => {
    let fail = true;
    const append = groupCommit<number>(() => { if (fail) throw new Error('disk full'); });
    const results = await Promise.allSettled([append([1]), append([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(append([3])).resolves.toBeUndefined();
  });
});
