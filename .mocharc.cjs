// One mocha run over every package so `npm test` prints one summary (see scripts/summary-reporter.cjs).
const path = require('node:path');
const root = __dirname;
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: [
    'sdk/test/**/*.test.ts',
    'core/test/**/*.test.ts',
    'plugins/*/test/**/*.test.ts',
    'examples/*/test/**/*.test.ts',
    'test/**/*.test.ts',
  ].map((glob) => path.join(root, glob)),
  reporter: path.join(root, 'scripts/summary-reporter.cjs'),
  timeout: 20000,
  exit: true,
};
