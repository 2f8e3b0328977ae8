import Database from 'better-sqlite3';

/**
 * Opens an embedded store durably: WAL with synchronous=FULL (a commit is on disk when it
 * returns) and a busy timeout, so several stores or processes can share a file.
 * (stores/sqlite-audit-worker.js sets the same pragmas in its own thread.)
 */
export function openDurableSqlite(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}
