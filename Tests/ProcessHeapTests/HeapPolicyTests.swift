import CMalloc
import Glibc
import ProcessHeap
import Testing

/// The heap policy the executable sets at start: a large block keeps a mapping of its own even
/// after a larger one was freed (glibc would otherwise raise its threshold to the freed size and
/// carve the next blocks from an arena, where freed memory stays with the process).
@Suite struct HeapPolicyTests {
    #if canImport(Glibc)
        /// glibc marks a chunk served by its own mapping with bit 2 of the size word before it.
        static func isMapped(_ pointer: UnsafeMutableRawPointer) -> Bool {
            pointer.load(fromByteOffset: -MemoryLayout<Int>.size, as: Int.self) & 0x2 != 0
        }

        @Test func aLargeBlockIsMappedAfterALargerOneWasFreed() throws {
            #expect(HeapPolicy.returnLargeBlocksWhenFreed())
            let larger = try #require(malloc(8 << 20))
            memset(larger, 1, 8 << 20)
            #expect(Self.isMapped(larger))
            free(larger)  // without the policy, the threshold is now 8 MiB
            let block = try #require(malloc(1 << 20))
            defer { free(block) }
            #expect(Self.isMapped(block), "a 1 MiB block came from an arena: the threshold moved")
            let small = try #require(malloc(64))
            defer { free(small) }
            #expect(!Self.isMapped(small))
        }
    #endif
}
