import AWSServices
import Foundation
import OrderDeckCore
import SigV4

// In-process cases of the benchmark suite (issue 7), driven by Benchmarks/run.py:
//   orderdeck-bench sign SECONDS        SigV4-sign fresh DynamoDB Scan requests for SECONDS; prints requests/s
//   orderdeck-bench decode FILE ROUNDS  decode a raw Scan response into orders ROUNDS times; prints ms per round
//   orderdeck-bench print FILE ROUNDS   decode it and write every order as `orders --output json` once did; ms per round
//   orderdeck-bench write FILE ROUNDS   write every order straight from the answer's text, as `orders --output json` does
// Each prints one JSON object per measurement on stdout, so the driver treats every tool alike.

func signThroughput(seconds: Double) {
    let signer = SigV4Signer(
        credentials: .init(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "dynamodb")
    let body = Array(#"{"TableName":"ORDER","Limit":100}"#.utf8)
    let clock = ContinuousClock()
    // One round signs for a fifth of the time; five rounds give the driver a spread.
    for _ in 0..<5 {
        var signed = 0
        var checksum = 0
        let start = clock.now
        let end = start.advanced(by: .milliseconds(Int(seconds * 200)))
        while clock.now < end {
            for _ in 0..<100 {
                let request = SigningRequest(
                    method: "POST", path: "/",
                    headers: [
                        .init("Host", "dynamodb.us-east-1.amazonaws.com"),
                        .init("Content-Type", "application/x-amz-json-1.0"),
                        .init("X-Amz-Target", "DynamoDB_20120810.Scan"),
                    ], body: body)
                checksum &+= signer.sign(request).headers.count
                signed += 1
            }
        }
        let elapsed = (clock.now - start).seconds
        print(#"{"value": \#(Double(signed) / elapsed), "unit": "req/s", "check": \#(checksum)}"#)
    }
}

func decodeRounds(file: String, rounds: Int) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        let start = clock.now
        // The reader the DynamoDB client uses for Scan/Query answers.
        let output = try DynamoDB.ScanOutput(jsonBytes: Array(data))
        let orders = (output.Items ?? []).map(Order.init(item:))
        let elapsed = (clock.now - start).seconds
        print(#"{"value": \#(elapsed * 1000), "unit": "ms", "items": \#(orders.count), "bytes": \#(data.count)}"#)
    }
}

/// Times `rounds` passes of `writeAll` (which writes a whole answer's orders into the buffer it
/// is given and returns how many), printing each pass's time and output size.
func writingRounds(file: String, rounds: Int, _ writeAll: ([UInt8], inout [UInt8]) throws -> Int) throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    let clock = ContinuousClock()
    var out: [UInt8] = []
    for _ in 0..<rounds {
        out.removeAll(keepingCapacity: true)
        let start = clock.now
        let items = try writeAll(bytes, &out)
        let elapsed = (clock.now - start).seconds
        print(#"{"value": \#(elapsed * 1000), "unit": "ms", "items": \#(items), "out": \#(out.count)}"#)
    }
}

/// Every item decoded into an order, then written (`orders --output json` before it transcoded).
func printRounds(file: String, rounds: Int) throws {
    try writingRounds(file: file, rounds: rounds) { bytes, out in
        let items = try DynamoDB.ScanOutput(jsonBytes: bytes).Items ?? []
        for item in items {
            Order(item: item).writeJSON(into: &out)
            out.append(UInt8(ascii: ","))
        }
        return items.count
    }
}

/// Every item written straight from the answer's text (`orders --output json` now).
func writeRounds(file: String, rounds: Int) throws {
    try writingRounds(file: file, rounds: rounds) { bytes, out in
        let page = try DynamoRawPage(jsonBytes: bytes)
        for index in 0..<page.count {
            try Order.writeJSON(item: index, of: page, into: &out)
            out.append(UInt8(ascii: ","))
        }
        return page.count
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "sign":
    signThroughput(seconds: Double(arguments.dropFirst().first ?? "") ?? 5)
case "decode" where arguments.count >= 2:
    do {
        try decodeRounds(file: arguments[1], rounds: Int(arguments.dropFirst(2).first ?? "") ?? 20)
    } catch {
        FileHandle.standardError.write(Data("orderdeck-bench: \(error)\n".utf8))
        exit(1)
    }
case "print" where arguments.count >= 2:
    do {
        try printRounds(file: arguments[1], rounds: Int(arguments.dropFirst(2).first ?? "") ?? 20)
    } catch {
        FileHandle.standardError.write(Data("orderdeck-bench: \(error)\n".utf8))
        exit(1)
    }
case "write" where arguments.count >= 2:
    do {
        try writeRounds(file: arguments[1], rounds: Int(arguments.dropFirst(2).first ?? "") ?? 20)
    } catch {
        FileHandle.standardError.write(Data("orderdeck-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(
        Data("usage: orderdeck-bench sign SECONDS | decode FILE ROUNDS | print FILE ROUNDS | write FILE ROUNDS\n".utf8))
    exit(64)
}
