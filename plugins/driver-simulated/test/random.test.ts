import { expect } from 'chai';
import { createRandom, deriveSeed, mulberry32 } from '../src/random.js';

describe('driver-simulated random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).to.deep.equal(seqA);
    expect(Array.from({ length: 20 }, c)).to.not.deep.equal(seqA);
    for (const x of seqA) expect(x).to.be.within(0, 1).and.lessThan(1);
  });

  it('derives different seeds per key and per base seed', () => {
    expect(deriveSeed(1, 'sim-1')).to.equal(deriveSeed(1, 'sim-1'));
    expect(deriveSeed(1, 'sim-1')).to.not.equal(deriveSeed(1, 'sim-2'));
    expect(deriveSeed(1, 'sim-1')).to.not.equal(deriveSeed(2, 'sim-1'));
  });

  it('draws normals and poisson counts with about the right mean', () => {
    const rng = createRandom(7);
    const n = 20_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sumSq += x * x;
    }
    expect(sum / n).to.be.closeTo(0, 0.05);
    expect(Math.sqrt(sumSq / n)).to.be.closeTo(1, 0.05);
    for (const lambda of [0.5, 4, 200]) {
      let total = 0;
      for (let i = 0; i < 5000; i++) total += rng.poisson(lambda);
      expect(total / 5000, `lambda ${lambda}`).to.be.closeTo(lambda, lambda * 0.1 + 0.05);
    }
    expect(rng.poisson(0)).to.equal(0);
  });
});
