/// What `orderdeck --version` prints: the release and the git commit it was built from.
enum OrderDeckVersion {
    static let release = "0.2.0"
    static var text: String { "orderdeck \(release) (commit \(BuildInfo.commit))" }
}
