import { gatherFetch } from "./consumer";

type Fetched = Parameters<Parameters<typeof gatherFetch>[0]>[0][number];

const partition = (n: number): Fetched => ({ topic: "t", partition: n, highWatermark: "10", wanted: [], next: "1" });

describe("gatherFetch", () => {
  it("runs the partitions handed over in one turn of the event loop as one, and tells each whether it was done", async () => {
    const runs: number[][] = [];
    const gather = gatherFetch(async (gathered) => {
      runs.push(gathered.map((fetched) => fetched.partition));
      return new Set(gathered.filter((fetched) => fetched.partition === 1));
    });
    const outcomes = await Promise.all([gather(partition(0)), gather(partition(1)), gather(partition(2))]);
    expect(runs).toEqual([[0, 1, 2]]);
    expect(outcomes).toEqual(["done", "alone", "done"]);
  });

  it("starts a new run for a partition handed over after the first run began", async () => {
    const runs: number[][] = [];
    const gather = gatherFetch(async (gathered) => {
      runs.push(gathered.map((fetched) => fetched.partition));
      return new Set();
    });
    const first = gather(partition(0));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, gather(partition(1))]);
    expect(runs).toEqual([[0], [1]]);
  });

  it("rejects every partition of a run that failed (its offset commit), as each would have failed alone", async () => {
    const gather = gatherFetch(async () => {
      throw new Error("commit refused: the group is rebalancing");
    });
    const outcomes = await Promise.allSettled([gather(partition(0)), gather(partition(1))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
  });
});
