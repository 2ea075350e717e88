#!/usr/bin/env node
// The bundle, compiled with the code cache the build made (see ./bundle.mjs).
import { compileBundle, runBundle } from './bundle.mjs';

runBundle(compileBundle());
