/// Pages of a paginated AWS call as an `AsyncSequence`: each page is fetched when asked for, so a
/// consumer that stops early (the first screenful) never pays for the rest.
public struct PageSequence<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    /// Fetches the page for a token (nil first) and returns it with the next token (nil when done).
    public typealias Fetch = @Sendable (String?) async throws -> (Page, String?)

    private let fetch: Fetch

    public init(_ fetch: @escaping Fetch) { self.fetch = fetch }

    public func makeAsyncIterator() -> Iterator { Iterator(fetch: fetch) }

    public struct Iterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var token: String?
        var finished = false
        var seenTokens: Set<String> = []

        public mutating func next() async throws -> Page? {
            guard !finished else { return nil }
            try Task.checkCancellation()
            let (page, nextToken) = try await fetch(token)
            // A service that hands back the token it was given would loop for ever.
            if let nextToken, !nextToken.isEmpty, !seenTokens.contains(nextToken) {
                seenTokens.insert(nextToken)
                token = nextToken
            } else {
                finished = true
            }
            return page
        }
    }

    /// Every page, collected (for callers that want everything).
    public func collect() async throws -> [Page] {
        var pages: [Page] = []
        for try await page in self { pages.append(page) }
        return pages
    }
}
