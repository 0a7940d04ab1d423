#!/usr/bin/env node
// The `gisurg` command: runs the TypeScript CLI (src/main.ts) through the tsx loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
