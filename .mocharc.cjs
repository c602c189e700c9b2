// One mocha run over every package so `npm test` prints one summary line (scripts/summary-reporter.cjs).
const path = require('node:path');
const base = require('./scripts/mocharc.base.cjs');
module.exports = {
  ...base,
  spec: [
    'sdk/test/**/*.test.ts',
    'core/test/**/*.test.ts',
    'plugins/*/test/**/*.test.ts',
    'examples/*/test/**/*.test.ts',
    'test/**/*.test.ts',
  ].map((glob) => path.join(__dirname, glob)),
};
