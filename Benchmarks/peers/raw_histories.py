"""Server floor for case 3b: the same GetExecutionHistory pages over keep-alive HTTP, 8 at a
time (as orderdeck fetches), with no client work to speak of — no signing; each page parsed only for
its next token.
Prints one line per execution: {"events": [...]} with the raw event count, so the driver's
validation applies unchanged."""
import argparse
import http.client
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": "AWSStepFunctions.GetExecutionHistory",
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, "
                     "SignedHeaders=host, Signature=0",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    target = urlparse(args.endpoint)
    local = threading.local()
    arns = [line.strip() for line in sys.stdin if line.strip()]

    def history(arn):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(target.hostname, target.port)
        events, token = 0, None
        while True:
            body = {"executionArn": arn, "maxResults": 1000}
            if token:
                body["nextToken"] = token
            local.conn.request("POST", "/", body=json.dumps(body), headers=HEADERS)
            page = json.loads(local.conn.getresponse().read())
            events += len(page["events"])
            token = page.get("nextToken")
            if not token:
                return events

    with ThreadPoolExecutor(8) as pool:
        counts = list(pool.map(history, arns))
    for count in counts:
        print(json.dumps({"events": [0] * count}))


if __name__ == "__main__":
    main()
