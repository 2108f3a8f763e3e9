/// What one attempt of a Task state was answered with, as the history recorded it: the raw result
/// of the integration (`TaskSucceeded`'s output, before ResultSelector/ResultPath/OutputPath) or
/// the error and cause it failed with. A replay answers the same attempt the same way.
public enum TaskAnswer: Sendable, Hashable {
    /// The result, as JSON text; `truncated` when the history cut it (it cannot be replayed as is).
    case returned(String, truncated: Bool)
    case threw(error: String, cause: String)
}
