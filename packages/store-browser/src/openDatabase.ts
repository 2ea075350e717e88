/**
 * Opening the IndexedDB database of a browser stream store: running the numbered migrations in
 * the upgrade transaction, and the ways another tab can stand in the way, each turned into a
 * `STORE_CLOSED` error that says what happened and what to do (its issue's `message` is a stable
 * word a UI can switch on: `blocked`, `newer schema`, `upgraded elsewhere`, `deleted elsewhere`,
 * `terminated`, `open failed`).
 *
 * Tabs of one origin share the database. When a newer release opens it at a higher version, every
 * open connection gets `versionchange`; this store closes its connection right then (and refuses
 * further calls) so the upgrade is not held up. Code that does not (an old page, a devtools
 * console) blocks the upgrade: the opener is refused at once with `blocked` rather than left
 * waiting on a promise that may never settle.
 */
import { YishiError } from '@yishi/core';
import { wrap } from 'idb';
import { type Migration, STORE_NAMES, type StoreDb, type UpgradeTransaction } from './schema.js';

export interface Connection {
  db: StoreDb;
  /** Why the connection can no longer be used, or null while it can. */
  closedBecause(): YishiError | null;
  /** Closes it (idempotent); later calls are refused with `reason`. */
  close(reason: YishiError): void;
}

const closedError = (message: string, why: string, expected?: string) =>
  new YishiError('STORE_CLOSED', message, [
    expected === undefined ? { message: why } : { message: why, expected },
  ]);

export function openDatabase(
  factory: IDBFactory,
  name: string,
  migrations: readonly Migration[],
): Promise<Connection> {
  const version = migrations.length;
  return new Promise<Connection>((resolve, reject) => {
    let settled = false;
    let migrationFailure: unknown = null;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, version);
    } catch (e) {
      fail(openFailed(name, e));
      return;
    }
    request.onupgradeneeded = (event) => {
      const raw = request.transaction!;
      try {
        const db = wrap(request.result) as unknown as StoreDb;
        const tx = wrap(raw) as unknown as UpgradeTransaction;
        tx.done.catch(() => {}); // a failed upgrade is reported through the open request
        for (let v = event.oldVersion; v < version; v++) migrations[v]!(db, tx);
      } catch (e) {
        // Aborting the upgrade transaction leaves the database exactly at its old version.
        migrationFailure = e;
        raw.abort();
      }
    };
    request.onblocked = (event) => {
      fail(
        closedError(
          `IndexedDB database "${name}" is open in another tab (or window) at schema version ` +
            `${event.oldVersion}, which does not let it go, so it cannot be upgraded to version ${version}: ` +
            'close or reload the other tabs of this site, then open the store again',
          'blocked',
          `no other connection at version ${event.oldVersion}`,
        ),
      );
    };
    request.onsuccess = () => {
      const raw = request.result;
      if (settled) {
        // We gave up while blocked; the upgrade went through later. Let go of it at once.
        raw.close();
        return;
      }
      const missing = STORE_NAMES.filter((n) => !raw.objectStoreNames.contains(n));
      if (missing.length > 0) {
        raw.close();
        fail(
          new YishiError(
            'INVALID_INPUT',
            `IndexedDB database "${name}" is not a yishi stream store: it has no object store ${missing.join(', ')}`,
            [{ message: 'not a stream store', path: 'name', received: name }],
          ),
        );
        return;
      }
      settled = true;
      resolve(connection(raw, name));
    };
    request.onerror = () => {
      if (migrationFailure !== null) fail(migrationFailure);
      else if (request.error?.name === 'VersionError') {
        fail(
          closedError(
            `IndexedDB database "${name}" was upgraded past schema version ${version} by a newer ` +
              'release of this app (in another tab, or before a downgrade): reload the page to run the newer release',
            'newer schema',
            `schema version ${version}`,
          ),
        );
      } else fail(openFailed(name, request.error));
    };
  });
}

function openFailed(name: string, e: unknown) {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // Private windows of some browsers, file:// pages and storage turned off all end here.
  return closedError(`IndexedDB database "${name}" could not be opened (${what})`, 'open failed');
}

function connection(raw: IDBDatabase, name: string): Connection {
  let reason: YishiError | null = null;
  raw.onversionchange = (event) => {
    reason ??=
      event.newVersion === null
        ? closedError(
            `the store was closed because another tab deleted IndexedDB database "${name}"`,
            'deleted elsewhere',
          )
        : closedError(
            `the store was closed because another tab is upgrading IndexedDB database "${name}" ` +
              `to schema version ${event.newVersion}: reload this page to use the newer release`,
            'upgraded elsewhere',
          );
    raw.close();
  };
  // Fired only when the browser closes the connection itself (storage cleared, disk failure).
  raw.onclose = () => {
    reason ??= closedError(
      `the browser closed IndexedDB database "${name}" (its storage was cleared or failed): open the store again`,
      'terminated',
    );
  };
  return {
    db: wrap(raw) as unknown as StoreDb,
    closedBecause: () => reason,
    close(why) {
      reason ??= why;
      raw.close();
    },
  };
}

/** Deletes a store's database. Other tabs' stores close themselves; anything else blocks it. */
export function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(openFailed(name, request.error));
    request.onblocked = () =>
      reject(
        closedError(
          `IndexedDB database "${name}" is held open by another tab, so it is not deleted yet: it will be ` +
            'once that tab closes or reloads',
          'blocked',
        ),
      );
  });
}
