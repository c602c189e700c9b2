// Mocha's spec reporter plus the plain closing line CI looks for: "N passed, N failed" (skipped tests
// are counted on the line before, so the last line is exactly that form).
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const skipped = pending > 0 ? `${pending} skipped\n` : '';
      process.stdout.write(`\n${skipped}${passes} passed, ${failures} failed\n`);
    });
  }
}

module.exports = SummaryReporter;
