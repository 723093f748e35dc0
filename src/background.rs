//! Work done beside a build at low priority, so that it never takes a core from the next
//! build: freeing a build's values, typesetting the preview's PDF.

/// Makes the calling thread yield the processor to the others (Linux: a thread's nice value is
/// its own; elsewhere nothing changes).
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Drops `garbage` on a thread of its own at low priority: freeing a large site's values
/// takes a while (150 ms at 10,000 papers), and on a pool thread it would hold up the next
/// build's work.
pub fn drop_later<T: Send + 'static>(garbage: T) {
    let spawned = std::thread::Builder::new()
        .name("cvsite-free".into())
        .spawn(move || {
            lower_priority();
            drop(garbage);
        });
    // Without a thread (the system refused one), it is dropped here and now.
    drop(spawned);
}
