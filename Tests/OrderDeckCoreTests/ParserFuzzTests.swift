import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Testing

/// Every parser fed 10,000 generated inputs — mutations of valid documents and random bytes:
/// none may crash, and every refusal must say what was wrong. (A seeded generator keeps runs
/// repeatable; a failure prints the seed and the input.)
@Suite struct ParserFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

        static let alphabet = Array(#"{}[]":,\ntrue false null 0123456789.eE+-abcNSMLBOL\#u{1b}\#u{0}é注😀"#.utf8)

        /// A valid seed, mutated: bytes flipped, dropped, duplicated, cut, or random bytes.
        mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
            var bytes = seed
            switch int(6) {
            case 0: return (0..<int(64)).map { _ in Self.alphabet[int(Self.alphabet.count)] }
            case 1: if !bytes.isEmpty { bytes.removeSubrange(int(bytes.count)..<bytes.count) }
            default:
                for _ in 0..<(1 + int(4)) where !bytes.isEmpty {
                    let index = int(bytes.count)
                    switch int(3) {
                    case 0: bytes[index] = Self.alphabet[int(Self.alphabet.count)]
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(bytes[index], at: index)
                    }
                }
            }
            return bytes
        }
    }

    static let rounds = 10_000

    func fuzz(_ name: String, seeds: [String], seed: UInt64, _ parse: ([UInt8]) throws -> Void) {
        var generator = Generator(state: seed)
        var refused = 0
        var unclear: [String] = []
        // ORDERDECK_FUZZ_TRACE=1 leaves the input being parsed in /tmp, to find what crashed.
        for round in 0..<Self.rounds {
            let input = generator.mutate(Array(seeds[round % seeds.count].utf8))
            if ProcessInfo.processInfo.environment["ORDERDECK_FUZZ_TRACE"] != nil {
                FileManager.default.createFile(
                    atPath: "/tmp/fuzz-last-\(name.filter(\.isLetter))", contents: Data(input))
            }
            do {
                try parse(input)
            } catch {
                refused += 1
                let text = String(describing: error)
                if text.isEmpty || text.count > 400 {
                    unclear.append(String(decoding: input.prefix(80), as: UTF8.self))
                }
            }
        }
        #expect(unclear.isEmpty, "\(name): errors without a clear one-line reason for \(unclear.prefix(3))")
        print("fuzz \(name): \(Self.rounds) inputs, \(refused) refused with a reason, 0 crashes (seed \(seed))")
    }

    @Test func jsonValue() {
        fuzz(
            "JSONValue",
            seeds: [
                #"{"a":[1,2.5e3,"x\u00e9"],"b":{"c":null,"d":true}}"#, "[]", #""s""#,
                "12345678901234567890123456789012345678",
            ], seed: 1
        ) { bytes in
            let value = try JSONValue.parse(bytes)
            // Whatever parses must print and parse back to the same value.
            #expect(try JSONValue.parse(value.description) == value)
        }
    }

    @Test func dynamoItems() {
        let seeds = [
            #"{"a":{"S":"x"},"n":{"N":"-1.5E+10"},"m":{"M":{"l":{"L":[{"BOOL":true},{"NULL":true}]}}},"s":{"SS":["a"]},"b":{"B":"AAE="}}"#,
            #"{"ns":{"NS":["1","2"]},"bs":{"BS":["AA=="]}}"#,
        ]
        fuzz("DynamoDB item", seeds: seeds, seed: 2) { bytes in
            let item = try JSONDecoder().decode(DynamoItem.self, from: Data(bytes))
            _ = Order(item: item)
            #expect(try JSONDecoder().decode(DynamoItem.self, from: JSONEncoder().encode(item)) == item)
        }
    }

    @Test func vendedLogRecords() {
        let seeds = [
            #"{"id":"3","type":"TaskStateEntered","details":{"name":"A","input":"{}","inputDetails":{"truncated":false}},"previous_event_id":"2","event_timestamp":"1795421813840","execution_arn":"arn:aws:states:us-east-1:1:express:m:n","redrive_count":"0"}"#
        ]
        var parsed = 0
        fuzz("vended log record", seeds: seeds, seed: 3) { bytes in
            // Never throws: a line that is not a record is shown as text.
            if let record = VendedLogEvent(message: String(decoding: bytes, as: UTF8.self)) {
                parsed += 1
                _ = ExpressReconstructor().reconstruct([record], now: Date())
                _ = Timeline(events: [record.event])
            }
        }
        #expect(parsed > 0)
    }

    @Test func historyEvents() {
        let seeds = [
            #"{"events":[{"timestamp":1795334498.717,"type":"TaskFailed","id":9,"previousEventId":8,"taskFailedEventDetails":{"error":"E","cause":"C"}}],"nextToken":null}"#
        ]
        fuzz("history page", seeds: seeds, seed: 4) { bytes in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            let page = try decoder.decode(StepFunctions.GetExecutionHistoryOutput.self, from: Data(bytes))
            _ = Timeline(events: page.events.map(ExecutionEvent.init))
        }
    }

    @Test func iniFiles() {
        let seeds = [
            "[default]\nregion = eu-west-1\n[profile x]\nrole_arn = arn\nsource_profile = default\ns3 =\n  max = 1\n"
        ]
        fuzz("AWS config INI", seeds: seeds, seed: 5) { bytes in
            _ = try INIFile(parsing: String(decoding: bytes, as: UTF8.self), path: "config")
        }
    }

    /// The OrderDeck configuration: TOMLKit's bundled toml++ aborts on some malformed input in
    /// debug builds, so a strict check of the subset we use runs first (TOMLPreflight); this
    /// proves nothing it lets through brings the process down.
    @Test func configFiles() throws {
        let example = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                    "config/orderdeck.example.toml"), encoding: .utf8)
        let seeds = [
            example,
            "default_stack = \"a\"\n[stacks.a]\nregion = \"eu-west-1\"\nstate_machines = [\"x\", 'y']\nreadonly = true\n[stacks.a.api]\nurl = \"https://h/main/\"\n",
            "[stacks.b]\nstate_machines = [\n  \"m\", # c\n]\n[stacks.b.order_template]\namount = 1_000.5e-1\ncustomer = { email = \"e\", n = -3 }\nitems = [{ sku = \"s\" }]\n",
        ]
        fuzz("OrderDeck config TOML", seeds: seeds, seed: 9) { bytes in
            do {
                _ = try ConfigFile(path: "c.toml", text: String(decoding: bytes, as: UTF8.self))
            } catch let problem as ConfigFile.Problem {
                #expect(problem.description.hasPrefix("c.toml"))
                throw problem
            }
        }
    }

    @Test func configFileHeadersThatCrashedTheTOMLParserAreRefused() {
        for text in ["[[[stacks.a]\nstate_machines = [\"x\"]\n", "[.tacks.a]\n", ".key = 1\n", "[stacks..a]\n"] {
            #expect(throws: ConfigFile.Problem.self) { _ = try ConfigFile(path: "c.toml", text: text) }
        }
    }

    @Test func submittedOrders() {
        fuzz(
            "order JSON (submit)", seeds: [#"{"id":"o-1","user_id":"u","amount":12.5,"items":[{"sku":"a"}]}"#], seed: 7
        ) { bytes in
            let order = try OrderTemplate.parse(String(decoding: bytes, as: UTF8.self))
            #expect(order["id"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func apiErrorBodies() {
        let seeds = [
            #"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow"}"#,
            "<ErrorResponse><Error><Code>Throttling</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>",
        ]
        fuzz("API error body", seeds: seeds, seed: 8) { bytes in
            let transport = FixedAnswer(HTTPResponse(status: 400, body: bytes))
            let client = AWSClient(
                region: "us-east-1",
                credentials: StaticCredentialProvider(
                    AWSCredentials(accessKeyId: "a", secretAccessKey: "b", source: "t")),
                endpoints: EndpointResolver(
                    region: "us-east-1", explicitURL: "http://127.0.0.1:9",
                    environment: ProcessEnvironment(variables: [:], homeDirectory: "/")),
                transport: transport, retry: RetryPolicy(maxAttempts: 1))
            let semaphore = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var caught: (any Error)?
            Task {
                do { let _: EmptyInput = try await client.json(.dynamoDB, "Scan", EmptyInput()) } catch {
                    caught = error
                }
                semaphore.signal()
            }
            semaphore.wait()
            if let error = caught as? AWSServiceError {
                #expect(!error.code.isEmpty && error.statusCode == 400)
                throw error
            }
            if let caught { throw caught }
        }
    }
}

/// Answers every request with the same response (the fault seam, for error-body fuzzing).
struct FixedAnswer: HTTPTransport {
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse { response }
}
