/**
 * vitest globalSetup: one throw-away PostgreSQL cluster for the package's test run (see
 * cluster.ts), its URL handed to the tests through `provide('pgUrl')`. Set YISHI_PG_URL to test
 * against a server of your own instead (each test works in a fresh schema of it).
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const own = process.env.YISHI_PG_URL;
  if (own) {
    project.provide('pgUrl', own);
    return;
  }
  const cluster = await startCluster((m) => console.log(m));
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
