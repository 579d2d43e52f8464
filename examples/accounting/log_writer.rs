//! An append-only log fed through a bounded queue: the thread that reports a
//! line never waits for the disk.
//!
//! RAS calls the hang-up hook on its own threads, and a slow or stuck disk
//! must not hold a port up. [`LogWriter::append`] therefore only puts the
//! line into a `sync_channel` with `try_send` and returns at once; one
//! background thread writes the lines. When the queue is full (the disk
//! is far behind) the line is dropped and counted, never waited for.
//!
//! Lines still queued when the process exits are lost; so are lines whose
//! write fails (counted as failed, and the file is reopened for the next
//! batch). Nothing is `fsync`ed: the OS writes the file out in its own time.

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;

/// How many lines may wait for the disk before new ones are dropped.
pub const QUEUE_CAPACITY: usize = 256;

/// Most lines written with one `write` call.
const MAX_BATCH: usize = 1024;

/// The sending half, shared by every caller: `Send + Sync`, and `append`
/// takes `&self`, so it can sit in a `static`.
pub struct LogWriter {
    queue: SyncSender<Message>,
    stats: Arc<Stats>,
    path: PathBuf,
}

enum Message {
    Line(String),
    /// Answered once every line queued before it has been written.
    Flush(SyncSender<()>),
    /// Test only: the writer says it stopped, then waits to be resumed.
    #[cfg(test)]
    Pause {
        paused: SyncSender<()>,
        resume: Receiver<()>,
    },
}

#[derive(Default)]
struct Stats {
    written: AtomicU64,
    dropped: AtomicU64,
    failed: AtomicU64,
    last_error: Mutex<Option<String>>,
}

impl LogWriter {
    /// Starts the writer thread, which appends to `path` (created if
    /// missing). Never fails, so a hook can start it lazily: if the file
    /// cannot be opened, lines count as [`failed`](Self::failed); if the
    /// thread cannot start, as [`dropped`](Self::dropped). Either way
    /// [`last_error`](Self::last_error) says why.
    pub fn start(path: PathBuf, capacity: usize) -> Self {
        let (queue, lines) = sync_channel(capacity);
        let stats = Arc::new(Stats::default());
        let (file, shared) = (path.clone(), Arc::clone(&stats));
        let spawned = thread::Builder::new()
            .name("accounting-log".into())
            .spawn(move || write_lines(&file, &lines, &shared));
        if let Err(e) = spawned {
            // `lines` went down with the closure: every `append` now fails.
            stats.set_error(format!("cannot start the log thread: {e}"));
        }
        LogWriter { queue, stats, path }
    }

    /// Queues one line (without its `\n`). Returns at once: `false` if it
    /// was dropped because the queue is full or the writer is gone.
    pub fn append(&self, line: String) -> bool {
        match self.queue.try_send(Message::Line(line)) {
            Ok(()) => true,
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.stats.dropped.fetch_add(1, Relaxed);
                false
            }
        }
    }

    /// Waits until every line queued so far has been written (or has
    /// failed). For tools and tests; a RAS hook must not call it.
    pub fn flush(&self) {
        let (done, wait) = sync_channel(1);
        if self.queue.send(Message::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Lines written to the file.
    pub fn written(&self) -> u64 {
        self.stats.written.load(Relaxed)
    }

    /// Lines dropped because the queue was full: the disk was too slow.
    pub fn dropped(&self) -> u64 {
        self.stats.dropped.load(Relaxed)
    }

    /// Lines lost because the file could not be opened or written.
    pub fn failed(&self) -> u64 {
        self.stats.failed.load(Relaxed)
    }

    /// The latest I/O error, if any.
    pub fn last_error(&self) -> Option<String> {
        self.stats.lock_error().clone()
    }
}

impl Stats {
    fn lock_error(&self) -> MutexGuard<'_, Option<String>> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn set_error(&self, error: String) {
        *self.lock_error() = Some(error);
    }
}

/// The writer thread: waits for a line, takes whatever else is queued too,
/// and appends the batch with one write. Ends when every sender is gone.
fn write_lines(path: &Path, queue: &Receiver<Message>, stats: &Stats) {
    let mut file: Option<File> = None;
    let mut batch = String::new();
    while let Ok(first) = queue.recv() {
        let (mut lines, mut flushes) = (0, Vec::new());
        // At most MAX_BATCH at a time, so that a steady stream still gets written.
        let queued = queue.try_iter().take(MAX_BATCH - 1);
        for message in std::iter::once(first).chain(queued) {
            match message {
                Message::Line(line) => {
                    batch.push_str(&line);
                    batch.push('\n');
                    lines += 1;
                }
                Message::Flush(done) => flushes.push(done),
                #[cfg(test)]
                Message::Pause { paused, resume } => {
                    let _ = paused.send(());
                    let _ = resume.recv();
                }
            }
        }
        if lines > 0 {
            let counter = match append_to(&mut file, path, batch.as_bytes()) {
                Ok(()) => &stats.written,
                Err(e) => {
                    file = None; // try to reopen next time
                    stats.set_error(format!("{}: {e}", path.display()));
                    &stats.failed
                }
            };
            counter.fetch_add(lines, Relaxed);
            batch.clear();
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

/// Opens `path` for appending if needed (creating its folder, e.g. a
/// missing `System32\LogFiles`), then writes `bytes`. In append mode every
/// write lands at the end of the file, even if another process appends too.
fn append_to(file: &mut Option<File>, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let f = match file {
        Some(f) => f,
        None => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder)?;
            }
            file.insert(OpenOptions::new().create(true).append(true).open(path)?)
        }
    };
    f.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::{LogWriter, Message};
    use std::sync::mpsc::sync_channel;
    use std::{fs, thread};

    fn temp_log(name: &str) -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("rassapi-{name}-{}.jsonl", std::process::id()));
        let _ = fs::remove_file(&path);
        path
    }

    #[test]
    fn full_queue_drops_lines_instead_of_waiting() {
        let path = temp_log("full-queue");
        let log = LogWriter::start(path.clone(), 3);
        // Stop the writer (as a stuck disk would) and wait until it has.
        let (paused, is_paused) = sync_channel(1);
        let (resume, resumed) = sync_channel(1);
        let pause = Message::Pause {
            paused,
            resume: resumed,
        };
        assert!(log.queue.send(pause).is_ok());
        is_paused.recv().unwrap();

        let accepted: Vec<bool> = (0..5).map(|i| log.append(format!("line {i}"))).collect();
        assert_eq!(accepted, [true, true, true, false, false]);
        assert_eq!(log.dropped(), 2);

        resume.send(()).unwrap();
        log.flush();
        assert_eq!(log.written(), 3);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "line 0\nline 1\nline 2\n"
        );
        let _ = fs::remove_file(&path);
    }

    #[test]
    fn concurrent_appends_are_each_written_or_dropped() {
        let path = temp_log("concurrent");
        let log = LogWriter::start(path.clone(), 8);
        thread::scope(|s| {
            for t in 0..8 {
                let log = &log;
                s.spawn(move || {
                    for i in 0..200 {
                        log.append(format!("{{\"thread\":{t},\"i\":{i}}}"));
                    }
                });
            }
        });
        log.flush();
        let text = fs::read_to_string(&path).unwrap();
        // Every line arrives whole, and none is counted twice or lost.
        assert!(
            text.lines()
                .all(|l| l.starts_with("{\"thread\":") && l.ends_with('}'))
        );
        assert_eq!(text.lines().count() as u64, log.written());
        assert_eq!(log.written() + log.dropped(), 8 * 200);
        assert_eq!(log.failed(), 0);
        let _ = fs::remove_file(&path);
    }

    #[test]
    fn unwritable_path_counts_failures() {
        let dir = std::env::temp_dir(); // a directory cannot be opened for appending
        let log = LogWriter::start(dir, 4);
        assert!(log.append("lost".into()));
        log.flush();
        assert_eq!((log.written(), log.failed()), (0, 1));
        assert!(log.last_error().is_some());
    }
}
