/// The editor the operator chose, as Unix tools find it: `$VISUAL`, then `$EDITOR` (an empty one
/// counts as unset), else vi. Run through the shell, so `EDITOR="code --wait"` works.
public enum EditorChoice {
    public static func command(environment: [String: String]) -> String {
        environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap {
            $0.isEmpty ? nil : $0
        } ?? "vi"
    }
}
