// Shared mocha settings. The root .mocharc.cjs adds every package's spec; package scripts pass their own.
const path = require('node:path');
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  reporter: path.join(__dirname, 'summary-reporter.cjs'),
  timeout: 20000,
  exit: true,
};
