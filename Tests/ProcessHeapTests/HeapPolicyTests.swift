import CMalloc
import Glibc
import ProcessHeap
import Testing

/// The heap policy the executable sets at start: a large block keeps a mapping of its own even
/// after a larger one was freed (glibc would otherwise raise its threshold to the freed size and
/// carve the next blocks from an arena, where freed memory stays with the process).
@Suite struct HeapPolicyTests {
    /// glibc marks a chunk served by its own mapping with bit 2 of the size word before it.
    static func isMapped(_ pointer: UnsafeMutableRawPointer) -> Bool {
        pointer.load(fromByteOffset: -MemoryLayout<Int>.size, as: Int.self) & 0x2 != 0
    }

    @Test func aLargeBlockIsMappedAfterALargerOneWasFreed() throws {
        #expect(HeapPolicy.returnLargeBlocksWhenFreed(), "glibc refused the threshold")
        // The threshold only decides when an arena must grow: a block the arenas' free memory
        // could already hold says nothing. This process runs every other test too, so the
        // sizes sit near the top of glibc's dynamic range (32 MiB) and the check is made only
        // while the arenas hold less free memory than the block.
        let blockBytes = 20 << 20
        let larger = try #require(malloc(30 << 20))
        memset(larger, 1, 30 << 20)
        free(larger)  // without the policy, the threshold is now 30 MiB
        let free = mallinfo2().fordblks
        guard free < blockBytes else {
            print("HeapPolicyTests: the arenas hold \(free >> 20) MiB free; the mapping is not checked this run")
            return
        }
        let block = try #require(malloc(blockBytes))
        defer { Glibc.free(block) }
        #expect(Self.isMapped(block), "a 20 MiB block came from an arena: the threshold moved")
        let small = try #require(malloc(64))
        defer { Glibc.free(small) }
        #expect(!Self.isMapped(small))
    }
}
