#!/usr/bin/env node
// Launcher for `npx reward-playground …` / `node cli/bin.mjs …`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
