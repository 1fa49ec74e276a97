#!/usr/bin/env node
// `npx paperlab …`: run the TypeScript CLI through tsx's require hook (no build step).
require('tsx/cjs');
require('./main.ts');
