#!/usr/bin/env node
// The agent's packages ship TypeScript sources; tsx compiles them on load, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
