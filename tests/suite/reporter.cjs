// Node loads a test reporter before `--import tsx` applies, so it cannot load reporter.ts itself:
// this loads it through tsx's own API.
'use strict';
const { require: tsxRequire } = require('tsx/cjs/api');
module.exports = tsxRequire('./reporter.ts', __filename);
