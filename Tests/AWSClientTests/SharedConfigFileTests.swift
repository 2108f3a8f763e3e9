import AWSClient
import Foundation
import TestSupport
import Testing

/// The shared config and credentials files as the AWS SDKs read them ("Shared config and
/// credentials files", AWS SDKs and Tools Reference Guide): text in, profiles out.
@Suite struct SharedConfigFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var config: String = ""
        var credentials: String = ""
        /// Every profile name looked up, with the settings expected (nil: not a profile).
        var expected: [String: [String: String]?]
        var testDescription: String { name }
    }

    /// The profiles `names` resolve to after loading both files from disk.
    static func load(config: String, credentials: String) throws -> SharedConfig {
        let directory = try TemporaryDirectory("shared-config")
        defer { directory.remove() }
        let environment = TestAWS.isolatedEnvironment(
            [
                "AWS_CONFIG_FILE": try directory.write(".aws/config", config),
                "AWS_SHARED_CREDENTIALS_FILE": try directory.write(".aws/credentials", credentials),
            ], home: directory.path)
        return try SharedConfig.load(from: environment)
    }

    static let cases: [Case] = [
        Case(
            name: "Windows line endings",
            config: "[default]\r\nregion = eu-west-1\r\n[profile dev]\r\nregion = us-east-2\r\noutput = json\r\n",
            credentials: "[dev]\r\naws_access_key_id = AKIDDEV\r\n",
            expected: [
                "default": ["region": "eu-west-1"],
                "dev": ["region": "us-east-2", "output": "json", "aws_access_key_id": "AKIDDEV"],
            ]),
        Case(
            name: "a byte-order mark before the first section",
            config: "\u{FEFF}[default]\nregion = eu-west-1\n",
            expected: ["default": ["region": "eu-west-1"]]),
        Case(
            name: "comments after a section header",
            config:
                "[profile foo] # work account\nregion = a\n[profile bar];x\nregion = b\n[default]\t; tab\nregion = c\n",
            expected: ["foo": ["region": "a"], "bar": ["region": "b"], "default": ["region": "c"]]),
        Case(
            name: "comments after a value need white space before them",
            config: "[default]\nregion = a;x\noutput = json ;x\nmax_attempts = 4\t# four\nurl = http://h/#frag\n",
            expected: [
                "default": ["region": "a;x", "output": "json", "max_attempts": "4", "url": "http://h/#frag"]
            ]),
        Case(
            name: "continuation lines continue the value with a newline",
            config: "[default]\nkey = value\n  more\n\tand more  \nregion = r\n",
            expected: ["default": ["key": "value\nmore\nand more", "region": "r"]]),
        Case(
            name: "profile names are trimmed, also between 'profile' and the name",
            config: "[profile   spaced  ]\nregion = a\n[profile\tTabbed]\nregion = b\n[ \tprofile x ]\nregion = c\n",
            expected: ["spaced": ["region": "a"], "Tabbed": ["region": "b"], "x": ["region": "c"]]),
        Case(
            name: "every character a profile name may hold",
            config: "[profile a-b/c.d%e@f_g:h+9]\nregion = a\n",
            credentials: "[a-b/c.d%e@f_g:h+9]\naws_access_key_id = K\n",
            expected: ["a-b/c.d%e@f_g:h+9": ["region": "a", "aws_access_key_id": "K"]]),
        Case(
            name: "a name with other characters is ignored with its properties, and nothing else is",
            config: "[profile bad!name]\nregion = a\nnot a setting at all\n[profile ok]\nregion = b\n",
            credentials: "[bad name]\naws_access_key_id = K\n  continued\n[fine]\naws_access_key_id = F\n",
            expected: [
                "bad!name": nil, "bad name": nil, "ok": ["region": "b"], "fine": ["aws_access_key_id": "F"],
            ]),
        Case(
            name: "a property name with spaces is ignored",
            config: "[default]\nmy key = v\n  continued\nregion = r\n",
            expected: ["default": ["region": "r"]]),
        Case(
            name: "[profile x] in the credentials file is not a profile",
            credentials: "[profile x]\naws_access_key_id = A\n[y]\naws_access_key_id = B\n",
            expected: ["x": nil, "profile x": nil, "y": ["aws_access_key_id": "B"]]),
        Case(
            name: "[x] without 'profile' in the config file is not a profile",
            config: "[x]\nregion = a\n[default]\nregion = d\n",
            expected: ["x": nil, "default": ["region": "d"]]),
        Case(
            name: "[profile default] wins over [default]",
            config: "[default]\nregion = plain\noutput = text\n[profile default]\nregion = prefixed\n",
            credentials: "[default]\naws_access_key_id = K\n",
            expected: ["default": ["region": "prefixed", "aws_access_key_id": "K"]]),
        Case(
            name: "[profile default] wins over a later [default]",
            config: "[profile default]\nregion = prefixed\n[default]\nregion = plain\noutput = text\n",
            expected: ["default": ["region": "prefixed"]]),
        Case(
            name: "a repeated section adds to the first",
            config: "[profile p]\nregion = a\n[profile q]\nregion = q\n[profile p]\noutput = json\nregion = b\n",
            expected: ["p": ["region": "b", "output": "json"], "q": ["region": "q"]]),
    ]

    @Test(arguments: cases) func profilesAsTheSDKsReadThem(_ example: Case) throws {
        let shared = try Self.load(config: example.config, credentials: example.credentials)
        for (name, expected) in example.expected {
            #expect(shared.profile(name)?.values == expected, "profile '\(name)'")
        }
    }

    @Test func subPropertiesStayAsTheyAre() throws {
        let shared = try Self.load(
            config: "[profile dev]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\nregion = r\n",
            credentials: "")
        let dev = try #require(shared.profile("dev"))
        #expect(dev.subsections["s3"] == ["max_concurrent_requests": "10", "addressing_style": "path"])
        #expect(dev["region"] == "r")
    }

    @Test func servicesAndSSOSessionSectionsStillRead() throws {
        let shared = try Self.load(
            config: "[services  corp ]\r\nsts =\r\n  endpoint_url = http://127.0.0.1:7001\r\n"
                + "[sso-session\tmy-sso] # corp\r\nsso_region = eu-west-1\r\n",
            credentials: "")
        #expect(shared.services("corp")?["sts"]?["endpoint_url"] == "http://127.0.0.1:7001")
        #expect(shared.ssoSession("my-sso")?["sso_region"] == "eu-west-1")
    }

    @Test func malformedLinesGiveTheFileLineAndReason() throws {
        let failures: [(String, Int, String)] = [
            ("[profile ok]\r\nregion = a\r\n[profile other]\r\nnot a setting\r\n", 4, "expected 'key = value'"),
            ("[default\n", 1, "section header is missing its closing ']'"),
            ("[default] trailing\n", 1, "section header is missing its closing ']'"),
            ("region = x\n", 1, "a setting before any [section]"),
            ("[default]\n= value\n", 2, "a value with no key"),
            ("[default]\ns3 =\n  not a sub-property\n", 3, "expected 'key = value'"),
        ]
        for (text, line, reason) in failures {
            #expect(throws: INIFile.ParseError(path: "config", line: line, reason: reason), "\(text.debugDescription)")
            {
                _ = try INIFile(parsing: text, path: "config")
            }
        }
    }
}
