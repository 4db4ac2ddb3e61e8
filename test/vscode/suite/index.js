// Entry point VS Code's extension host calls (the @vscode/test-electron contract): runs the
// mocha suite and writes its results where the launcher looks for them.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  // LITNOTES_VSCODE_GREP="Save Citation" runs only the tests whose title matches.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, ...(process.env.LITNOTES_VSCODE_GREP ? { grep: process.env.LITNOTES_VSCODE_GREP } : {}) });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const resultsFile = process.env.LITNOTES_TEST_RESULTS;
  return new Promise((resolve, reject) => {
    const tests = [];
    const runner = mocha.run((failures) => {
      const passed = tests.filter((t) => t.state === 'passed').length;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed: failures, tests }, null, 2));
      if (failures > 0) reject(new Error(`${failures} real-editor tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error) => tests.push({ title: test.fullTitle(), state: 'failed', error: String(error && error.stack ? error.stack : error) }));
  });
};
