// idb checks `instanceof IDBRequest` and friends, so fake-indexeddb's classes must be the globals.
import 'fake-indexeddb/auto';
