/// "1 order", "2 orders", "0 orders": a count with its noun in the right number, for every
/// count the CLI prints in a sentence.
func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}
