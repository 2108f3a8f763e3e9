/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the checksum of the AWS event-stream
/// prelude and message.
///
/// Our own, table-based: none of the packages OrderDeck already depends on exposes one —
/// swift-crypto has only cryptographic hashes, swift-nio has none, and swift-nio-extras keeps its
/// zlib (whose `crc32` this matches) in an internal C target that is not a product.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Adds `bytes` to the running checksum.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        value = ~crc
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var entry = UInt32(index)
        for _ in 0..<8 {
            entry = entry & 1 == 1 ? 0xEDB8_8320 ^ (entry >> 1) : entry >> 1
        }
        return entry
    }
}
