#!/usr/bin/env node
// A simulated Epiphan Pearl (REST API v2.0) for development without hardware. The package ships TypeScript
// sources; tsx compiles them on load, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/simulator/cli.ts');
