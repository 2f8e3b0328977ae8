'use strict';
/**
 * The embedded audit store's writer, in a worker thread: it owns the SQLite connection, so the
 * inserts and the fsync of each commit run beside the event loop instead of blocking it.
 * Appends that arrive together are committed in one transaction (group commit) and each is
 * acknowledged only after that commit. Plain JavaScript so it runs under any loader.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec(`CREATE TABLE IF NOT EXISTS logregel (
  id INTEGER PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, start_time TEXT NOT NULL,
  processing_activity_id TEXT NOT NULL, data_subject_id TEXT NOT NULL, organisatie TEXT, regel TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS logregel_subject ON logregel (data_subject_id);
  CREATE INDEX IF NOT EXISTS logregel_activity ON logregel (processing_activity_id);
  CREATE INDEX IF NOT EXISTS logregel_trace ON logregel (trace_id);`);
// Data folders from before the organisation column: add it (and its index) once.
if (!db.prepare('PRAGMA table_info(logregel)').all().some((c) => c.name === 'organisatie')) db.exec('ALTER TABLE logregel ADD COLUMN organisatie TEXT');
// And from before records had a kind (jf.soort): the column, filled from the records themselves.
if (!db.prepare('PRAGMA table_info(logregel)').all().some((c) => c.name === 'soort')) {
  db.exec("ALTER TABLE logregel ADD COLUMN soort TEXT; UPDATE logregel SET soort = json_extract(regel, '$.attributes.\"jf.soort\"')");
}
db.exec('CREATE INDEX IF NOT EXISTS logregel_organisatie ON logregel (organisatie); CREATE INDEX IF NOT EXISTS logregel_start ON logregel (start_time); CREATE INDEX IF NOT EXISTS logregel_soort ON logregel (organisatie, soort);');
const insert = db.prepare('INSERT INTO logregel (trace_id, span_id, start_time, processing_activity_id, data_subject_id, organisatie, soort, regel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const commit = db.transaction((batch) => {
  for (const message of batch) {
    for (const r of message.records) {
      insert.run(r.trace_id, r.span_id, r.start_time, r.attributes['dpl.core.processing_activity_id'], r.attributes['dpl.core.data_subject_id'],
        r.attributes['jf.organisatie'] == null ? null : String(r.attributes['jf.organisatie']), r.attributes['jf.soort'] == null ? null : String(r.attributes['jf.soort']), JSON.stringify(r));
    }
  }
});

let pending = [];
function flush() {
  const batch = pending;
  pending = [];
  try {
    commit(batch);
    for (const m of batch) parentPort.postMessage({ id: m.id, ok: true });
  } catch (error) {
    for (const m of batch) parentPort.postMessage({ id: m.id, ok: false, error: String(error && error.message) });
  }
}

function query({ filter, limit }) {
  const where = [];
  const args = [];
  if (filter.dataSubjectId) { where.push('data_subject_id = ?'); args.push(filter.dataSubjectId); }
  if (filter.processingActivityIds && filter.processingActivityIds.length) {
    where.push(`processing_activity_id IN (${filter.processingActivityIds.map(() => '?').join(',')})`);
    args.push(...filter.processingActivityIds);
  }
  if (filter.traceId) { where.push('trace_id = ?'); args.push(filter.traceId); }
  if (filter.organisatie) { where.push('organisatie = ?'); args.push(filter.organisatie); }
  if (filter.soort) { where.push('soort = ?'); args.push(filter.soort); }
  return db.prepare(`SELECT regel FROM logregel WHERE ${where.join(' AND ')} ORDER BY start_time DESC, id DESC LIMIT ?`).all(...args, limit).map((r) => JSON.parse(r.regel));
}

parentPort.on('message', (m) => {
  if (m.type === 'append') {
    if (workerData.failWrites) { parentPort.postMessage({ id: m.id, ok: false, error: 'writes disabled' }); return; }
    if (pending.length === 0) setImmediate(flush);
    pending.push(m);
  } else if (m.type === 'query') {
    try { parentPort.postMessage({ id: m.id, ok: true, rows: query(m) }); } catch (error) { parentPort.postMessage({ id: m.id, ok: false, error: String(error && error.message) }); }
  } else if (m.type === 'purge') {
    try {
      if (pending.length) flush();
      const ids = m.processingActivityIds;
      const info = db.prepare(`DELETE FROM logregel WHERE processing_activity_id IN (${ids.map(() => '?').join(',')}) AND start_time < ?`).run(...ids, m.before);
      parentPort.postMessage({ id: m.id, ok: true, rows: info.changes });
    } catch (error) { parentPort.postMessage({ id: m.id, ok: false, error: String(error && error.message) }); }
  } else if (m.type === 'ping') {
    try { db.prepare('SELECT 1').get(); parentPort.postMessage({ id: m.id, ok: true }); } catch (error) { parentPort.postMessage({ id: m.id, ok: false, error: String(error && error.message) }); }
  } else if (m.type === 'close') {
    if (pending.length) flush();
    db.close();
    parentPort.postMessage({ id: m.id, ok: true });
  }
});
