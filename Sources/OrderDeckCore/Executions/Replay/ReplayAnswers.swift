import AWSClient

/// The answers a replay gives each Task, in the order the engine will ask for them: per state
/// name, every call of the original (iterations by index, attempts in order — the order a replay
/// with one Map iteration at a time makes its calls), then "no recording" for any call beyond.
///
/// Written as a mock configuration in the format Step Functions Local defined and LocalStack
/// reads (`SFN_MOCK_CONFIG`): one test case per replayed machine, one mocked response per state.
public struct ReplayAnswers: Sendable {
    /// State name → its answers in call order.
    public var byState: [String: [TaskAnswer]]
    /// States the what-if answered instead of the recording (every call).
    public var overridden: [String: TaskAnswer]
    /// States whose recorded answer was cut by the history (their calls fail as "truncated").
    public var truncated: Set<String>

    public static let noRecording = "OrderDeck.NoRecording"
    public static let truncatedRecording = "OrderDeck.TruncatedRecording"
    /// Calls beyond the recording get "no recording" up to this many (ranges must be finite).
    static let lastCall = 9_999

    public init(timeline: Timeline, definition: ReplayDefinition, overrides: [String: TaskAnswer] = [:]) {
        var byState: [String: [TaskAnswer]] = [:]
        var truncated: Set<String> = []
        for step in timeline.allSteps {
            if let path = definition.pinnedPasses[step.name] {
                guard let output = step.output, let document = try? JSONValue.parse(output) else { continue }
                let value = path.flatMap(ResultPathValue.init)?.value(in: document) ?? document
                byState[step.name, default: []].append(.returned(value.description, truncated: false))
            } else if step.kind == .task {
                byState[step.name, default: []].append(contentsOf: step.answers)
                if step.answers.contains(where: { if case .returned(_, true) = $0 { true } else { false } }) {
                    truncated.insert(step.name)
                }
            }
        }
        self.byState = byState
        self.overridden = overrides
        self.truncated = truncated
    }

    /// The calls the original made to `state` (0 when it never ran it).
    public func recordedCalls(_ state: String) -> Int { byState[state]?.count ?? 0 }

    /// The mock configuration for one machine's test case: every Task state of `definition`
    /// answered (recorded, overridden, or "no recording" — a replay never calls anything real).
    public func mockConfiguration(machine: String, testCase: String, definition: ReplayDefinition) -> (
        testCase: JSONValue, responses: [(String, JSONValue)]
    ) {
        var mapping: [(String, JSONValue)] = []
        var responses: [(String, JSONValue)] = []
        for state in definition.taskStates.sorted() {
            let responseName = "\(machine)/\(state)"
            mapping.append((state, .string(responseName)))
            var steps: [(String, JSONValue)] = []
            if let answer = overridden[state] {
                steps.append(("0-\(Self.lastCall)", Self.response(answer)))
            } else {
                let answers = byState[state] ?? []
                for (call, answer) in answers.enumerated() {
                    steps.append(("\(call)", Self.response(answer)))
                }
                let cause =
                    answers.isEmpty
                    ? "the original never called \(state); give it an answer with --task \(state)=FILE"
                    : "the original called \(state) \(answers.count) time\(answers.count == 1 ? "" : "s"); give it an answer with --task \(state)=FILE"
                steps.append(
                    (
                        "\(answers.count)-\(Self.lastCall)",
                        .object([
                            ("Throw", .object([("Error", .string(Self.noRecording)), ("Cause", .string(cause))]))
                        ])
                    ))
            }
            responses.append((responseName, .object(steps)))
        }
        return (.object([(testCase, .object(mapping))]), responses)
    }

    /// Every Task runs as the stand-in function, so a result is given as its invoke response.
    static func response(_ answer: TaskAnswer) -> JSONValue {
        switch answer {
        case .returned(let text, let truncated):
            if truncated {
                return .object([
                    (
                        "Throw",
                        .object([
                            ("Error", .string(truncatedRecording)),
                            ("Cause", .string("the history cut this answer; give it one with --task")),
                        ])
                    )
                ])
            }
            let value = (try? JSONValue.parse(text)) ?? .string(text)
            return .object([("Return", .object([("StatusCode", .number("200")), ("Payload", value)]))])
        case .threw(let error, let cause):
            return .object([("Throw", .object([("Error", .string(error)), ("Cause", .string(cause))]))])
        }
    }
}
