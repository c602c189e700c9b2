import { expect } from 'chai';
import { nextFlapping, percentStateChange } from '../../src/alerts/flap.js';

const policy = { window: 21, highPct: 50, lowPct: 25 };

describe('flap detection (Sensu Go weights)', () => {
  it('is 0 until the window is full', () => {
    expect(percentStateChange('ox'.repeat(10), 21)).to.equal(0);
  });

  it('is 100 % for a result that changes every time', () => {
    expect(percentStateChange(`${'ox'.repeat(10)}o`, 21)).to.be.closeTo(
      ((0.8 * 20 + 0.02 * 190) / 20) * 100,
      1e-9,
    );
  });

  it('weighs recent changes more than old ones', () => {
    const oldChange = `x${'o'.repeat(20)}`;
    const newChange = `${'o'.repeat(20)}x`;
    expect(percentStateChange(oldChange, 21)).to.be.closeTo(4, 1e-9);
    expect(percentStateChange(newChange, 21)).to.be.closeTo(5.9, 1e-9);
  });

  it('has hysteresis: starts at the high threshold, stops only at or below the low one', () => {
    const busy = `${'ox'.repeat(5)}${'o'.repeat(11)}`; // 10 changes early in the window
    const pct = percentStateChange(busy, 21);
    expect(pct).to.be.within(25, 50);
    expect(nextFlapping(false, busy, policy)).to.equal(false);
    expect(nextFlapping(true, busy, policy)).to.equal(true);
  });
});
