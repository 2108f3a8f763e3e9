import Foundation
import SigV4
import Testing

/// The official AWS SigV4 test suite (38 cases), header and query variants, stage by stage.
@Suite struct OfficialSuiteTests {
    @Test func suiteIsPresentAndComplete() {
        #expect(OfficialSuiteCase.all().count == 38, "expected 38 cases in \(OfficialSuiteCase.suiteDirectory.path)")
    }

    @Test(arguments: OfficialSuiteCase.all().map(\.name))
    func headerSigning(caseName: String) throws {
        let suiteCase = OfficialSuiteCase(
            name: caseName, directory: OfficialSuiteCase.suiteDirectory.appendingPathComponent(caseName))
        let result = try suiteCase.signer().signWithDetails(try suiteCase.request(), date: try suiteCase.date())
        #expect(result.canonicalRequest == (try suiteCase.file("header-canonical-request.txt")))
        #expect(result.stringToSign == (try suiteCase.file("header-string-to-sign.txt")))
        #expect(result.signature == (try suiteCase.file("header-signature.txt")))
        #expect(
            result.request.headerValue("Authorization")
                == (try suiteCase.expectedAuthorization("header-signed-request.txt")))
        let context = try suiteCase.context()
        if let token = context.credentials.token {
            #expect(result.request.headerValue("X-Amz-Security-Token") == token)
        }
    }

    @Test(arguments: OfficialSuiteCase.all().map(\.name))
    func querySigning(caseName: String) throws {
        let suiteCase = OfficialSuiteCase(
            name: caseName, directory: OfficialSuiteCase.suiteDirectory.appendingPathComponent(caseName))
        let context = try suiteCase.context()
        let original = try suiteCase.request()
        let result = try suiteCase.signer().presignWithDetails(
            original, expires: context.expiration_in_seconds, date: try suiteCase.date())
        #expect(result.canonicalRequest == (try suiteCase.file("query-canonical-request.txt")))
        #expect(result.stringToSign == (try suiteCase.file("query-string-to-sign.txt")))
        #expect(result.signature == (try suiteCase.file("query-signature.txt")))
        let added = result.request.query.dropFirst(original.query.count)
        let ours = (original.query + added).map { URIEncoding.encode($0.name) + "=" + URIEncoding.encode($0.value) }
            .sorted()
        #expect(ours == (try suiteCase.expectedQueryParameters("query-signed-request.txt")))
    }
}
