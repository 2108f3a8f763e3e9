#if canImport(Glibc)
    import CMalloc
#endif

/// How OrderDeck's processes ask glibc's malloc to give memory back, set once at start.
///
/// glibc serves a large block (from 128 KiB) with its own mapping and unmaps it when freed — but
/// after the first such free it raises that threshold to the freed block's size. From then on the
/// dashboard's index rebuilds (arrays of 1–2 MB, each time an order changes) were carved from the
/// heaps of several threads' arenas, where freed memory stays with the process: at 20,000 orders
/// the dashboard grew 59 → 84 MB within two minutes of orders arriving, and stayed there. With the
/// threshold fixed, large blocks keep their own mappings (60 MB, flat). The dashboard, `logs
/// --follow` and the local stack's gateway run for hours; a short command pays nothing noticeable
/// (an mmap per large block).
public enum HeapPolicy {
    /// Blocks from this size get a mapping of their own, returned to the system when freed.
    public static let largeBlockBytes: Int32 = 128 * 1024

    /// Fixes glibc's mmap threshold at `largeBlockBytes`. False where the C library has no such
    /// setting (not glibc) — nothing changes there.
    @discardableResult
    public static func returnLargeBlocksWhenFreed() -> Bool {
        #if canImport(Glibc)
            return mallopt(M_MMAP_THRESHOLD, largeBlockBytes) == 1
        #else
            return false
        #endif
    }
}
